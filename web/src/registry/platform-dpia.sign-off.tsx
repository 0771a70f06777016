// "DSFA freigeben": the dpo signs off the DSFA as stored, after a confirmation step.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { signOffDpia } from './registry.api.ts';
import type { Platform } from './registry.types.ts';

export function DpiaSignOff({
  platform,
  onSigned,
}: {
  platform: Platform;
  onSigned: (platform: Platform) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dpia = platform.dpia;
  const signOff = platform.dpiaSignOff;

  if (dpia === null) {
    return null;
  }
  if (signOff !== null) {
    return (
      <Alert color="blue" variant="light" mt="md" title={t('platform.signOff')}>
        {t('platform.signedOffBy', {
          name: signOff.signedOffByName ?? signOff.signedOffBy,
          at: formatDateTime(signOff.signedOffAt),
        })}
      </Alert>
    );
  }
  if (!can(PERMISSIONS.registryDpiaSignOff)) {
    return (
      <Text mt="md" size="sm">
        {t('platform.awaitingSignOff')}
      </Text>
    );
  }

  const sign = () => {
    setBusy(true);
    setError(null);
    signOffDpia(platform.id).then(
      (saved) => {
        setBusy(false);
        setConfirming(false);
        onSigned(saved);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorText(failure, t));
      },
    );
  };

  return (
    <Stack gap="sm" mt="md" align="flex-start">
      {error !== null && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {confirming ? (
        <>
          <Text>
            {t('platform.signOffConfirm', { ref: dpia.documentRef, version: dpia.version })}
          </Text>
          <Group>
            <Button loading={busy} onClick={sign}>
              {t('platform.signOffSubmit')}
            </Button>
            <Button
              variant="default"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
              }}
            >
              {t('common.cancel')}
            </Button>
          </Group>
        </>
      ) : (
        <Button
          onClick={() => {
            setConfirming(true);
          }}
        >
          {t('platform.signOffButton')}
        </Button>
      )}
    </Stack>
  );
}
