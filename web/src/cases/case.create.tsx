// "Neue Anfrage erfassen": contact (each field optional, but one way to reply), concern,
// category, legal basis with its meaning, unit and person.
import { Button, Group, NativeSelect, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import type { FormFeedback } from '../registry/registry.form-errors.tsx';
import {
  feedbackFrom,
  fieldProps,
  FormAlert,
  localFeedback,
  NO_FEEDBACK,
} from '../registry/registry.form-errors.tsx';
import { createCase } from './cases.api.ts';
import { LegalBasisChoice } from './cases.basis.tsx';
import { ContactFields, EMPTY_CONTACT, hasWayToReply, trimmed } from './cases.contact.tsx';
import { SOURCE_LABELS } from './cases.labels.ts';
import type { CaseOptions } from './cases.options.ts';
import { useCaseOptions } from './cases.options.ts';
import type { Contact, CreateCaseInput, CreateSource } from './cases.types.ts';
import { CREATE_SOURCES } from './cases.types.ts';

const FORM = 'case-create';
const DEFAULT_BASIS = 'art6-1-e';

function CreateForm({ options }: { options: CaseOptions }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { settings } = options;
  const [source, setSource] = useState<CreateSource>('email');
  const [contact, setContact] = useState<Contact>(EMPTY_CONTACT);
  const [concern, setConcern] = useState('');
  const [legalBasis, setLegalBasis] = useState(
    settings.legalBases.some((basis) => basis.key === DEFAULT_BASIS)
      ? DEFAULT_BASIS
      : (settings.legalBases[0]?.key ?? DEFAULT_BASIS),
  );
  const [category, setCategory] = useState(
    settings.categories.find((entry) => entry.key === 'general')?.key ??
      settings.categories[0]?.key ??
      '',
  );
  const [orgUnitId, setOrgUnitId] = useState('');
  const [assigneeId, setAssigneeId] = useState('');
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!hasWayToReply(contact)) {
      errors['contact'] = t('cases.contact.needWay');
    }
    if (concern.trim() === '') {
      errors['concern'] = t('cases.create.concernRequired');
    }
    if (Object.keys(errors).length > 0) {
      setFeedback(localFeedback(t, errors));
      return;
    }
    const input: CreateCaseInput = {
      source,
      legalBasis,
      ...(category === '' ? {} : { category }),
      contact: trimmed(contact),
      concern: concern.trim(),
      orgUnitId: orgUnitId === '' ? null : orgUnitId,
      assigneeId: assigneeId === '' ? null : assigneeId,
    };
    setBusy(true);
    try {
      const created = await createCase(input);
      void navigate(`/cases/${created.id}`, { state: { created: true } });
    } catch (failure: unknown) {
      setBusy(false);
      setFeedback(feedbackFrom(FORM, failure, t, input));
    }
  };

  return (
    <form id={FORM} noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="lg" maw={900}>
        <FormAlert feedback={feedback} />
        <NativeSelect
          {...fieldProps(FORM, feedback, 'source')}
          label={t('cases.field.source')}
          data={CREATE_SOURCES.map((value) => ({ value, label: t(SOURCE_LABELS[value]) }))}
          value={source}
          onChange={(event) => {
            const value = CREATE_SOURCES.find((entry) => entry === event.currentTarget.value);
            if (value !== undefined) {
              setSource(value);
            }
          }}
        />
        <ContactFields formId={FORM} feedback={feedback} contact={contact} onChange={setContact} />
        <Textarea
          {...fieldProps(FORM, feedback, 'concern')}
          label={t('cases.field.concern')}
          description={t('cases.create.concernHint')}
          required
          autosize
          minRows={4}
          maxLength={20000}
          value={concern}
          onChange={(event) => {
            setConcern(event.currentTarget.value);
          }}
        />
        <NativeSelect
          {...fieldProps(FORM, feedback, 'category')}
          label={t('cases.field.category')}
          description={t('cases.create.categoryHint')}
          data={settings.categories.map((entry) => ({
            value: entry.key,
            label: locale === 'en' ? entry.labelEn : entry.label,
          }))}
          value={category}
          onChange={(event) => {
            setCategory(event.currentTarget.value);
          }}
        />
        <LegalBasisChoice
          id={`${FORM}-legalBasis`}
          bases={settings.legalBases}
          value={legalBasis}
          error={feedback.errors['legalBasis']}
          onChange={setLegalBasis}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {options.units.length > 0 && (
            <NativeSelect
              {...fieldProps(FORM, feedback, 'orgUnitId')}
              label={t('cases.field.unit')}
              data={[{ value: '', label: t('cases.noUnit') }, ...options.units]}
              value={orgUnitId}
              onChange={(event) => {
                setOrgUnitId(event.currentTarget.value);
              }}
            />
          )}
          <NativeSelect
            {...fieldProps(FORM, feedback, 'assigneeId')}
            label={t('cases.field.assignee')}
            data={[{ value: '', label: t('cases.nobody') }, ...options.people]}
            value={assigneeId}
            onChange={(event) => {
              setAssigneeId(event.currentTarget.value);
            }}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={busy}>
            {t('cases.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CaseCreatePage() {
  const { t } = useI18n();
  const options = useCaseOptions();
  return (
    <>
      <PageHeader title={t('cases.create.title')} intro={t('cases.create.intro')} />
      {options.resource.status === 'loading' && <Loading />}
      {options.resource.status === 'error' && (
        <LoadError error={options.resource.error} onRetry={options.reload} />
      )}
      {options.resource.status === 'ready' && <CreateForm options={options.resource.data} />}
    </>
  );
}
