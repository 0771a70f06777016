// Form fields for the single-valued parts of a platform: general data and operator,
// Erforderlichkeitsprüfung, Art. 26 and DSFA.
import { NativeSelect, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { PlatformDraft } from './platform.draft.ts';
import type { FormFeedback } from './registry.form-errors.tsx';
import { fieldProps } from './registry.form-errors.tsx';
import { GroupFieldset } from './registry.fields.tsx';
import { DPIA_STATUS_LABELS, NECESSITY_LABELS, oneOf } from './registry.labels.ts';
import { DPIA_STATUSES, NECESSITY_OUTCOMES } from './registry.types.ts';

export interface DraftFieldsProps {
  formId: string;
  feedback: FormFeedback;
  draft: PlatformDraft;
  onChange: (change: (draft: PlatformDraft) => PlatformDraft) => void;
}

export function GeneralFields({
  formId,
  feedback,
  draft,
  onChange,
  withKey,
}: DraftFieldsProps & { withKey: boolean }) {
  const { t } = useI18n();
  const field = (path: string) => fieldProps(formId, feedback, path);
  const setOperator = (name: keyof PlatformDraft['operator'], value: string) => {
    onChange((d) => ({ ...d, operator: { ...d.operator, [name]: value } }));
  };
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          {...field('name')}
          label={t('platform.name')}
          required
          withAsterisk={false}
          value={draft.name}
          onChange={(event) => {
            const value = event.currentTarget.value;
            onChange((d) => ({ ...d, name: value }));
          }}
        />
        {withKey && (
          <TextInput
            {...field('key')}
            label={t('platform.key')}
            description={t('platform.keyHint')}
            required
            withAsterisk={false}
            value={draft.key}
            onChange={(event) => {
              const value = event.currentTarget.value;
              onChange((d) => ({ ...d, key: value }));
            }}
          />
        )}
      </SimpleGrid>
      <GroupFieldset id={`${formId}-operator-group`} legend={t('platform.operator')}>
        <TextInput
          {...field('operator.legalEntity')}
          label={t('platform.legalEntity')}
          required
          withAsterisk={false}
          value={draft.operator.legalEntity}
          onChange={(event) => {
            setOperator('legalEntity', event.currentTarget.value);
          }}
        />
        <Textarea
          {...field('operator.address')}
          label={t('platform.address')}
          required
          withAsterisk={false}
          minRows={2}
          value={draft.operator.address}
          onChange={(event) => {
            setOperator('address', event.currentTarget.value);
          }}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            {...field('operator.privacyPolicyUrl')}
            type="url"
            label={t('platform.privacyPolicyUrl')}
            required
            withAsterisk={false}
            value={draft.operator.privacyPolicyUrl}
            onChange={(event) => {
              setOperator('privacyPolicyUrl', event.currentTarget.value);
            }}
          />
          <TextInput
            {...field('operator.cookiePolicyUrl')}
            type="url"
            label={t('platform.cookiePolicyUrl')}
            description={t('registry.optional')}
            value={draft.operator.cookiePolicyUrl}
            onChange={(event) => {
              setOperator('cookiePolicyUrl', event.currentTarget.value);
            }}
          />
        </SimpleGrid>
        <TextInput
          {...field('operator.rightsContact')}
          label={t('platform.rightsContact')}
          description={t('platform.rightsContactHint')}
          required
          withAsterisk={false}
          value={draft.operator.rightsContact}
          onChange={(event) => {
            setOperator('rightsContact', event.currentTarget.value);
          }}
        />
      </GroupFieldset>
    </Stack>
  );
}

export function NecessityFields({ formId, feedback, draft, onChange }: DraftFieldsProps) {
  const { t } = useI18n();
  const field = (path: string) => fieldProps(formId, feedback, path);
  const set = (name: keyof PlatformDraft['necessity'], value: string) => {
    onChange((d) => ({ ...d, necessity: { ...d.necessity, [name]: value } }));
  };
  return (
    <Stack gap="sm">
      <Textarea
        {...field('necessity.reasoning')}
        label={t('platform.reasoning')}
        required
        withAsterisk={false}
        minRows={4}
        value={draft.necessity.reasoning}
        onChange={(event) => {
          set('reasoning', event.currentTarget.value);
        }}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <NativeSelect
          {...field('necessity.outcome')}
          label={t('platform.outcome')}
          required
          withAsterisk={false}
          data={[
            { value: '', label: t('common.pleaseChoose'), disabled: true },
            ...NECESSITY_OUTCOMES.map((value) => ({ value, label: t(NECESSITY_LABELS[value]) })),
          ]}
          value={draft.necessity.outcome}
          onChange={(event) => {
            set('outcome', oneOf(NECESSITY_OUTCOMES, event.currentTarget.value) ?? '');
          }}
        />
        <TextInput
          {...field('necessity.assessedOn')}
          type="date"
          label={t('platform.assessedOn')}
          required
          withAsterisk={false}
          value={draft.necessity.assessedOn}
          onChange={(event) => {
            set('assessedOn', event.currentTarget.value);
          }}
        />
        <TextInput
          {...field('necessity.nextReviewOn')}
          type="date"
          label={t('registry.nextReviewOn')}
          required
          withAsterisk={false}
          value={draft.necessity.nextReviewOn}
          onChange={(event) => {
            set('nextReviewOn', event.currentTarget.value);
          }}
        />
      </SimpleGrid>
    </Stack>
  );
}

