// The inbox's confirmations as Mantine modals (focus trapped, Escape closes, focus returns to where
// it was): hide with a cited rule, restore with a reason, record and decide an appeal, assign.
import {
  Alert,
  Button,
  Group,
  Modal,
  NativeSelect,
  Radio,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import type { KeyboardEvent, ReactNode, SubmitEvent } from 'react';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { FilterChoice } from './inbox.filters.tsx';
import type { InboxItem, NetiquetteRule } from './inbox.types.ts';

const MIN_REASON = 3;

/** A modal with a form: the submit button carries the busy state, errors show as an alert. */
function DialogForm({
  title,
  intro,
  confirm,
  color,
  onClose,
  onSubmit,
  onKeyDown,
  children,
}: {
  title: string;
  intro: string;
  confirm: string;
  color?: string;
  onClose: () => void;
  /** Answers an error text to show, or null when the dialog may close. */
  onSubmit: () => Promise<string | null>;
  onKeyDown?: (event: KeyboardEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) {
      return;
    }
    setBusy(true);
    const problem = await onSubmit();
    setBusy(false);
    setError(problem);
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      withinPortal={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={(event) => void submit(event)} onKeyDown={onKeyDown}>
        <Stack gap="sm">
          <Text size="sm">{intro}</Text>
          {children}
          {error !== null && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={color} loading={busy}>
              {confirm}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Runs a write and turns a failure into text for the dialog. */
export async function attempt(
  write: () => Promise<void>,
  t: Parameters<typeof errorText>[1],
): Promise<string | null> {
  try {
    await write();
    return null;
  } catch (failure: unknown) {
    return errorText(failure, t);
  }
}

export function HideDialog({
  item,
  rules,
  onClose,
  onConfirm,
}: {
  item: InboxItem;
  rules: readonly NetiquetteRule[];
  onClose: () => void;
  onConfirm: (ruleId: string, reason: string) => Promise<string | null>;
}) {
  const { t, locale } = useI18n();
  const proposed = rules.find((rule) => rule.id === item.verdict.ruleId)?.id ?? rules[0]?.id ?? '';
  const [ruleId, setRuleId] = useState(proposed);
  const [reason, setReason] = useState('');
  // Enter on a radio button confirms, as the keyboard flow promises (browsers do not submit there).
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (
      event.key === 'Enter' &&
      event.target instanceof HTMLInputElement &&
      event.target.type === 'radio'
    ) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  };
  return (
    <DialogForm
      title={t('inbox.hide.title')}
      intro={t('inbox.hide.intro')}
      confirm={t('inbox.hide.confirm')}
      color="red"
      onClose={onClose}
      onKeyDown={onKeyDown}
      onSubmit={() =>
        ruleId === '' ? Promise.resolve(t('inbox.hide.noRules')) : onConfirm(ruleId, reason)
      }
    >
      {rules.length === 0 ? (
        <Text>{t('inbox.hide.noRules')}</Text>
      ) : (
        <Radio.Group label={t('inbox.hide.rule')} value={ruleId} onChange={setRuleId} required>
          <Stack gap="xs" mt="xs">
            {rules.map((rule) => (
              <Radio
                key={rule.id}
                id={`inbox-hide-rule-${rule.id}`}
                value={rule.id}
                data-autofocus={rule.id === proposed || undefined}
                label={`${locale === 'en' && rule.titleEn !== '' ? rule.titleEn : rule.title}${
                  rule.id === item.verdict.ruleId ? ` ${t('inbox.hide.proposed')}` : ''
                }`}
              />
            ))}
          </Stack>
        </Radio.Group>
      )}
      <Textarea
        id="inbox-hide-reason"
        label={t('inbox.hide.reason')}
        autosize
        minRows={2}
        maxLength={1000}
        value={reason}
        onChange={(event) => {
          setReason(event.currentTarget.value);
        }}
      />
    </DialogForm>
  );
}

export function RestoreDialog({
  title,
  onClose,
  onConfirm,
}: {
  title?: string;
  onClose: () => void;
  onConfirm: (reason: string) => Promise<string | null>;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <DialogForm
      title={title ?? t('inbox.restore.title')}
      intro={t('inbox.restore.intro')}
      confirm={t('inbox.restore.confirm')}
      onClose={onClose}
      onSubmit={() => {
        if (reason.trim().length < MIN_REASON) {
          setInvalid(true);
          document.getElementById('inbox-restore-reason')?.focus();
          return Promise.resolve(null);
        }
        return onConfirm(reason.trim());
      }}
    >
      <TextInput
        id="inbox-restore-reason"
        label={t('inbox.restore.reason')}
        description={t('inbox.restore.reasonHint')}
        required
        data-autofocus
        maxLength={1000}
        value={reason}
        error={invalid ? t('inbox.restore.tooShort') : undefined}
        onChange={(event) => {
          setReason(event.currentTarget.value);
          setInvalid(false);
        }}
      />
    </DialogForm>
  );
}

export function AppealDialog({
  onClose,
  onConfirm,
}: {
  onClose: () => void;
  onConfirm: (text: string) => Promise<string | null>;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <DialogForm
      title={t('inbox.appeal.title')}
      intro={t('inbox.appeal.intro')}
      confirm={t('inbox.appeal.confirm')}
      onClose={onClose}
      onSubmit={() => {
        if (text.trim() === '') {
          setInvalid(true);
          return Promise.resolve(null);
        }
        return onConfirm(text.trim());
      }}
    >
      <Textarea
        id="inbox-appeal-text"
        label={t('inbox.appeal.text')}
        required
        data-autofocus
        autosize
        minRows={3}
        maxLength={4000}
        value={text}
        error={invalid ? t('common.required') : undefined}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setInvalid(false);
        }}
      />
    </DialogForm>
  );
}

export function AppealDecisionDialog({
  onClose,
  onConfirm,
}: {
  onClose: () => void;
  onConfirm: (decision: 'restore' | 'uphold', reason: string) => Promise<string | null>;
}) {
  const { t } = useI18n();
  const [decision, setDecision] = useState<'restore' | 'uphold'>('restore');
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <DialogForm
      title={t('inbox.appeal.decideTitle')}
      intro={t('inbox.restore.reasonHint')}
      confirm={t('inbox.appeal.decide')}
      onClose={onClose}
      onSubmit={() => {
        if (reason.trim().length < MIN_REASON) {
          setInvalid(true);
          return Promise.resolve(null);
        }
        return onConfirm(decision, reason.trim());
      }}
    >
      <Radio.Group
        label={t('inbox.appeal.decision')}
        value={decision}
        onChange={(value) => {
          setDecision(value === 'uphold' ? 'uphold' : 'restore');
        }}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="restore" data-autofocus label={t('inbox.appeal.restore')} />
          <Radio value="uphold" label={t('inbox.appeal.uphold')} />
        </Stack>
      </Radio.Group>
      <TextInput
        id="inbox-appeal-reason"
        label={t('inbox.appeal.reason')}
        required
        maxLength={1000}
        value={reason}
        error={invalid ? t('inbox.restore.tooShort') : undefined}
        onChange={(event) => {
          setReason(event.currentTarget.value);
          setInvalid(false);
        }}
      />
    </DialogForm>
  );
}

export function AssignDialog({
  item,
  people,
  units,
  onClose,
  onConfirm,
}: {
  item: InboxItem;
  people: readonly FilterChoice[];
  units: readonly FilterChoice[];
  onClose: () => void;
  onConfirm: (assigneeId: string | null, orgUnitId: string | null) => Promise<string | null>;
}) {
  const { t } = useI18n();
  const [person, setPerson] = useState(item.assignee?.id ?? '');
  const [unit, setUnit] = useState(item.orgUnit?.id ?? '');
  const none = { value: '', label: t('inbox.detail.nobody') };
  return (
    <DialogForm
      title={t('inbox.assign.title')}
      intro={t('inbox.detail.assignee')}
      confirm={t('inbox.assign.save')}
      onClose={onClose}
      onSubmit={() => onConfirm(person === '' ? null : person, unit === '' ? null : unit)}
    >
      {people.length > 0 && (
        <NativeSelect
          id="inbox-assign-person"
          label={t('inbox.assign.person')}
          data-autofocus
          data={[none, ...people]}
          value={person}
          onChange={(event) => {
            setPerson(event.currentTarget.value);
          }}
        />
      )}
      <NativeSelect
        id="inbox-assign-unit"
        label={t('inbox.assign.unit')}
        data={[none, ...units]}
        value={unit}
        onChange={(event) => {
          setUnit(event.currentTarget.value);
        }}
      />
    </DialogForm>
  );
}
