// "Anfragen – Einstellungen" (cases.configure): how long closed cases are kept (default and per
// category), the categories, and the privacy-notice link replies carry. Legal bases are listed;
// added bases are maintained through the API for now.
import { Anchor, Button, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Link } from 'react-router';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader, TableScroll } from '../layout/layout.page.tsx';
import { Section } from '../registry/registry.fields.tsx';
import type { FormFeedback } from '../registry/registry.form-errors.tsx';
import {
  feedbackFrom,
  fieldProps,
  FormAlert,
  localFeedback,
  NO_FEEDBACK,
} from '../registry/registry.form-errors.tsx';
import { fetchCaseSettings, saveCaseSettings } from './cases.api.ts';
import { RightsList } from './cases.basis.tsx';
import type { CaseCategory, CaseSettings, CaseSettingsInput } from './cases.types.ts';

const FORM = 'case-settings';
const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{1,59}$/;

function SettingsForm({
  settings,
  onSaved,
}: {
  settings: CaseSettings;
  onSaved: (settings: CaseSettings) => void;
}) {
  const { t } = useI18n();
  const [months, setMonths] = useState<number | string>(settings.defaultRetentionMonths);
  const [categories, setCategories] = useState<CaseCategory[]>(settings.categories);
  const [privacyUrl, setPrivacyUrl] = useState(settings.privacyNoticeUrl);
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const change = (index: number, patch: Partial<CaseCategory>) => {
    setCategories((current) =>
      current.map((category, other) => (other === index ? { ...category, ...patch } : category)),
    );
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const errors: Record<string, string> = {};
    categories.forEach((category, index) => {
      if (!KEY_PATTERN.test(category.key)) {
        errors[`categories.${index}.key`] = t('cases.settings.keyInvalid');
      }
      if (category.label.trim() === '') {
        errors[`categories.${index}.label`] = t('common.required');
      }
      if (category.labelEn.trim() === '') {
        errors[`categories.${index}.labelEn`] = t('common.required');
      }
    });
    if (typeof months !== 'number') {
      errors['defaultRetentionMonths'] = t('common.required');
    }
    if (Object.keys(errors).length > 0) {
      setFeedback(localFeedback(t, errors));
      return;
    }
    const input: CaseSettingsInput = {
      defaultRetentionMonths: typeof months === 'number' ? months : settings.defaultRetentionMonths,
      categories: categories.map((category) => ({
        key: category.key.trim(),
        label: category.label.trim(),
        labelEn: category.labelEn.trim(),
        retentionMonths: category.retentionMonths,
      })),
      // Unchanged, the link is not sent: the default follows PUBLIC_URL instead of being pinned.
      ...(privacyUrl.trim() === settings.privacyNoticeUrl
        ? {}
        : { privacyNoticeUrl: privacyUrl.trim() === '' ? null : privacyUrl.trim() }),
    };
    setBusy(true);
    try {
      onSaved(await saveCaseSettings(input));
      setFeedback(NO_FEEDBACK);
      setSaved(true);
    } catch (failure: unknown) {
      setFeedback(feedbackFrom(FORM, failure, t, input));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id={FORM} noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="lg">
        <FormAlert feedback={feedback} />
        <NumberInput
          {...fieldProps(FORM, feedback, 'defaultRetentionMonths')}
          label={t('cases.settings.defaultMonths')}
          description={t('cases.settings.defaultMonthsHint')}
          min={1}
          max={120}
          maw={260}
          value={months}
          onChange={setMonths}
        />
        <Stack gap="xs">
          <Text component="h3" fw={700}>
            {t('cases.settings.categories')}
          </Text>
          <Text size="sm">{t('cases.settings.categoriesHint')}</Text>
          <TableScroll label={t('cases.settings.categories')}>
            <Table verticalSpacing="xs" miw={760}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('cases.settings.key')}</Table.Th>
                  <Table.Th scope="col">{t('cases.settings.label')}</Table.Th>
                  <Table.Th scope="col">{t('cases.settings.labelEn')}</Table.Th>
                  <Table.Th scope="col">{t('cases.settings.months')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {categories.map((category, index) => (
                  <Table.Tr key={index}>
                    <Table.Td>
                      {index < settings.categories.length ? (
                        <code>{category.key}</code>
                      ) : (
                        <TextInput
                          {...fieldProps(FORM, feedback, `categories.${index}.key`)}
                          aria-label={t('cases.settings.keyOf', { number: index + 1 })}
                          value={category.key}
                          onChange={(event) => {
                            change(index, { key: event.currentTarget.value });
                          }}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        {...fieldProps(FORM, feedback, `categories.${index}.label`)}
                        aria-label={t('cases.settings.labelOf', { number: index + 1 })}
                        maxLength={100}
                        value={category.label}
                        onChange={(event) => {
                          change(index, { label: event.currentTarget.value });
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        {...fieldProps(FORM, feedback, `categories.${index}.labelEn`)}
                        aria-label={t('cases.settings.labelEnOf', { number: index + 1 })}
                        maxLength={100}
                        value={category.labelEn}
                        onChange={(event) => {
                          change(index, { labelEn: event.currentTarget.value });
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        {...fieldProps(FORM, feedback, `categories.${index}.retentionMonths`)}
                        aria-label={t('cases.settings.monthsOf', { number: index + 1 })}
                        placeholder={t('cases.settings.monthsDefault')}
                        min={1}
                        max={120}
                        value={category.retentionMonths ?? ''}
                        onChange={(value) => {
                          change(index, {
                            retentionMonths: typeof value === 'number' ? value : null,
                          });
                        }}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Group>
            <Button
              variant="subtle"
              onClick={() => {
                setCategories((current) => [
                  ...current,
                  { key: '', label: '', labelEn: '', retentionMonths: null },
                ]);
              }}
            >
              {t('cases.settings.addCategory')}
            </Button>
          </Group>
        </Stack>
        <TextInput
          {...fieldProps(FORM, feedback, 'privacyNoticeUrl')}
          type="url"
          label={t('cases.settings.privacyUrl')}
          description={t('cases.settings.privacyUrlHint')}
          value={privacyUrl}
          onChange={(event) => {
            setPrivacyUrl(event.currentTarget.value);
          }}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
        {saved && (
          <Text role="status" size="sm">
            {t('cases.settings.saved')}
          </Text>
        )}
      </Stack>
    </form>
  );
}

function LegalBases({ settings }: { settings: CaseSettings }) {
  const { t, locale } = useI18n();
  return (
    <Stack gap="md">
      <Text size="sm">{t('cases.settings.basesHint')}</Text>
      {settings.legalBases.map((basis) => (
        <Stack key={basis.key} gap={4}>
          <Text fw={700}>
            {locale === 'en' ? basis.labelEn : basis.label} – {basis.citation}
          </Text>
          <RightsList basis={basis} />
        </Stack>
      ))}
    </Stack>
  );
}

export function CaseSettingsPage() {
  const { t } = useI18n();
  const settings = useResource(fetchCaseSettings);
  return (
    <>
      <PageHeader title={t('cases.settings.title')} intro={t('cases.settings.intro')} />
      <Group mb="lg">
        <Anchor component={Link} to="/cases">
          {t('cases.backToList')}
        </Anchor>
      </Group>
      {settings.resource.status === 'loading' && <Loading />}
      {settings.resource.status === 'error' && (
        <LoadError error={settings.resource.error} onRetry={settings.reload} />
      )}
      {settings.resource.status === 'ready' && (
        <Stack gap="lg">
          <Section id="case-settings-retention" title={t('cases.settings.retentionTitle')}>
            <SettingsForm
              settings={settings.resource.data}
              onSaved={(next) => {
                settings.update(() => next);
              }}
            />
          </Section>
          <Section id="case-settings-bases" title={t('cases.settings.basesTitle')}>
            <LegalBases settings={settings.resource.data} />
          </Section>
        </Stack>
      )}
    </>
  );
}
