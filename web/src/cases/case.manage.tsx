// Working on a case: status (open, waiting, closed; reopen), category, unit and person, notes.
import {
  Alert,
  Button,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { addNote, updateCase } from './cases.api.ts';
import type { CaseOptions } from './cases.options.ts';
import type { CaseDetail, CaseStatus, UpdateCaseInput } from './cases.types.ts';

type Changed = (detail: CaseDetail) => void;

function CloseDialog({
  detail,
  onClose,
  onConfirm,
  busy,
}: {
  detail: CaseDetail;
  onClose: () => void;
  onConfirm: () => void;
  busy: boolean;
}) {
  const { t } = useI18n();
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('cases.status.closeTitle')}
      withinPortal={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {detail.hold === null
            ? t('cases.status.closeText', { months: detail.retentionMonths })
            : t('cases.status.closeTextHold')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} onClick={onConfirm} data-autofocus>
            {t('cases.status.closeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function StatusActions({ detail, onChanged }: { detail: CaseDetail; onChanged: Changed }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);

  const change = async (status: CaseStatus) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await updateCase(detail.id, { status }));
      setConfirmClose(false);
    } catch (failure: unknown) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" align="flex-start">
      <Group gap="sm">
        {detail.status === 'open' && (
          <Button variant="default" loading={busy} onClick={() => void change('waiting')}>
            {t('cases.status.toWaiting')}
          </Button>
        )}
        {detail.status === 'waiting' && (
          <Button variant="default" loading={busy} onClick={() => void change('open')}>
            {t('cases.status.toOpen')}
          </Button>
        )}
        {detail.status !== 'closed' && (
          <Button
            onClick={() => {
              setConfirmClose(true);
            }}
          >
            {t('cases.status.toClosed')}
          </Button>
        )}
        {detail.status === 'closed' && (
          <Button variant="default" loading={busy} onClick={() => void change('open')}>
            {t('cases.status.reopen')}
          </Button>
        )}
      </Group>
      {detail.status === 'closed' && (
        <Text size="sm" c="dimmed">
          {t('cases.status.reopenHint')}
        </Text>
      )}
      {error !== null && (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      )}
      {confirmClose && (
        <CloseDialog
          detail={detail}
          busy={busy}
          onClose={() => {
            setConfirmClose(false);
          }}
          onConfirm={() => void change('closed')}
        />
      )}
    </Stack>
  );
}

export function AssignmentForm({
  detail,
  options,
  onChanged,
}: {
  detail: CaseDetail;
  options: CaseOptions;
  onChanged: Changed;
}) {
  const { t, locale } = useI18n();
  const [category, setCategory] = useState(detail.category);
  const [orgUnitId, setOrgUnitId] = useState(detail.orgUnitId ?? '');
  const [assigneeId, setAssigneeId] = useState(detail.assigneeId ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const people = [...options.people];
  if (detail.assigneeId !== null && !people.some((person) => person.value === detail.assigneeId)) {
    people.push({ value: detail.assigneeId, label: t('cases.someoneElse') });
  }

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input: UpdateCaseInput = {
      ...(category === detail.category ? {} : { category }),
      ...(orgUnitId === (detail.orgUnitId ?? '')
        ? {}
        : { orgUnitId: orgUnitId === '' ? null : orgUnitId }),
      ...(assigneeId === (detail.assigneeId ?? '')
        ? {}
        : { assigneeId: assigneeId === '' ? null : assigneeId }),
    };
    if (Object.keys(input).length === 0) {
      setMessage({ ok: true, text: t('cases.assign.nothing') });
      return;
    }
    setBusy(true);
    try {
      onChanged(await updateCase(detail.id, input));
      setMessage({ ok: true, text: t('cases.assign.saved') });
    } catch (failure: unknown) {
      setMessage({ ok: false, text: errorText(failure, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            id="case-assign-category"
            label={t('cases.field.category')}
            description={t('cases.assign.categoryHint')}
            data={options.settings.categories.map((entry) => ({
              value: entry.key,
              label: locale === 'en' ? entry.labelEn : entry.label,
            }))}
            value={category}
            onChange={(event) => {
              setCategory(event.currentTarget.value);
            }}
          />
          {options.units.length > 0 && (
            <NativeSelect
              id="case-assign-unit"
              label={t('cases.field.unit')}
              data={[{ value: '', label: t('cases.noUnit') }, ...options.units]}
              value={orgUnitId}
              onChange={(event) => {
                setOrgUnitId(event.currentTarget.value);
              }}
            />
          )}
          <NativeSelect
            id="case-assign-person"
            label={t('cases.field.assignee')}
            data={[{ value: '', label: t('cases.nobody') }, ...people]}
            value={assigneeId}
            onChange={(event) => {
              setAssigneeId(event.currentTarget.value);
            }}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" variant="default" loading={busy}>
            {t('cases.assign.submit')}
          </Button>
        </Group>
        {message !== null &&
          (message.ok ? (
            <Text role="status" size="sm">
              {message.text}
            </Text>
          ) : (
            <Alert color="red" variant="light" role="alert">
              {message.text}
            </Alert>
          ))}
      </Stack>
    </form>
  );
}

export function NoteForm({ detail, onChanged }: { detail: CaseDetail; onChanged: Changed }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    if (text.trim() === '') {
      setError(t('common.required'));
      document.getElementById('case-note')?.focus();
      return;
    }
    setBusy(true);
    try {
      onChanged(await addNote(detail.id, text.trim()));
      setText('');
      setError(null);
      setSaved(true);
    } catch (failure: unknown) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Textarea
          id="case-note"
          label={t('cases.note.label')}
          description={t('cases.note.hint')}
          autosize
          minRows={3}
          maxLength={10000}
          value={text}
          error={error ?? undefined}
          onChange={(event) => {
            setText(event.currentTarget.value);
          }}
        />
        <Group>
          <Button type="submit" variant="default" loading={busy}>
            {t('cases.note.submit')}
          </Button>
        </Group>
        {saved && (
          <Text role="status" size="sm">
            {t('cases.note.saved')}
          </Text>
        )}
      </Stack>
    </form>
  );
}
