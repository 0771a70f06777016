// The crisis-mode switch: on with a reason (it holds every regular scheduled post), off again.
// Both directions ask for confirmation; only `crisis.manage` sees the buttons.
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { setCrisisMode } from './crisis.api.ts';
import { announceCrisisChange } from './crisis.poll.ts';
import type { CrisisStatus } from './crisis.types.ts';

const REASON_ID = 'crisis-mode-reason';
const MAX_REASON = 500;

function ModeDialog({
  turnOn,
  onClose,
  onChanged,
}: {
  turnOn: boolean;
  onClose: () => void;
  onChanged: (status: CrisisStatus) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (turnOn && reason.trim() === '') {
      setError(t('common.required'));
      document.getElementById(REASON_ID)?.focus();
      return;
    }
    setBusy(true);
    try {
      onChanged(await setCrisisMode(turnOn, reason.trim()));
    } catch (failure: unknown) {
      setBusy(false);
      setError(errorText(failure, t));
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={turnOn ? t('crisis.mode.onTitle') : t('crisis.mode.offTitle')}
      withinPortal={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Text size="sm">{turnOn ? t('crisis.mode.onText') : t('crisis.mode.offText')}</Text>
          {turnOn ? (
            <Textarea
              id={REASON_ID}
              label={t('crisis.mode.reason')}
              description={t('crisis.mode.reasonHint')}
              required
              autosize
              minRows={3}
              maxLength={MAX_REASON}
              data-autofocus
              value={reason}
              error={error ?? undefined}
              onChange={(event) => {
                setReason(event.currentTarget.value);
              }}
            />
          ) : (
            error !== null && (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            )
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color={turnOn ? 'red' : 'blue'}
              loading={busy}
              data-autofocus={!turnOn || undefined}
            >
              {turnOn ? t('crisis.mode.onConfirm') : t('crisis.mode.offConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function CrisisModePanel({
  status,
  onChanged,
}: {
  status: CrisisStatus;
  onChanged: (status: CrisisStatus) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const [dialog, setDialog] = useState(false);

  return (
    <Stack gap="sm" align="flex-start">
      {status.crisisMode ? (
        <>
          <Text fw={600}>{t('crisis.mode.isOn', { reason: status.reason ?? '' })}</Text>
          {status.startedAt !== null && (
            <Text size="sm">
              {t('crisis.mode.since', { date: formatDateTime(status.startedAt) })}
            </Text>
          )}
        </>
      ) : (
        <Text>{t('crisis.mode.isOff')}</Text>
      )}
      <Text size="sm" c="dimmed">
        {status.suspended ? t('crisis.mode.suspended') : t('crisis.mode.notSuspended')}
      </Text>
      {can(PERMISSIONS.crisisManage) && (
        <Button
          color={status.crisisMode ? 'blue' : 'red'}
          onClick={() => {
            setDialog(true);
          }}
        >
          {status.crisisMode ? t('crisis.mode.turnOff') : t('crisis.mode.turnOn')}
        </Button>
      )}
      {dialog && (
        <ModeDialog
          turnOn={!status.crisisMode}
          onClose={() => {
            setDialog(false);
          }}
          onChanged={(next) => {
            setDialog(false);
            announceCrisisChange();
            onChanged(next);
          }}
        />
      )}
    </Stack>
  );
}
