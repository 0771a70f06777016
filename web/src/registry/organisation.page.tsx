// Angaben zur Organisation: the controller (Art. 13(1)(a)/(b)), retention and security measures
// (Art. 30(1)(g)) and the concept's own review cycle (§15). The public notices are built from it.
import { Alert, Button, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/i18n.messages.ts';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { fetchOrganisation, isNotFound, saveOrganisation } from './registry.api.ts';
import { Day, DetailList, GroupFieldset, Maybe, Section } from './registry.fields.tsx';
import type { FormFeedback } from './registry.form-errors.tsx';
import {
  feedbackFrom,
  fieldProps,
  FormAlert,
  localFeedback,
  NO_FEEDBACK,
} from './registry.form-errors.tsx';
import type { OrganisationProfile } from './registry.types.ts';

type Draft = Record<keyof OrganisationProfile, string>;
type Field = keyof OrganisationProfile;
type Kind = 'text' | 'long' | 'email' | 'url' | 'date' | 'months';

const FORM_ID = 'organisation';
const OPTIONAL: ReadonlySet<Field> = new Set<Field>(['controllerPhone', 'netiquetteUrl']);

const GROUPS: readonly { legend: MessageKey; fields: readonly [Field, Kind][] }[] = [
  {
    legend: 'organisation.controllerGroup',
    fields: [
      ['controllerName', 'text'],
      ['controllerAddress', 'long'],
      ['controllerEmail', 'email'],
      ['controllerPhone', 'text'],
    ],
  },
  {
    legend: 'organisation.privacyGroup',
    fields: [
      ['dpoContact', 'long'],
      ['supervisoryAuthority', 'long'],
      ['privacyNoticeUrl', 'url'],
      ['imprintUrl', 'url'],
      ['netiquetteUrl', 'url'],
    ],
  },
  {
    legend: 'organisation.retentionGroup',
    fields: [
      ['inquiryRetentionMonths', 'months'],
      ['securityMeasures', 'long'],
    ],
  },
  {
    legend: 'organisation.conceptGroup',
    fields: [
      ['conceptVersion', 'text'],
      ['conceptReviewedOn', 'date'],
      ['conceptNextReviewOn', 'date'],
    ],
  },
];

const INPUT_TYPES: Record<Exclude<Kind, 'long'>, string> = {
  text: 'text',
  email: 'email',
  url: 'url',
  date: 'date',
  months: 'number',
};

const LABELS: Record<Field, MessageKey> = {
  controllerName: 'organisation.controllerName',
  controllerAddress: 'organisation.controllerAddress',
  controllerEmail: 'organisation.controllerEmail',
  controllerPhone: 'organisation.controllerPhone',
  dpoContact: 'organisation.dpoContact',
  supervisoryAuthority: 'organisation.supervisoryAuthority',
  privacyNoticeUrl: 'organisation.privacyNoticeUrl',
  imprintUrl: 'organisation.imprintUrl',
  netiquetteUrl: 'organisation.netiquetteUrl',
  inquiryRetentionMonths: 'organisation.inquiryRetentionMonths',
  securityMeasures: 'organisation.securityMeasures',
  conceptVersion: 'organisation.conceptVersion',
  conceptReviewedOn: 'organisation.conceptReviewedOn',
  conceptNextReviewOn: 'organisation.conceptNextReviewOn',
};

function draftOf(profile: OrganisationProfile | null): Draft {
  const draft = {} as Draft;
  for (const group of GROUPS) {
    for (const [name] of group.fields) {
      const value = profile?.[name];
      draft[name] = value === null || value === undefined ? '' : String(value);
    }
  }
  return draft;
}

function bodyOf(draft: Draft): OrganisationProfile {
  const text = (name: Field) => draft[name].trim();
  const orNull = (name: Field) => (text(name) === '' ? null : text(name));
  return {
    controllerName: text('controllerName'),
    controllerAddress: text('controllerAddress'),
    controllerEmail: text('controllerEmail'),
    controllerPhone: orNull('controllerPhone'),
    dpoContact: text('dpoContact'),
    privacyNoticeUrl: text('privacyNoticeUrl'),
    imprintUrl: text('imprintUrl'),
    netiquetteUrl: orNull('netiquetteUrl'),
    supervisoryAuthority: text('supervisoryAuthority'),
    inquiryRetentionMonths: Number(text('inquiryRetentionMonths')),
    securityMeasures: text('securityMeasures'),
    conceptVersion: text('conceptVersion'),
    conceptReviewedOn: draft.conceptReviewedOn,
    conceptNextReviewOn: draft.conceptNextReviewOn,
  };
}

function OrganisationForm({
  profile,
  onSaved,
}: {
  profile: OrganisationProfile | null;
  onSaved: (profile: OrganisationProfile) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(profile));
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const months = draft.inquiryRetentionMonths.trim();
    const local = localFeedback(
      t,
      /^\d+$/.test(months) && Number(months) >= 1 && Number(months) <= 120
        ? {}
        : { inquiryRetentionMonths: t('organisation.monthsInvalid') },
    );
    setFeedback(local);
    if (local.message !== null) {
      return;
    }
    const body = bodyOf(draft);
    setBusy(true);
    saveOrganisation(body).then(
      (saved) => {
        setBusy(false);
        onSaved(saved);
      },
      (failure: unknown) => {
        setBusy(false);
        setFeedback(feedbackFrom(FORM_ID, failure, t, body));
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormAlert feedback={feedback} />
        {GROUPS.map((group, index) => (
          <GroupFieldset
            key={group.legend}
            id={`${FORM_ID}-group-${index}`}
            legend={t(group.legend)}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {group.fields.map(([name, kind]) => {
                const common = {
                  ...fieldProps(FORM_ID, feedback, name),
                  label: t(LABELS[name]),
                  description: OPTIONAL.has(name) ? t('registry.optional') : undefined,
                  required: !OPTIONAL.has(name),
                  withAsterisk: false,
                  value: draft[name],
                  onChange: (event: { currentTarget: { value: string } }) => {
                    const value = event.currentTarget.value;
                    setDraft((d) => ({ ...d, [name]: value }));
                  },
                };
                if (kind === 'long') {
                  return <Textarea key={name} {...common} minRows={3} />;
                }
                return <TextInput key={name} {...common} type={INPUT_TYPES[kind]} />;
              })}
            </SimpleGrid>
          </GroupFieldset>
        ))}
        <Group>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function OrganisationView({ profile }: { profile: OrganisationProfile }) {
  const { t } = useI18n();
  return (
    <Stack gap="lg">
      {GROUPS.map((group, index) => (
        <Section key={group.legend} id={`organisation-view-${index}`} title={t(group.legend)}>
          <DetailList
            items={group.fields.map(([name, kind]) => {
              const value = profile[name];
              const shown =
                kind === 'date' && typeof value === 'string' ? (
                  <Day value={value} />
                ) : kind === 'months' ? (
                  t('organisation.months', { count: String(value) })
                ) : (
                  <Maybe value={value === null ? null : String(value)} />
                );
              return [t(LABELS[name]), shown] as const;
            })}
          />
        </Section>
      ))}
    </Stack>
  );
}

/** A missing profile is a normal first state, not an error. */
async function loadProfile(): Promise<OrganisationProfile | null> {
  try {
    return await fetchOrganisation();
  } catch (error) {
    if (isNotFound(error)) {
      return null;
    }
    throw error;
  }
}

export function OrganisationPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const canManage = can(PERMISSIONS.registryManage);
  const { resource, reload, update } = useResource(loadProfile);
  const [saved, setSaved] = useState(false);

  return (
    <>
      <PageHeader title={t('organisation.title')} intro={t('organisation.intro')} />
      {saved && (
        <Alert color="blue" variant="light" role="status" mb="md">
          {t('registry.saved')}
        </Alert>
      )}
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && resource.data === null && (
        <Alert color="yellow" variant="light" mb="md">
          {canManage ? t('organisation.missingManage') : t('organisation.missing')}
        </Alert>
      )}
      {resource.status === 'ready' && canManage && (
        <OrganisationForm
          profile={resource.data}
          onSaved={(profile) => {
            update(() => profile);
            setSaved(true);
          }}
        />
      )}
      {resource.status === 'ready' && !canManage && resource.data !== null && (
        <OrganisationView profile={resource.data} />
      )}
    </>
  );
}
