// The incident's paper trail: the official source messages (with the SHA-256 of each as
// received), the legal basis (editable with crisis.manage), and the languages the source offers.
import { Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { TableScroll } from '../layout/layout.page.tsx';
import { FormAlert, NO_FEEDBACK, feedbackFrom } from '../registry/registry.form-errors.tsx';
import type { FormFeedback } from '../registry/registry.form-errors.tsx';
import { DetailList } from '../registry/registry.fields.tsx';
import { draftLanguage, saveLegalBasis } from './crisis.api.ts';
import { LEGAL_BASIS_LABELS } from './crisis.labels.ts';
import type { IncidentDetail, LegalBasis, SourceMessage } from './crisis.types.ts';
import { LEGAL_BASES } from './crisis.types.ts';

const LEGAL_FORM = 'crisis-legal';

export function SourceMessages({ messages }: { messages: readonly SourceMessage[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <TableScroll label={t('crisis.sources.table')}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('crisis.sources.identifier')}</Table.Th>
            <Table.Th scope="col">{t('crisis.sources.sent')}</Table.Th>
            <Table.Th scope="col">{t('crisis.sources.msgType')}</Table.Th>
            <Table.Th scope="col">{t('crisis.sources.hash')}</Table.Th>
            <Table.Th scope="col">{t('crisis.sources.match')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((message) => (
            <Table.Tr key={message.id}>
              <Table.Th scope="row" fw={400} style={{ overflowWrap: 'anywhere' }}>
                <code>{message.identifier}</code>
                <Text size="xs" c="dimmed">
                  {message.sender}
                </Text>
              </Table.Th>
              <Table.Td>{formatDateTime(message.sent)}</Table.Td>
              <Table.Td>
                {message.msgType}
                {message.status !== 'Actual' && ` (${message.status})`}
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <code>{message.sourceHash}</code>
              </Table.Td>
              <Table.Td>{message.matchReason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

export function LegalBasisForm({
  incident,
  canManage,
  onSaved,
}: {
  incident: IncidentDetail;
  canManage: boolean;
  onSaved: (detail: IncidentDetail, message: string) => void;
}) {
  const { t } = useI18n();
  const [basis, setBasis] = useState<LegalBasis>(incident.legalBasis);
  const [norm, setNorm] = useState(incident.legalNorm);
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);

  if (!canManage) {
    return (
      <DetailList
        items={[
          [t('crisis.legal.basis'), t(LEGAL_BASIS_LABELS[incident.legalBasis])],
          [t('crisis.legal.norm'), incident.legalNorm],
        ]}
      />
    );
  }

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = await saveLegalBasis(incident.id, basis, norm.trim());
      setFeedback(NO_FEEDBACK);
      onSaved(saved, t('crisis.legal.saved'));
    } catch (failure: unknown) {
      setFeedback(feedbackFrom(LEGAL_FORM, failure, t, { legalBasis: basis, legalNorm: norm }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id={LEGAL_FORM} noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <FormAlert feedback={feedback} />
        <NativeSelect
          id={`${LEGAL_FORM}-legalBasis`}
          label={t('crisis.legal.basis')}
          data={LEGAL_BASES.map((value) => ({ value, label: t(LEGAL_BASIS_LABELS[value]) }))}
          value={basis}
          onChange={(event) => {
            setBasis(event.currentTarget.value === 'art6-1-c' ? 'art6-1-c' : 'art6-1-e');
          }}
        />
        <TextInput
          id={`${LEGAL_FORM}-legalNorm`}
          error={feedback.errors['legalNorm']}
          label={t('crisis.legal.norm')}
          description={t('crisis.legal.normHint')}
          required
          maxLength={300}
          value={norm}
          onChange={(event) => {
            setNorm(event.currentTarget.value);
          }}
        />
        <Group>
          <Button type="submit" variant="default" loading={busy}>
            {t('crisis.legal.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function languageName(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(code);
    return name === undefined || name === code ? code : `${name} (${code})`;
  } catch {
    return code;
  }
}

export function LanguageOffers({
  incident,
  canManage,
  onDrafted,
}: {
  incident: IncidentDetail;
  canManage: boolean;
  onDrafted: (detail: IncidentDetail, message: string) => void;
}) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const drafted = new Set(incident.posts.map((post) => post.language));

  if (incident.languages.length === 0) {
    return <Text size="sm">{t('crisis.languages.none')}</Text>;
  }
  const draft = async (language: string) => {
    setBusy(language);
    setError(null);
    try {
      const detail = await draftLanguage(incident.id, language);
      onDrafted(
        detail,
        t('crisis.languages.drafted', { language: languageName(language, locale) }),
      );
    } catch (failure: unknown) {
      setError(errorText(failure, t));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack gap="sm">
      <Text size="sm">{t('crisis.languages.intro')}</Text>
      <ul className="sf-crisis-languages">
        {incident.languages.map((language) => (
          <li key={language}>
            <Group gap="sm">
              <Text size="sm">{languageName(language, locale)}</Text>
              {drafted.has(language) ? (
                <Text size="sm" c="dimmed">
                  {t('crisis.languages.hasDraft')}
                </Text>
              ) : (
                canManage &&
                incident.state === 'active' && (
                  <Button
                    size="xs"
                    variant="default"
                    loading={busy === language}
                    onClick={() => void draft(language)}
                  >
                    {t('crisis.languages.draft', { language: languageName(language, locale) })}
                  </Button>
                )
              )}
            </Group>
          </li>
        ))}
      </ul>
      {error !== null && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
