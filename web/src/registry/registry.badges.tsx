// Status badges. Colour is never the only signal: each badge says its state in words.
import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'good' | 'warn' | 'bad';

const COLORS: Record<BadgeTone, string> = {
  neutral: 'gray',
  good: 'blue',
  warn: 'yellow',
  bad: 'red',
};

export function StatusBadge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return (
    <Badge
      variant="light"
      color={COLORS[tone]}
      tt="none"
      styles={{
        label: { overflow: 'visible' },
        // Mantine's light yellow text is below 4.5:1 on its own background; use a darker shade.
        root: tone === 'warn' ? { color: 'var(--mantine-color-yellow-9)' } : undefined,
      }}
    >
      {children}
    </Badge>
  );
}