export function JointFields({ formId, feedback, draft, onChange }: DraftFieldsProps) {
  const { t } = useI18n();
  const field = (path: string) => fieldProps(formId, feedback, `jointControllership.${path}`);
  const joint = draft.jointControllership;
  const set = (name: keyof PlatformDraft['jointControllership'], value: string) => {
    onChange((d) => ({ ...d, jointControllership: { ...d.jointControllership, [name]: value } }));
  };
  return (
    <Stack gap="sm">
      <Switch
        id={`${formId}-hasJointControllership`}
        label={t('platform.hasJoint')}
        description={t('platform.hasJointHint')}
        checked={draft.hasJointControllership}
        onChange={(event) => {
          const checked = event.currentTarget.checked;
          onChange((d) => ({ ...d, hasJointControllership: checked }));
        }}
      />
      {draft.hasJointControllership && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              {...field('arrangementUrl')}
              type="url"
              label={t('platform.arrangementUrl')}
              required
              withAsterisk={false}
              value={joint.arrangementUrl}
              onChange={(event) => {
                set('arrangementUrl', event.currentTarget.value);
              }}
            />
            <TextInput
              {...field('essencePublishedUrl')}
              type="url"
              label={t('platform.essencePublishedUrl')}
              required
              withAsterisk={false}
              value={joint.essencePublishedUrl}
              onChange={(event) => {
                set('essencePublishedUrl', event.currentTarget.value);
              }}
            />
          </SimpleGrid>
          <Textarea
            {...field('scope')}
            label={t('platform.scope')}
            description={t('platform.scopeHint')}
            required
            withAsterisk={false}
            minRows={2}
            value={joint.scope}
            onChange={(event) => {
              set('scope', event.currentTarget.value);
            }}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              {...field('contactPoint')}
              label={t('platform.contactPoint')}
              required
              withAsterisk={false}
              value={joint.contactPoint}
              onChange={(event) => {
                set('contactPoint', event.currentTarget.value);
              }}
            />
            <TextInput
              {...field('forwardingDeadlineDays')}
              type="number"
              inputMode="numeric"
              min={1}
              max={90}
              label={t('platform.forwardingDeadlineDays')}
              description={t('platform.forwardingDeadlineHint')}
              required
              withAsterisk={false}
              value={joint.forwardingDeadlineDays}
              onChange={(event) => {
                set('forwardingDeadlineDays', event.currentTarget.value);
              }}
            />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

export function DpiaFields({ formId, feedback, draft, onChange }: DraftFieldsProps) {
  const { t } = useI18n();
  const field = (path: string) => fieldProps(formId, feedback, `dpia.${path}`);
  const set = (name: keyof PlatformDraft['dpia'], value: string) => {
    onChange((d) => ({ ...d, dpia: { ...d.dpia, [name]: value } }));
  };
  return (
    <Stack gap="sm">
      <Switch
        id={`${formId}-hasDpia`}
        label={t('platform.hasDpia')}
        description={t('platform.hasDpiaHint')}
        checked={draft.hasDpia}
        onChange={(event) => {
          const checked = event.currentTarget.checked;
          onChange((d) => ({ ...d, hasDpia: checked }));
        }}
      />
      {draft.hasDpia && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            {...field('documentRef')}
            label={t('platform.documentRef')}
            description={t('platform.documentRefHint')}
            required
            withAsterisk={false}
            value={draft.dpia.documentRef}
            onChange={(event) => {
              set('documentRef', event.currentTarget.value);
            }}
          />
          <TextInput
            {...field('version')}
            label={t('platform.dpiaVersion')}
            required
            withAsterisk={false}
            value={draft.dpia.version}
            onChange={(event) => {
              set('version', event.currentTarget.value);
            }}
          />
          <TextInput
            {...field('date')}
            type="date"
            label={t('platform.dpiaDate')}
            required
            withAsterisk={false}
            value={draft.dpia.date}
            onChange={(event) => {
              set('date', event.currentTarget.value);
            }}
          />
          <NativeSelect
            {...field('status')}
            label={t('platform.dpiaStatus')}
            description={t('platform.dpiaStatusHint')}
            required
            withAsterisk={false}
            data={[
              { value: '', label: t('common.pleaseChoose'), disabled: true },
              ...DPIA_STATUSES.map((value) => ({ value, label: t(DPIA_STATUS_LABELS[value]) })),
            ]}
            value={draft.dpia.status}
            onChange={(event) => {
              set('status', oneOf(DPIA_STATUSES, event.currentTarget.value) ?? '');
            }}
          />
          <TextInput
            {...field('nextReviewOn')}
            type="date"
            label={t('registry.nextReviewOn')}
            required
            withAsterisk={false}
            value={draft.dpia.nextReviewOn}
            onChange={(event) => {
              set('nextReviewOn', event.currentTarget.value);
            }}
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}
