// A processing contract (AVV) with the content Art. 28(3) GDPR requires, its term and the
// channels the agency may work on under it.
import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { createContract, updateContract } from './registry.api.ts';
import { GroupFieldset, TextListField, useFocusAfterRender } from './registry.fields.tsx';
import type { FormFeedback } from './registry.form-errors.tsx';
import {
  feedbackFrom,
  fieldId,
  fieldProps,
  FormAlert,
  NO_FEEDBACK,
} from './registry.form-errors.tsx';
import type { Channel, Contract, ContractFields, SubProcessor } from './registry.types.ts';

const EMPTY_SUB: SubProcessor = { name: '', location: '', purpose: '' };

function draftOf(contract: Contract | null, processorId: string): ContractFields {
  return {
    processorId,
    reference: contract?.reference ?? '',
    subjectMatter: contract?.subjectMatter ?? '',
    duration: contract?.duration ?? '',
    naturePurpose: contract?.naturePurpose ?? '',
    dataTypes: contract?.dataTypes ?? [],
    subjectCategories: contract?.subjectCategories ?? [],
    subProcessors: contract?.subProcessors ?? [],
    startsOn: contract?.startsOn ?? '',
    endsOn: contract?.endsOn ?? '',
    channelIds: contract?.channelIds ?? [],
  };
}

