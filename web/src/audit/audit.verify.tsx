// Runs the server's hash-chain check and reports the result in a live region.
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { errorText } from '../api/api.errors.ts';
import type { AuditVerification } from '../api/api.types.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { verifyAuditChain } from './audit.api.ts';

type VerifyState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: AuditVerification }
  | { status: 'failed'; message: string };

export function AuditVerify() {
  const { t } = useI18n();
  const [state, setState] = useState<VerifyState>({ status: 'idle' });

  const run = () => {
    setState({ status: 'running' });
    verifyAuditChain().then(
      (result) => {
        setState({ status: 'done', result });
      },
      (failure: unknown) => {
        setState({ status: 'failed', message: errorText(failure, t) });
      },
    );
  };

  return (
    <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="audit-verify-title">
      <Stack gap="sm" align="flex-start">
        <Title order={2} id="audit-verify-title">
          {t('audit.verifyTitle')}
        </Title>
        <Text size="sm">{t('audit.verifyIntro')}</Text>
        <Button variant="default" onClick={run} loading={state.status === 'running'}>
          {t('audit.verify')}
        </Button>
        {/* The live region stays mounted so that the result is announced when it arrives. */}
        <div role="status" data-testid="audit-verify-result">
          {state.status === 'done' && (
            <Text fw={600} c={state.result.ok ? 'blue.9' : 'red.9'}>
              {state.result.ok
                ? t('audit.verifyOk', { checked: state.result.checked })
                : t('audit.verifyBroken', {
                    id: state.result.brokenAt ?? '?',
                    checked: state.result.checked,
                  })}
            </Text>
          )}
          {state.status === 'failed' && (
            <Text fw={600} c="red.9">
              {state.message}
            </Text>
          )}
        </div>
      </Stack>
    </Paper>
  );
}
