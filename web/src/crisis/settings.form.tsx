// The city's crisis settings: area (ARS, WARNCELLIDs), sender, channels in order, alerting,
// approval stall and the default legal basis.
import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import {
  feedbackFrom,
  fieldId,
  fieldProps,
  FormAlert,
  NO_FEEDBACK,
} from '../registry/registry.form-errors.tsx';
import type { FormFeedback } from '../registry/registry.form-errors.tsx';
import { saveCrisisSettings } from './crisis.api.ts';
import { LEGAL_BASIS_LABELS } from './crisis.labels.ts';
import type { CrisisSettings, CrisisSettingsInput } from './crisis.types.ts';
import { LEGAL_BASES } from './crisis.types.ts';
import type { ChannelChoice } from './settings.channels.tsx';
import { ChannelOrderField } from './settings.channels.tsx';

const FORM_ID = 'crisis-settings';

interface Draft {
  ars: string;
  warnCellIds: string;
  senderId: string;
  senderName: string;
  channelOrder: string[];
  alertWebhookUrl: string;
  approvalStallMinutes: string;
  legalBasis: CrisisSettings['legalBasis'];
  legalNorm: string;
}

function toDraft(settings: CrisisSettings): Draft {
  return {
    ars: settings.ars,
    warnCellIds: settings.warnCellIds.join(', '),
    senderId: settings.senderId,
    senderName: settings.senderName,
    channelOrder: settings.channelOrder,
    alertWebhookUrl: settings.alertWebhookUrl ?? '',
    approvalStallMinutes: String(settings.approvalStallMinutes),
    legalBasis: settings.legalBasis,
    legalNorm: settings.legalNorm,
  };
}

function toInput(draft: Draft, outline: CrisisSettings['outline']): CrisisSettingsInput {
  return {
    ars: draft.ars.trim(),
    warnCellIds: draft.warnCellIds
      .split(/[\s,;]+/)
      .map((value) => value.trim())
      .filter((value) => value !== ''),
    outline,
    senderId: draft.senderId.trim(),
    senderName: draft.senderName.trim(),
    channelOrder: draft.channelOrder,
    alertWebhookUrl: draft.alertWebhookUrl.trim() === '' ? null : draft.alertWebhookUrl.trim(),
    approvalStallMinutes: Number(draft.approvalStallMinutes.trim()),
    legalBasis: draft.legalBasis,
    legalNorm: draft.legalNorm.trim(),
  };
}

export function CrisisSettingsForm({
  settings,
  channels,
  onSaved,
}: {
  settings: CrisisSettings;
  channels: readonly ChannelChoice[];
  onSaved: (settings: CrisisSettings) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = toInput(draft, settings.outline);
    setBusy(true);
    try {
      const saved = await saveCrisisSettings(input);
      setDraft(toDraft(saved));
      setFeedback(NO_FEEDBACK);
      onSaved(saved);
    } catch (failure: unknown) {
      setFeedback(feedbackFrom(FORM_ID, failure, t, input));
    } finally {
      setBusy(false);
    }
  };

  const text = (
    path: 'ars' | 'senderId' | 'senderName' | 'alertWebhookUrl' | 'legalNorm',
    label: string,
    hint?: string,
  ) => (
    <TextInput
      {...fieldProps(FORM_ID, feedback, path)}
      label={label}
      description={hint}
      required={path !== 'alertWebhookUrl'}
      value={draft[path]}
      onChange={(event) => {
        set(path, event.currentTarget.value);
      }}
    />
  );
  // WARNCELLID errors arrive per item (warnCellIds.0); the one input shows the first of them.
  const cellError =
    feedback.errors['warnCellIds'] ??
    Object.entries(feedback.errors).find(([path]) => path.startsWith('warnCellIds.'))?.[1];

  return (
    <form id={FORM_ID} noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('crisis.settings.updatedAt', { date: formatDateTime(settings.updatedAt) })}
        </Text>
        <FormAlert feedback={feedback} />
        {text('ars', t('crisis.settings.ars'), t('crisis.settings.arsHint'))}
        <TextInput
          id={fieldId(FORM_ID, 'warnCellIds')}
          error={cellError}
          label={t('crisis.settings.warnCells')}
          description={t('crisis.settings.warnCellsHint')}
          value={draft.warnCellIds}
          onChange={(event) => {
            set('warnCellIds', event.currentTarget.value);
          }}
        />
        {text('senderId', t('crisis.settings.senderId'), t('crisis.settings.senderIdHint'))}
        {text('senderName', t('crisis.settings.senderName'))}
        <ChannelOrderField
          id={fieldId(FORM_ID, 'channelOrder')}
          channels={channels}
          value={draft.channelOrder}
          error={feedback.errors['channelOrder']}
          onChange={(next) => {
            set('channelOrder', next);
          }}
        />
        {text('alertWebhookUrl', t('crisis.settings.webhook'), t('crisis.settings.webhookHint'))}
        <TextInput
          {...fieldProps(FORM_ID, feedback, 'approvalStallMinutes')}
          inputMode="numeric"
          label={t('crisis.settings.stall')}
          description={t('crisis.settings.stallHint')}
          required
          maxLength={3}
          value={draft.approvalStallMinutes}
          onChange={(event) => {
            set('approvalStallMinutes', event.currentTarget.value);
          }}
        />
        <NativeSelect
          {...fieldProps(FORM_ID, feedback, 'legalBasis')}
          label={t('crisis.settings.legalBasis')}
          data={LEGAL_BASES.map((value) => ({ value, label: t(LEGAL_BASIS_LABELS[value]) }))}
          value={draft.legalBasis}
          onChange={(event) => {
            set('legalBasis', event.currentTarget.value === 'art6-1-c' ? 'art6-1-c' : 'art6-1-e');
          }}
        />
        {text('legalNorm', t('crisis.settings.legalNorm'), t('crisis.legal.normHint'))}
        <Group>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
