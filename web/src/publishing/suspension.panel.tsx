// The crisis switch: "Alle geplanten Beiträge anhalten" with a reason, and "Wieder freigeben".
// While publishing is on hold, every page of the module shows the banner with the reason.
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { errorText } from '../api/api.errors.ts';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { scheduleErrorText } from './calendar.data.ts';
import { fetchSuspension, setSuspension } from './publishing.api.ts';
import type { Suspension } from './publishing.types.ts';

const REASON_ID = 'suspension-reason';
const MAX_REASON = 500;

function SuspendDialog({
  onClose,
  onSuspended,
}: {
  onClose: () => void;
  onSuspended: (suspension: Suspension) => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setError(t('common.required'));
      document.getElementById(REASON_ID)?.focus();
      return;
    }
    setBusy(true);
    try {
      onSuspended(await setSuspension({ suspended: true, reason: reason.trim() }));
    } catch (failure: unknown) {
      setBusy(false);
      setError(scheduleErrorText(failure, t));
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('suspension.dialogTitle')}
      withinPortal={false}
      returnFocus={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Text size="sm">{t('suspension.dialogText')}</Text>
          <Textarea
            id={REASON_ID}
            label={t('suspension.reason')}
            description={t('suspension.reasonHint')}
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy}>
              {t('suspension.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Banner for everyone, switch for those with publishing.suspend. The live region is rendered from
 * the start so that holding and releasing are announced to screen readers.
 */
export function SuspensionPanel() {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const mayToggle = can(PERMISSIONS.publishingSuspend);
  const { resource, update } = useResource(fetchSuspension);
  const [dialog, setDialog] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = resource.status === 'ready' ? resource.data : null;
  const bannerRef = useRef<HTMLDivElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const focusAfterDialog = useRef(false);

  useEffect(() => {
    // The dialog's opener disappears once publishing is held; focus goes to the banner then.
    if (focusAfterDialog.current) {
      focusAfterDialog.current = false;
      (bannerRef.current ?? openRef.current)?.focus();
    }
  });

  const resume = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const result = await setSuspension({ suspended: false });
      update(() => result);
      const replanned = result.replanned ?? 0;
      setMessage(
        replanned > 0 ? t('suspension.replanned', { count: replanned }) : t('suspension.resumed'),
      );
    } catch (error: unknown) {
      setFailure(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div role="status">
        {current?.suspended === true && (
          <Alert
            ref={bannerRef}
            tabIndex={-1}
            color="red"
            variant="outline"
            mb="md"
            title={t('suspension.bannerTitle')}
          >
            <Stack gap={6} align="flex-start">
              {current.reason !== null && (
                <Text size="sm" fw={600}>
                  {t('suspension.bannerReason', { reason: current.reason })}
                </Text>
              )}
              <Text size="sm">
                {current.suspendedAt !== null &&
                  `${t('suspension.bannerSince', { when: formatDateTime(current.suspendedAt) })} `}
                {t('suspension.bannerText')}
              </Text>
              {mayToggle && (
                <Button size="xs" loading={busy} onClick={() => void resume()}>
                  {t('suspension.resume')}
                </Button>
              )}
            </Stack>
          </Alert>
        )}
        {current?.suspended === false && message !== null && (
          <Alert color="blue" variant="light" mb="md">
            {message}
          </Alert>
        )}
      </div>
      {failure !== null && (
        <Alert color="red" variant="light" role="alert" mb="md">
          {failure}
        </Alert>
      )}
      {mayToggle && current?.suspended === false && (
        <Group mb="md">
          <Button
            ref={openRef}
            variant="outline"
            color="red"
            onClick={() => {
              setMessage(null);
              setDialog(true);
            }}
          >
            {t('suspension.open')}
          </Button>
        </Group>
      )}
      {dialog && (
        <SuspendDialog
          onClose={() => {
            setDialog(false);
            focusAfterDialog.current = true;
          }}
          onSuspended={(suspension) => {
            update(() => suspension);
            setDialog(false);
            focusAfterDialog.current = true;
          }}
        />
      )}
    </>
  );
}
