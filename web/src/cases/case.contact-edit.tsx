// Berichtigung (Art. 16 DSGVO): replaces the whole contact; the server keeps the rule that one
// way to reply must remain and updates the search index with it.
import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { FormFeedback } from '../registry/registry.form-errors.tsx';
import {
  feedbackFrom,
  FormAlert,
  localFeedback,
  NO_FEEDBACK,
} from '../registry/registry.form-errors.tsx';
import { updateCase } from './cases.api.ts';
import { ContactFields, hasWayToReply, trimmed } from './cases.contact.tsx';
import type { CaseDetail, Contact } from './cases.types.ts';

const FORM = 'case-contact';

export function ContactEdit({
  detail,
  onChanged,
}: {
  detail: CaseDetail;
  onChanged: (detail: CaseDetail) => void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [contact, setContact] = useState<Contact>(detail.contact);
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!hasWayToReply(contact)) {
      setFeedback(localFeedback(t, { contact: t('cases.contact.needWay') }));
      return;
    }
    const sent = { contact: trimmed(contact) };
    setBusy(true);
    try {
      onChanged(await updateCase(detail.id, sent));
      setFeedback(NO_FEEDBACK);
      setEditing(false);
      setSaved(true);
    } catch (failure: unknown) {
      setFeedback(feedbackFrom(FORM, failure, t, sent));
    } finally {
      setBusy(false);
    }
  };

  if (!editing) {
    return (
      <Stack gap="xs" align="flex-start">
        <Button
          variant="default"
          onClick={() => {
            setContact(detail.contact);
            setSaved(false);
            setEditing(true);
          }}
        >
          {t('cases.contact.edit')}
        </Button>
        {saved && (
          <Text role="status" size="sm">
            {t('cases.contact.saved')}
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <form id={FORM} noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Text size="sm">{t('cases.contact.editHint')}</Text>
        <FormAlert feedback={feedback} />
        <ContactFields formId={FORM} feedback={feedback} contact={contact} onChange={setContact} />
        <Group>
          <Button type="submit" loading={busy}>
            {t('cases.contact.save')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setFeedback(NO_FEEDBACK);
              setEditing(false);
            }}
          >
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
