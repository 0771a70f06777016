// Create or edit a processor (Art. 28): the agency's name, address and contact.
import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { createProcessor, updateProcessor } from './registry.api.ts';
import type { FormFeedback } from './registry.form-errors.tsx';
import { feedbackFrom, fieldProps, FormAlert, NO_FEEDBACK } from './registry.form-errors.tsx';
import type { Processor, ProcessorFields } from './registry.types.ts';

export function ProcessorForm({
  processor,
  onSaved,
  onCancel,
}: {
  /** Null to create one. */
  processor: Processor | null;
  onSaved: (processor: Processor) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const formId = processor === null ? 'processor-create' : 'processor-edit';
  const [draft, setDraft] = useState<ProcessorFields>({
    name: processor?.name ?? '',
    address: processor?.address ?? '',
    contactEmail: processor?.contactEmail ?? '',
  });
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const field = (path: string) => fieldProps(formId, feedback, path);

  useEffect(() => {
    formRef.current?.querySelector('input')?.focus();
  }, []);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: ProcessorFields = {
      name: draft.name.trim(),
      address: draft.address.trim(),
      contactEmail: draft.contactEmail.trim(),
    };
    setBusy(true);
    setFeedback(NO_FEEDBACK);
    const request =
      processor === null ? createProcessor(body) : updateProcessor(processor.id, body);
    request.then(
      (saved) => {
        setBusy(false);
        onSaved(saved);
      },
      (failure: unknown) => {
        setBusy(false);
        setFeedback(feedbackFrom(formId, failure, t, body));
      },
    );
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert feedback={feedback} />
        <TextInput
          {...field('name')}
          label={t('processor.name')}
          required
          withAsterisk={false}
          value={draft.name}
          onChange={(event) => {
            const name = event.currentTarget.value;
            setDraft((d) => ({ ...d, name }));
          }}
        />
        <Textarea
          {...field('address')}
          label={t('processor.address')}
          required
          withAsterisk={false}
          minRows={2}
          value={draft.address}
          onChange={(event) => {
            const address = event.currentTarget.value;
            setDraft((d) => ({ ...d, address }));
          }}
        />
        <TextInput
          {...field('contactEmail')}
          type="email"
          label={t('processor.contactEmail')}
          required
          withAsterisk={false}
          value={draft.contactEmail}
          onChange={(event) => {
            const contactEmail = event.currentTarget.value;
            setDraft((d) => ({ ...d, contactEmail }));
          }}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {processor === null ? t('processor.createSubmit') : t('common.save')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
