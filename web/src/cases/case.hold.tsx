// Löschsperre: a legal hold or a statutory retention duty suspends the deletion. The reason is
// shown on the retention dashboard in clear text, so the form asks for no names or contact data.
import {
  Alert,
  Button,
  Group,
  Modal,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { ApiError } from '../api/api.client.ts';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { DetailList } from '../registry/registry.fields.tsx';
import { clearHold, setHold } from './cases.api.ts';
import { HOLD_HINTS, HOLD_LABELS } from './cases.labels.ts';
import type { CaseDetail, HoldKind } from './cases.types.ts';
import { HOLD_KINDS } from './cases.types.ts';
import { StatusBadge } from '../registry/registry.badges.tsx';

type Changed = (detail: CaseDetail) => void;

function HoldForm({ detail, onChanged }: { detail: CaseDetail; onChanged: Changed }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<HoldKind>('retention-duty');
  const [reason, setReason] = useState('');
  const [reviewOn, setReviewOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (reason.trim().length < 3) {
      local['reason'] = t('cases.hold.reasonRequired');
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(reviewOn)) {
      local['reviewOn'] = t('cases.hold.reviewOnRequired');
    }
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length > 0) {
      document
        .getElementById(local['reason'] === undefined ? 'case-hold-review' : 'case-hold-reason')
        ?.focus();
      return;
    }
    setBusy(true);
    try {
      onChanged(await setHold(detail.id, { kind, reason: reason.trim(), reviewOn }));
    } catch (failure: unknown) {
      const fields: Record<string, string> = {};
      if (failure instanceof ApiError) {
        for (const entry of failure.details) {
          fields[entry.path] ??= entry.message;
        }
      }
      setErrors(fields);
      setMessage(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Text size="sm">{t('cases.hold.intro')}</Text>
        {message !== null && (
          <Alert color="red" variant="light" role="alert">
            {message}
          </Alert>
        )}
        <Radio.Group
          id="case-hold-kind"
          label={t('cases.hold.kind')}
          value={kind}
          onChange={(value) => {
            setKind(value === 'legal-hold' ? 'legal-hold' : 'retention-duty');
          }}
        >
          <Stack gap="xs" mt="xs">
            {HOLD_KINDS.map((value) => (
              <Radio
                key={value}
                id={`case-hold-kind-${value}`}
                value={value}
                label={t(HOLD_LABELS[value])}
                description={t(HOLD_HINTS[value])}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          id="case-hold-reason"
          label={t('cases.hold.reason')}
          description={t('cases.hold.reasonHint')}
          required
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          error={errors['reason']}
          onChange={(event) => {
            setReason(event.currentTarget.value);
          }}
        />
        <TextInput
          id="case-hold-review"
          type="date"
          label={t('cases.hold.reviewOn')}
          description={t('cases.hold.reviewOnHint')}
          required
          maw={260}
          value={reviewOn}
          error={errors['reviewOn']}
          onChange={(event) => {
            setReviewOn(event.currentTarget.value);
          }}
        />
        <Group>
          <Button type="submit" variant="default" loading={busy}>
            {t('cases.hold.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ClearDialog({
  detail,
  onClose,
  onChanged,
}: {
  detail: CaseDetail;
  onClose: () => void;
  onChanged: Changed;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      onChanged(await clearHold(detail.id));
    } catch (failure: unknown) {
      setBusy(false);
      setError(errorText(failure, t));
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('cases.hold.clearTitle')}
      withinPortal={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {detail.status === 'closed'
            ? t('cases.hold.clearTextClosed', { months: detail.retentionMonths })
            : t('cases.hold.clearTextOpen')}
        </Text>
        {error !== null && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} onClick={() => void confirm()} data-autofocus>
            {t('cases.hold.clearConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function HoldSection({
  detail,
  canManage,
  onChanged,
}: {
  detail: CaseDetail;
  canManage: boolean;
  onChanged: Changed;
}) {
  const { t, formatDate, formatDateTime } = useI18n();
  const [clearing, setClearing] = useState(false);
  const hold = detail.hold;
  if (hold === null) {
    return canManage ? (
      <HoldForm detail={detail} onChanged={onChanged} />
    ) : (
      <Text size="sm">{t('cases.hold.none')}</Text>
    );
  }
  return (
    <Stack gap="sm" align="flex-start">
      <DetailList
        items={[
          [t('cases.hold.kind'), t(HOLD_LABELS[hold.kind])],
          [t('cases.hold.reason'), hold.reason],
          [
            t('cases.hold.reviewOn'),
            <>
              {hold.reviewOn === null ? '–' : formatDate(hold.reviewOn)}{' '}
              {hold.reviewDue && <StatusBadge tone="bad">{t('cases.hold.reviewDue')}</StatusBadge>}
            </>,
          ],
          [t('cases.hold.setAt'), hold.setAt === null ? '–' : formatDateTime(hold.setAt)],
        ]}
      />
      {canManage && (
        <Button
          variant="default"
          onClick={() => {
            setClearing(true);
          }}
        >
          {t('cases.hold.clear')}
        </Button>
      )}
      {clearing && (
        <ClearDialog
          detail={detail}
          onClose={() => {
            setClearing(false);
          }}
          onChanged={(next) => {
            setClearing(false);
            onChanged(next);
          }}
        />
      )}
    </Stack>
  );
}
