// Creating a platform (all parts at once) and editing one part of it on the detail page.
import { Button, Fieldset, Group, Paper, Stack, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/i18n.messages.ts';
import type { PlatformDraft, PlatformSection } from './platform.draft.ts';
import {
  bodyOf,
  createBodyOf,
  draftOf,
  EMPTY_PLATFORM_DRAFT,
  PLATFORM_SECTIONS,
  validateDraft,
} from './platform.draft.ts';
import {
  AudienceFields,
  PurposeFields,
  StorageFields,
  TransferFields,
} from './platform-rows.fields.tsx';
import type { DraftFieldsProps } from './platform-sections.fields.tsx';
import {
  DpiaFields,
  GeneralFields,
  JointFields,
  NecessityFields,
} from './platform-sections.fields.tsx';
import { createPlatform, updatePlatform } from './registry.api.ts';
import type { FormFeedback } from './registry.form-errors.tsx';
import { feedbackFrom, FormAlert, localFeedback, NO_FEEDBACK } from './registry.form-errors.tsx';
import type { Platform } from './registry.types.ts';

export const SECTION_TITLES: Record<PlatformSection, MessageKey> = {
  general: 'platform.sectionGeneral',
  purposes: 'platform.sectionPurposes',
  audience: 'platform.sectionAudience',
  necessity: 'platform.sectionNecessity',
  joint: 'platform.sectionJoint',
  transfers: 'platform.sectionTransfers',
  dpia: 'platform.sectionDpia',
  storage: 'platform.sectionStorage',
};

function SectionFields({
  section,
  withKey,
  ...props
}: DraftFieldsProps & { section: PlatformSection; withKey: boolean }) {
  switch (section) {
    case 'general':
      return <GeneralFields {...props} withKey={withKey} />;
    case 'purposes':
      return <PurposeFields {...props} />;
    case 'audience':
      return <AudienceFields {...props} />;
    case 'necessity':
      return <NecessityFields {...props} />;
    case 'joint':
      return <JointFields {...props} />;
    case 'transfers':
      return <TransferFields {...props} />;
    case 'dpia':
      return <DpiaFields {...props} />;
    case 'storage':
      return <StorageFields {...props} />;
  }
}

function usePlatformForm(initial: PlatformDraft) {
  const [draft, setDraft] = useState<PlatformDraft>(initial);
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);
  const onChange = (change: (draft: PlatformDraft) => PlatformDraft) => {
    setDraft(change);
  };
  return { draft, onChange, feedback, setFeedback, busy, setBusy };
}

/** Edits one part of a platform; the page shows it in place of that part's read view. */
export function PlatformSectionForm({
  platform,
  section,
  onSaved,
  onCancel,
}: {
  platform: Platform;
  section: PlatformSection;
  onSaved: (platform: Platform) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const formId = `platform-${section}`;
  const form = usePlatformForm(draftOf(platform));
  const firstField = useRef<HTMLFormElement>(null);

  useEffect(() => {
    // Opening the form puts the keyboard in its first field.
    firstField.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, []);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local = localFeedback(t, validateDraft(form.draft, [section], t, false));
    form.setFeedback(local);
    if (local.message !== null) {
      return;
    }
    const body = bodyOf(form.draft, [section]);
    form.setBusy(true);
    updatePlatform(platform.id, body).then(
      (saved) => {
        form.setBusy(false);
        onSaved(saved);
      },
      (failure: unknown) => {
        form.setBusy(false);
        form.setFeedback(feedbackFrom(formId, failure, t, body));
      },
    );
  };

  return (
    <form ref={firstField} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormAlert feedback={form.feedback} />
        <SectionFields
          section={section}
          withKey={false}
          formId={formId}
          feedback={form.feedback}
          draft={form.draft}
          onChange={form.onChange}
        />
        <Group>
          <Button type="submit" loading={form.busy}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={form.busy}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The whole record at once, for a platform the city starts to use. */
export function PlatformCreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (platform: Platform) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const formId = 'platform-create';
  const form = usePlatformForm(EMPTY_PLATFORM_DRAFT);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const local = localFeedback(t, validateDraft(form.draft, PLATFORM_SECTIONS, t, true));
    form.setFeedback(local);
    if (local.message !== null) {
      return;
    }
    const body = createBodyOf(form.draft);
    form.setBusy(true);
    createPlatform(body).then(onCreated, (failure: unknown) => {
      form.setBusy(false);
      form.setFeedback(feedbackFrom(formId, failure, t, body));
    });
  };

  return (
    <Paper withBorder p="lg" mb="lg" component="section" aria-labelledby="platform-create-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} id="platform-create-title" ref={headingRef} tabIndex={-1}>
            {t('platform.createTitle')}
          </Title>
          <FormAlert feedback={form.feedback} />
          {PLATFORM_SECTIONS.map((section) => (
            <Fieldset key={section} legend={t(SECTION_TITLES[section])}>
              <SectionFields
                section={section}
                withKey
                formId={formId}
                feedback={form.feedback}
                draft={form.draft}
                onChange={form.onChange}
              />
            </Fieldset>
          ))}
          <Group>
            <Button type="submit" loading={form.busy}>
              {t('platform.createSubmit')}
            </Button>
            <Button variant="default" onClick={onCancel} disabled={form.busy}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