export function ContractForm({
  contract,
  processorId,
  channels,
  channelName,
  onSaved,
  onCancel,
}: {
  contract: Contract | null;
  processorId: string;
  channels: readonly Channel[];
  channelName: (channel: Channel) => string;
  onSaved: (contract: Contract) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const formId = contract === null ? `contract-new-${processorId}` : `contract-${contract.id}`;
  const [draft, setDraft] = useState<ContractFields>(() => draftOf(contract, processorId));
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const focusLater = useFocusAfterRender();
  const field = (path: string) => fieldProps(formId, feedback, path);
  const set = <K extends keyof ContractFields>(name: K, value: ContractFields[K]) => {
    setDraft((d) => ({ ...d, [name]: value }));
  };
  const setSub = (index: number, change: Partial<SubProcessor>) => {
    set(
      'subProcessors',
      draft.subProcessors.map((row, i) => (i === index ? { ...row, ...change } : row)),
    );
  };

  useEffect(() => {
    formRef.current?.querySelector('input')?.focus();
  }, []);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trim = (values: readonly string[]) => values.map((value) => value.trim());
    const body: ContractFields = {
      ...draft,
      reference: draft.reference.trim(),
      subjectMatter: draft.subjectMatter.trim(),
      duration: draft.duration.trim(),
      naturePurpose: draft.naturePurpose.trim(),
      dataTypes: trim(draft.dataTypes),
      subjectCategories: trim(draft.subjectCategories),
      subProcessors: draft.subProcessors.map((sub) => ({
        name: sub.name.trim(),
        location: sub.location.trim(),
        purpose: sub.purpose.trim(),
      })),
      endsOn: draft.endsOn === '' ? null : draft.endsOn,
    };
    setBusy(true);
    setFeedback(NO_FEEDBACK);
    // The processor of a contract does not change; the PATCH body leaves it out.
    const changes: Omit<ContractFields, 'processorId'> & { processorId?: string } = { ...body };
    delete changes.processorId;
    const request = contract === null ? createContract(body) : updateContract(contract.id, changes);
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

  const subsId = fieldId(formId, 'subProcessors');
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert feedback={feedback} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            {...field('reference')}
            label={t('contract.reference')}
            required
            withAsterisk={false}
            value={draft.reference}
            onChange={(event) => {
              set('reference', event.currentTarget.value);
            }}
          />
          <TextInput
            {...field('duration')}
            label={t('contract.duration')}
            description={t('contract.durationHint')}
            required
            withAsterisk={false}
            value={draft.duration}
            onChange={(event) => {
              set('duration', event.currentTarget.value);
            }}
          />
        </SimpleGrid>
        <Textarea
          {...field('subjectMatter')}
          label={t('contract.subjectMatter')}
          required
          withAsterisk={false}
          minRows={2}
          value={draft.subjectMatter}
          onChange={(event) => {
            set('subjectMatter', event.currentTarget.value);
          }}
        />
        <Textarea
          {...field('naturePurpose')}
          label={t('contract.naturePurpose')}
          required
          withAsterisk={false}
          minRows={2}
          value={draft.naturePurpose}
          onChange={(event) => {
            set('naturePurpose', event.currentTarget.value);
          }}
        />
        <TextListField
          formId={formId}
          feedback={feedback}
          path="dataTypes"
          legend={t('contract.dataTypes')}
          itemLabel={(number) => t('contract.dataTypeN', { number })}
          addLabel={t('contract.addDataType')}
          values={draft.dataTypes}
          onChange={(values) => {
            set('dataTypes', values);
          }}
        />
        <TextListField
          formId={formId}
          feedback={feedback}
          path="subjectCategories"
          legend={t('contract.subjectCategories')}
          itemLabel={(number) => t('contract.subjectCategoryN', { number })}
          addLabel={t('contract.addSubjectCategory')}
          values={draft.subjectCategories}
          onChange={(values) => {
            set('subjectCategories', values);
          }}
        />
        <GroupFieldset
          id={subsId}
          legend={t('contract.subProcessors')}
          error={feedback.errors.subProcessors}
        >
          {draft.subProcessors.length === 0 && (
            <Text size="sm">{t('contract.noSubProcessors')}</Text>
          )}
          {draft.subProcessors.map((sub, index) => (
            <Fieldset key={index} legend={t('contract.subProcessorN', { number: index + 1 })}>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <TextInput
                  {...field(`subProcessors.${index}.name`)}
                  label={t('contract.subName')}
                  value={sub.name}
                  onChange={(event) => {
                    setSub(index, { name: event.currentTarget.value });
                  }}
                />
                <TextInput
                  {...field(`subProcessors.${index}.location`)}
                  label={t('contract.subLocation')}
                  value={sub.location}
                  onChange={(event) => {
                    setSub(index, { location: event.currentTarget.value });
                  }}
                />
                <TextInput
                  {...field(`subProcessors.${index}.purpose`)}
                  label={t('contract.subPurpose')}
                  value={sub.purpose}
                  onChange={(event) => {
                    setSub(index, { purpose: event.currentTarget.value });
                  }}
                />
              </SimpleGrid>
              <Button
                mt="sm"
                variant="default"
                onClick={() => {
                  set(
                    'subProcessors',
                    draft.subProcessors.filter((_, i) => i !== index),
                  );
                  focusLater(`${subsId}-add`);
                }}
              >
                {t('contract.removeSubProcessor', { number: index + 1 })}
              </Button>
            </Fieldset>
          ))}
          <Group>
            <Button
              id={`${subsId}-add`}
              variant="subtle"
              onClick={() => {
                set('subProcessors', [...draft.subProcessors, EMPTY_SUB]);
                focusLater(fieldId(formId, `subProcessors.${draft.subProcessors.length}.name`));
              }}
            >
              {t('contract.addSubProcessor')}
            </Button>
          </Group>
        </GroupFieldset>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            {...field('startsOn')}
            type="date"
            label={t('contract.startsOn')}
            required
            withAsterisk={false}
            value={draft.startsOn}
            onChange={(event) => {
              set('startsOn', event.currentTarget.value);
            }}
          />
          <TextInput
            {...field('endsOn')}
            type="date"
            label={t('contract.endsOn')}
            description={t('contract.endsOnHint')}
            value={draft.endsOn ?? ''}
            onChange={(event) => {
              set('endsOn', event.currentTarget.value);
            }}
          />
        </SimpleGrid>
        <GroupFieldset
          id={fieldId(formId, 'channelIds')}
          legend={t('contract.channels')}
          description={t('contract.channelsHint')}
          error={feedback.errors.channelIds}
        >
          {channels.length === 0 && <Text size="sm">{t('channel.empty')}</Text>}
          {channels.map((channel) => (
            <Checkbox
              key={channel.id}
              label={channelName(channel)}
              checked={draft.channelIds.includes(channel.id)}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                set(
                  'channelIds',
                  checked
                    ? [...draft.channelIds, channel.id]
                    : draft.channelIds.filter((id) => id !== channel.id),
                );
              }}
            />
          ))}
        </GroupFieldset>
        <Group>
          <Button type="submit" loading={busy}>
            {contract === null ? t('contract.createSubmit') : t('common.save')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
