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
        // Mantine's light yellow text is 2.7:1 on its own background; dark text reaches 14:1.
        root: tone === 'warn' ? { color: 'var(--mantine-color-dark-7)' } : undefined,
      }}
    >
      {children}
    </Badge>
  );
}
