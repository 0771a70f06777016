// "Einstellungen": which services the widget offers, Matomo, and how long proofs are kept.
import { Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { GroupFieldset } from '../registry/registry.fields.tsx';
import {
  feedbackFrom,
  fieldId,
  fieldProps,
  FormAlert,
  localFeedback,
  NO_FEEDBACK,
} from '../registry/registry.form-errors.tsx';
import type { FormFeedback } from '../registry/registry.form-errors.tsx';
import { saveConsentSettings } from './consent.api.ts';
import type {
  ConsentSettings,
  ConsentSettingsInput,
  MatomoMode,
  WidgetServiceId,
} from './consent.types.ts';
import {
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  SERVICE_IDS,
  SERVICE_NAMES,
} from './consent.types.ts';

const FORM_ID = 'consent-settings';

interface Draft {
  services: readonly WidgetServiceId[];
  matomoEnabled: boolean;
  matomoUrl: string;
  matomoSiteId: string;
  matomoMode: MatomoMode;
  retention: string;
}

function toDraft(settings: ConsentSettings): Draft {
  return {
    services: settings.services,
    matomoEnabled: settings.matomo !== null,
    matomoUrl: settings.matomo?.url ?? '',
    matomoSiteId: settings.matomo?.siteId ?? '',
    matomoMode: settings.matomo?.mode ?? 'consent',
    retention: String(settings.proofRetentionDays),
  };
}

function toInput(draft: Draft): ConsentSettingsInput {
  return {
    // The server's order, so the sent list matches what it stores.
    services: SERVICE_IDS.filter((id) => draft.services.includes(id)),
    matomo: draft.matomoEnabled
      ? { url: draft.matomoUrl.trim(), siteId: draft.matomoSiteId.trim(), mode: draft.matomoMode }
      : null,
    proofRetentionDays: Number(draft.retention.trim()),
  };
}

export function ConsentSettingsForm({
  settings,
  canManage,
  onSaved,
}: {
  settings: ConsentSettings;
  canManage: boolean;
  onSaved: (settings: ConsentSettings) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);
  const range = { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS };

  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
  };

  const toggleService = (id: WidgetServiceId, checked: boolean) => {
    setDraft((previous) => ({
      ...previous,
      services: checked
        ? [...previous.services, id]
        : previous.services.filter((service) => service !== id),
    }));
  };

  const localErrors = (): Record<string, string> => {
    const errors: Record<string, string> = {};
    if (draft.matomoEnabled && draft.matomoUrl.trim() === '') {
      errors['matomo.url'] = t('common.required');
    }
    if (draft.matomoEnabled && draft.matomoSiteId.trim() === '') {
      errors['matomo.siteId'] = t('common.required');
    }
    // Anything but digits would reach the server as NaN, which JSON turns into null.
    if (!/^[0-9]{1,5}$/.test(draft.retention.trim())) {
      errors['proofRetentionDays'] = t('consent.retentionInvalid', range);
    }
    return errors;
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = localErrors();
    if (Object.keys(errors).length > 0) {
      setFeedback(localFeedback(t, errors));
      return;
    }
    const input = toInput(draft);
    setBusy(true);
    try {
      const saved = await saveConsentSettings(input);
      setDraft(toDraft(saved));
      setFeedback(NO_FEEDBACK);
      onSaved(saved);
    } catch (error) {
      setFeedback(feedbackFrom(FORM_ID, error, t, input));
    } finally {
      setBusy(false);
    }
  };

  const disabled = !canManage;
  return (
    <form id={FORM_ID} noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="md">
        {disabled && <Text size="sm">{t('consent.readOnly')}</Text>}
        <Text size="sm" c="dimmed">
          {t('consent.updatedAt', { date: formatDateTime(settings.updatedAt) })}
        </Text>
        <FormAlert feedback={feedback} />
        <GroupFieldset
          id={fieldId(FORM_ID, 'services')}
          legend={t('consent.services')}
          description={t('consent.servicesHint')}
          error={feedback.errors['services']}
        >
          {SERVICE_IDS.map((id) => (
            <Checkbox
              key={id}
              id={`${FORM_ID}-service-${id}`}
              label={SERVICE_NAMES[id]}
              checked={draft.services.includes(id)}
              disabled={disabled}
              onChange={(event) => {
                toggleService(id, event.currentTarget.checked);
              }}
            />
          ))}
        </GroupFieldset>
        <GroupFieldset id={`${FORM_ID}-matomo`} legend={t('consent.matomo')}>
          <Checkbox
            id={`${FORM_ID}-matomo-enabled`}
            label={t('consent.matomoEnabled')}
            checked={draft.matomoEnabled}
            disabled={disabled}
            onChange={(event) => {
              set('matomoEnabled', event.currentTarget.checked);
            }}
          />
          {draft.matomoEnabled && (
            <>
              <TextInput
                {...fieldProps(FORM_ID, feedback, 'matomo.url')}
                type="url"
                inputMode="url"
                label={t('consent.matomoUrl')}
                description={t('consent.matomoUrlHint')}
                required
                maxLength={500}
                disabled={disabled}
                value={draft.matomoUrl}
                onChange={(event) => {
                  set('matomoUrl', event.currentTarget.value);
                }}
              />
              <TextInput
                {...fieldProps(FORM_ID, feedback, 'matomo.siteId')}
                inputMode="numeric"
                label={t('consent.matomoSiteId')}
                description={t('consent.matomoSiteIdHint')}
                required
                maxLength={9}
                disabled={disabled}
                value={draft.matomoSiteId}
                onChange={(event) => {
                  set('matomoSiteId', event.currentTarget.value);
                }}
              />
              <NativeSelect
                {...fieldProps(FORM_ID, feedback, 'matomo.mode')}
                label={t('consent.matomoMode')}
                disabled={disabled}
                data={[
                  { value: 'consent', label: t('consent.matomoMode.consent') },
                  { value: 'cookieless', label: t('consent.matomoMode.cookieless') },
                ]}
                value={draft.matomoMode}
                onChange={(event) => {
                  set(
                    'matomoMode',
                    event.currentTarget.value === 'cookieless' ? 'cookieless' : 'consent',
                  );
                }}
              />
            </>
          )}
        </GroupFieldset>
        <TextInput
          {...fieldProps(FORM_ID, feedback, 'proofRetentionDays')}
          inputMode="numeric"
          label={t('consent.retention')}
          description={t('consent.retentionHint', range)}
          required
          maxLength={5}
          disabled={disabled}
          value={draft.retention}
          onChange={(event) => {
            set('retention', event.currentTarget.value);
          }}
        />
        {canManage && (
          <Group>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
