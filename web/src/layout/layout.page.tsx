// Building blocks shared by all pages: title handling, loading and error states.
import {
  Alert,
  Box,
  Button,
  Center,
  Loader,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';

/** Keeps the browser tab title in step with the page's h1 (WCAG 2.4.2). */
export function useDocumentTitle(title: string): void {
  const { t } = useI18n();
  const appName = t('app.name');
  useEffect(() => {
    document.title = title === appName ? appName : `${title} – ${appName}`;
  }, [title, appName]);
}

export function PageHeader({ title, intro }: { title: string; intro?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <Stack gap="xs" mb="lg">
      <Title order={1}>{title}</Title>
      {intro !== undefined && <Text c="dimmed">{intro}</Text>}
    </Stack>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <Center py="xl" role="status">
      <Loader size="sm" />
      <VisuallyHidden>{t('app.loading')}</VisuallyHidden>
    </Center>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert color="red" variant="light">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorText(error, t)}</Text>
        {onRetry !== undefined && (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** Horizontal scrolling for wide tables on small screens; focusable so keyboards can scroll it. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box className="sf-table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </Box>
  );
}
