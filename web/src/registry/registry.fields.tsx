// Building blocks shared by the registry's forms and detail views.
import {
  Anchor,
  Button,
  Fieldset,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { FormFeedback } from './registry.form-errors.tsx';
import { fieldId, fieldProps, GroupError, groupErrorId } from './registry.form-errors.tsx';

/** A fieldset with a real legend (WCAG 1.3.1) whose message is linked via aria-describedby. */
export function GroupFieldset({
  id,
  legend,
  description,
  error,
  children,
}: {
  id: string;
  legend: string;
  description?: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  const descriptionId = `${id}-description`;
  const describedBy = [
    description === undefined ? null : descriptionId,
    error === undefined ? null : groupErrorId(id),
  ].filter((value) => value !== null);
  return (
    <Fieldset
      id={id}
      legend={legend}
      aria-describedby={describedBy.length === 0 ? undefined : describedBy.join(' ')}
    >
      <Stack gap="sm">
        {description !== undefined && (
          <Text id={descriptionId} size="sm" c="dimmed">
            {description}
          </Text>
        )}
        <GroupError groupId={id} message={error} />
        {children}
      </Stack>
    </Fieldset>
  );
}

/** Moves focus to an element once it exists, e.g. the input of a row just added. */
export function useFocusAfterRender(): (id: string) => void {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (pending.current !== null) {
      document.getElementById(pending.current)?.focus();
      pending.current = null;
    }
  });
  return (id: string) => {
    pending.current = id;
  };
}

/** A list of short texts (target groups, recipients, data types) as editable rows. */
export function TextListField({
  formId,
  feedback,
  path,
  legend,
  itemLabel,
  addLabel,
  description,
  values,
  onChange,
}: {
  formId: string;
  feedback: FormFeedback;
  path: string;
  legend: string;
  /** Label of one row; `{number}` is replaced by its position. */
  itemLabel: (number: number) => string;
  addLabel: string;
  description?: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
}) {
  const { t } = useI18n();
  const focusLater = useFocusAfterRender();
  const groupId = fieldId(formId, path);
  return (
    <GroupFieldset
      id={groupId}
      legend={legend}
      description={description}
      error={feedback.errors[path]}
    >
      {values.length === 0 && <Text size="sm">{t('registry.noEntries')}</Text>}
      {values.map((value, index) => (
        <Group key={index} align="flex-end" gap="xs" wrap="nowrap">
          <TextInput
            {...fieldProps(formId, feedback, `${path}.${index}`)}
            label={itemLabel(index + 1)}
            value={value}
            style={{ flex: 1 }}
            onChange={(event) => {
              const next = [...values];
              next[index] = event.currentTarget.value;
              onChange(next);
            }}
          />
          <Button
            variant="default"
            onClick={() => {
              onChange(values.filter((_, other) => other !== index));
              focusLater(`${groupId}-add`);
            }}
          >
            {t('registry.removeEntry', { label: itemLabel(index + 1) })}
          </Button>
        </Group>
      ))}
      <Group>
        <Button
          id={`${groupId}-add`}
          variant="subtle"
          onClick={() => {
            onChange([...values, '']);
            focusLater(fieldId(formId, `${path}.${values.length}`));
          }}
        >
          {addLabel}
        </Button>
      </Group>
    </GroupFieldset>
  );
}

/** A titled section of a page (h2) with optional actions next to the heading. */
export function Section({
  id,
  title,
  actions,
  children,
}: {
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={`${id}-title`}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Title order={2} id={`${id}-title`} tabIndex={-1}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

/** Label/value pairs as a description list, which screen readers announce as such. */
export function DetailList({ items }: { items: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="sf-details">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A calendar day or a dash when missing. */
export function Day({ value }: { value: string | null | undefined }) {
  const { formatDate } = useI18n();
  return <>{value === null || value === undefined || value === '' ? '–' : formatDate(value)}</>;
}

/** Text that may be empty. */
export function Maybe({ value }: { value: string | null | undefined }) {
  const { t } = useI18n();
  return (
    <>{value === null || value === undefined || value === '' ? t('registry.notGiven') : value}</>
  );
}

/** A link leaving the app; the text says it opens a new tab (WCAG 3.2.5). */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer">
      {children} {t('registry.newTab')}
    </Anchor>
  );
}
