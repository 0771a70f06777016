// The form of one Netiquette rule (new or edited) in a dialog. The id is chosen once: items,
// actions and word-list terms cite it.
import {
  Alert,
  Button,
  Group,
  Modal,
  NativeSelect,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/i18n.messages.ts';
import type { NetiquetteRule, NetiquetteRuleInput, RuleAction } from './inbox.types.ts';

export const RULE_ACTIONS: readonly RuleAction[] = ['flag', 'hide', 'escalate'];
export const ACTION_LABELS: Record<RuleAction, MessageKey> = {
  flag: 'inbox.netiquette.action.flag',
  hide: 'inbox.netiquette.action.hide',
  escalate: 'inbox.netiquette.action.escalate',
};

const EMPTY: NetiquetteRuleInput = {
  id: '',
  title: '',
  text: '',
  titleEn: '',
  textEn: '',
  action: 'hide',
};

export function RuleDialog({
  rule,
  onClose,
  onSave,
}: {
  rule: NetiquetteRule | null;
  onClose: () => void;
  onSave: (input: NetiquetteRuleInput) => Promise<void>;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState<NetiquetteRuleInput>(
    rule === null
      ? EMPTY
      : {
          id: rule.id,
          title: rule.title,
          text: rule.text,
          titleEn: rule.titleEn,
          textEn: rule.textEn,
          action: rule.action,
        },
  );
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<NetiquetteRuleInput>) => {
    setValue((current) => ({ ...current, ...patch }));
  };
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const empty = new Set(
      (['id', 'title', 'text', 'titleEn', 'textEn'] as const).filter(
        (field) => value[field].trim() === '',
      ),
    );
    setMissing(empty);
    if (empty.size > 0) {
      return;
    }
    setBusy(true);
    try {
      await onSave({ ...value, id: value.id.trim() });
    } catch (failure: unknown) {
      setError(errorText(failure, t));
      setBusy(false);
    }
  };
  const required = (field: string) => (missing.has(field) ? t('common.required') : undefined);

  return (
    <Modal
      opened
      onClose={onClose}
      title={
        rule === null ? t('inbox.netiquette.add') : t('inbox.netiquette.edit', { rule: rule.title })
      }
      withinPortal={false}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <TextInput
            id="rule-id"
            label={t('inbox.netiquette.id')}
            description={t('inbox.netiquette.idHint')}
            required
            disabled={rule !== null}
            data-autofocus={rule === null || undefined}
            maxLength={64}
            value={value.id}
            error={required('id')}
            onChange={(event) => {
              set({ id: event.currentTarget.value });
            }}
          />
          <TextInput
            id="rule-title"
            label={t('inbox.netiquette.ruleTitle')}
            required
            data-autofocus={rule !== null || undefined}
            maxLength={120}
            value={value.title}
            error={required('title')}
            onChange={(event) => {
              set({ title: event.currentTarget.value });
            }}
          />
          <Textarea
            id="rule-text"
            label={t('inbox.netiquette.ruleText')}
            required
            autosize
            minRows={3}
            maxLength={2000}
            value={value.text}
            error={required('text')}
            onChange={(event) => {
              set({ text: event.currentTarget.value });
            }}
          />
          <TextInput
            id="rule-title-en"
            label={t('inbox.netiquette.titleEn')}
            lang="en"
            required
            maxLength={120}
            value={value.titleEn}
            error={required('titleEn')}
            onChange={(event) => {
              set({ titleEn: event.currentTarget.value });
            }}
          />
          <Textarea
            id="rule-text-en"
            label={t('inbox.netiquette.textEn')}
            lang="en"
            required
            autosize
            minRows={3}
            maxLength={2000}
            value={value.textEn}
            error={required('textEn')}
            onChange={(event) => {
              set({ textEn: event.currentTarget.value });
            }}
          />
          <NativeSelect
            id="rule-action"
            label={t('inbox.netiquette.action')}
            data={RULE_ACTIONS.map((action) => ({
              value: action,
              label: t(ACTION_LABELS[action]),
            }))}
            value={value.action}
            onChange={(event) => {
              const next = RULE_ACTIONS.find((action) => action === event.currentTarget.value);
              set({ action: next ?? 'flag' });
            }}
          />
          {error !== null && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('inbox.netiquette.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
