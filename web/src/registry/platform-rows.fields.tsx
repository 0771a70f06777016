// Form fields for the repeatable parts of a platform: purposes with their Rechtsgrundlage,
// third-country transfers, target groups and recipients; plus the operator's storage periods.
import {
  Button,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { PurposeDraft, TransferDraft } from './platform.draft.ts';
import { EMPTY_PURPOSE, EMPTY_TRANSFER } from './platform.draft.ts';
import type { DraftFieldsProps } from './platform-sections.fields.tsx';
import { fieldId, fieldProps, GroupError } from './registry.form-errors.tsx';
import { TextListField, useFocusAfterRender } from './registry.fields.tsx';
import { oneOf, SCC_MODULE_LABELS, TRANSFER_BASIS_LABELS } from './registry.labels.ts';
import { SCC_MODULES, TRANSFER_BASES } from './registry.types.ts';

export function PurposeFields({ formId, feedback, draft, onChange }: DraftFieldsProps) {
  const { t } = useI18n();
  const focusLater = useFocusAfterRender();
  const field = (path: string) => fieldProps(formId, feedback, path);
  const setRow = (index: number, change: Partial<PurposeDraft>) => {
    onChange((d) => ({
      ...d,
      purposes: d.purposes.map((row, other) => (other === index ? { ...row, ...change } : row)),
    }));
  };
  const groupId = fieldId(formId, 'purposes');
  return (
    <Stack gap="sm" id={groupId}>
      <GroupError groupId={groupId} message={feedback.errors.purposes} />
      {draft.purposes.map((purpose, index) => (
        <Fieldset key={index} legend={t('platform.purposeN', { number: index + 1 })}>
          <Stack gap="sm">
            <Textarea
              {...field(`purposes.${index}.text`)}
              label={t('platform.purposeText')}
              required
              withAsterisk={false}
              minRows={2}
              value={purpose.text}
              onChange={(event) => {
                setRow(index, { text: event.currentTarget.value });
              }}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                {...field(`purposes.${index}.legalBasis.gdpr`)}
                label={t('platform.legalBasisGdpr')}
                description={t('platform.legalBasisGdprHint')}
                required
                withAsterisk={false}
                value={purpose.gdpr}
                onChange={(event) => {
                  setRow(index, { gdpr: event.currentTarget.value });
                }}
              />
              <TextInput
                {...field(`purposes.${index}.legalBasis.national`)}
                label={t('platform.legalBasisNational')}
                description={t('platform.legalBasisNationalHint')}
                value={purpose.national}
                onChange={(event) => {
                  setRow(index, { national: event.currentTarget.value });
                }}
              />
            </SimpleGrid>
            {draft.purposes.length > 1 && (
              <Group>
                <Button
                  variant="default"
                  onClick={() => {
                    onChange((d) => ({
                      ...d,
                      purposes: d.purposes.filter((_, other) => other !== index),
                    }));
                    focusLater(`${groupId}-add`);
                  }}
                >
                  {t('platform.removePurpose', { number: index + 1 })}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>
      ))}
      <Group>
        <Button
          id={`${groupId}-add`}
          variant="subtle"
          onClick={() => {
            onChange((d) => ({ ...d, purposes: [...d.purposes, EMPTY_PURPOSE] }));
            focusLater(fieldId(formId, `purposes.${draft.purposes.length}.text`));
          }}
        >
          {t('platform.addPurpose')}
        </Button>
      </Group>
    </Stack>
  );
}

export function TransferFields({ formId, feedback, draft, onChange }: DraftFieldsProps) {
  const { t } = useI18n();
  const focusLater = useFocusAfterRender();
  const field = (path: string) => fieldProps(formId, feedback, path);
  const setRow = (index: number, change: Partial<TransferDraft>) => {
    onChange((d) => ({
      ...d,
      transfers: d.transfers.map((row, other) => (other === index ? { ...row, ...change } : row)),
    }));
  };
  const groupId = fieldId(formId, 'transfers');
  return (
    <Stack gap="sm" id={groupId}>
      <GroupError groupId={groupId} message={feedback.errors.transfers} />
      {draft.transfers.length === 0 && <Text size="sm">{t('platform.noTransfers')}</Text>}
      {draft.transfers.map((transfer, index) => (
        <Fieldset key={index} legend={t('platform.transferN', { number: index + 1 })}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                {...field(`transfers.${index}.country`)}
                label={t('platform.country')}
                description={t('platform.countryHint')}
                required
                withAsterisk={false}
                maxLength={2}
                autoCapitalize="characters"
                value={transfer.country}
                onChange={(event) => {
                  setRow(index, { country: event.currentTarget.value.toUpperCase() });
                }}
              />
              <NativeSelect
                {...field(`transfers.${index}.basis`)}
                label={t('platform.transferBasis')}
                required
                withAsterisk={false}
                data={[
                  { value: '', label: t('common.pleaseChoose'), disabled: true },
                  ...TRANSFER_BASES.map((value) => ({
                    value,
                    label: t(TRANSFER_BASIS_LABELS[value]),
                  })),
                ]}
                value={transfer.basis}
                onChange={(event) => {
                  setRow(index, { basis: oneOf(TRANSFER_BASES, event.currentTarget.value) ?? '' });
                }}
              />
              {transfer.basis === 'eu-us-dpf' && (
                <TextInput
                  {...field(`transfers.${index}.dpfCheckedOn`)}
                  type="date"
                  label={t('platform.dpfCheckedOn')}
                  description={t('platform.dpfCheckedOnHint')}
                  required
                  withAsterisk={false}
                  value={transfer.dpfCheckedOn}
                  onChange={(event) => {
                    setRow(index, { dpfCheckedOn: event.currentTarget.value });
                  }}
                />
              )}
              {transfer.basis === 'scc-2021-914' && (
                <NativeSelect
                  {...field(`transfers.${index}.sccModule`)}
                  label={t('platform.sccModule')}
                  required
                  withAsterisk={false}
                  data={[
                    { value: '', label: t('common.pleaseChoose'), disabled: true },
                    ...SCC_MODULES.map((value) => ({
                      value,
                      label: t(SCC_MODULE_LABELS[value]),
                    })),
                  ]}
                  value={transfer.sccModule}
                  onChange={(event) => {
                    setRow(index, {
                      sccModule: oneOf(SCC_MODULES, event.currentTarget.value) ?? '',
                    });
                  }}
                />
              )}
            </SimpleGrid>
            <Textarea
              {...field(`transfers.${index}.notes`)}
              label={t('platform.transferNotes')}
              description={t('registry.optional')}
              minRows={2}
              value={transfer.notes}
              onChange={(event) => {
                setRow(index, { notes: event.currentTarget.value });
              }}
            />
            <Group>
              <Button
                variant="default"
                onClick={() => {
                  onChange((d) => ({
                    ...d,
                    transfers: d.transfers.filter((_, other) => other !== index),
                  }));
                  focusLater(`${groupId}-add`);
                }}
              >
                {t('platform.removeTransfer', { number: index + 1 })}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
      ))}
      <Group>
        <Button
          id={`${groupId}-add`}
          variant="subtle"
          onClick={() => {
            onChange((d) => ({ ...d, transfers: [...d.transfers, EMPTY_TRANSFER] }));
            focusLater(fieldId(formId, `transfers.${draft.transfers.length}.country`));
          }}
        >
          {t('platform.addTransfer')}
        </Button>
      </Group>
    </Stack>
  );
}

export function AudienceFields({ formId, feedback, draft, onChange }: DraftFieldsProps) {
  const { t } = useI18n();
  return (
    <Stack gap="md">
      <TextListField
        formId={formId}
        feedback={feedback}
        path="targetGroups"
        legend={t('platform.targetGroups')}
        itemLabel={(number) => t('platform.targetGroupN', { number })}
        addLabel={t('platform.addTargetGroup')}
        values={draft.targetGroups}
        onChange={(values) => {
          onChange((d) => ({ ...d, targetGroups: values }));
        }}
      />
      <TextListField
        formId={formId}
        feedback={feedback}
        path="recipients"
        legend={t('platform.recipients')}
        description={t('platform.recipientsHint')}
        itemLabel={(number) => t('platform.recipientN', { number })}
        addLabel={t('platform.addRecipient')}
        values={draft.recipients}
        onChange={(values) => {
          onChange((d) => ({ ...d, recipients: values }));
        }}
      />
    </Stack>
  );
}

export function StorageFields({ formId, feedback, draft, onChange }: DraftFieldsProps) {
  const { t } = useI18n();
  return (
    <Textarea
      {...fieldProps(formId, feedback, 'storagePeriods')}
      label={t('platform.storagePeriods')}
      description={t('platform.storagePeriodsHint')}
      minRows={3}
      value={draft.storagePeriods}
      onChange={(event) => {
        const value = event.currentTarget.value;
        onChange((d) => ({ ...d, storagePeriods: value }));
      }}
    />
  );
}
