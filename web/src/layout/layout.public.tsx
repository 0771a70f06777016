// Frame for the pages before sign-in (login, setup, invite): same landmarks as the app shell.
import { Box, Container, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LanguageSwitch } from './layout.language-switch.tsx';
import { MAIN_ID, SkipLink } from './layout.skip-link.tsx';

export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <SkipLink />
      <Box component="header" px="md" py="sm" bg="gray.0">
        <Group justify="space-between">
          <Text fw={700} size="lg">
            {t('app.name')}
          </Text>
          <LanguageSwitch />
        </Group>
      </Box>
      <Container component="main" id={MAIN_ID} tabIndex={-1} className="sf-main" size={480} py="xl">
        <Paper withBorder p="lg" radius="md">
          {children}
        </Paper>
      </Container>
    </>
  );
}
