// Theme tuned for WCAG 2.1 AA: Mantine's default shade 6 and its "dimmed" grey are below 4.5:1
// on white, so we use shade 8 (5.0:1) and darker greys and reds for text.
import { createTheme } from '@mantine/core';
import type { CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  focusRing: 'auto',
  defaultRadius: 'sm',
  headings: { sizes: { h1: { fontSize: '1.75rem' }, h2: { fontSize: '1.25rem' } } },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-disabled-color': 'var(--mantine-color-gray-7)',
    // Subtle buttons keep 4.5:1 when hovered: blue-9 text on the default blue-2 is only 4.0:1.
    '--mantine-color-blue-light-hover': 'var(--mantine-color-blue-1)',
  },
  dark: {},
});
