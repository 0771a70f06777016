// The requested publication time: a Berlin date and time, or nothing ("Sofort nach Freigabe").
import { Button, Group, Text, TextInput } from '@mantine/core';
import { useI18n } from '../i18n/i18n.context.tsx';
import { GroupFieldset } from '../registry/registry.fields.tsx';
import { berlinToIso } from './composer.time.ts';

export function ScheduleFields({
  id,
  date,
  time,
  error,
  onChange,
  legend,
}: {
  /** Id of the date input; the time input gets `${id}-time`. */
  id: string;
  date: string;
  time: string;
  error: string | undefined;
  onChange: (value: { date: string; time: string }) => void;
  legend?: string;
}) {
  const { t, formatDateTime } = useI18n();
  const when = berlinToIso(date, time);
  const summary =
    when.kind === 'empty'
      ? t('composer.whenEmpty')
      : when.kind === 'ok'
        ? t('composer.whenSet', { when: formatDateTime(when.iso) })
        : null;
  return (
    <GroupFieldset
      id={`${id}-group`}
      legend={legend ?? t('composer.when')}
      description={t('composer.whenHint')}
    >
      <Group align="flex-start" gap="sm">
        <TextInput
          id={id}
          type="date"
          label={t('composer.whenDate')}
          error={error}
          value={date}
          onChange={(event) => {
            onChange({ date: event.currentTarget.value, time });
          }}
        />
        <TextInput
          id={`${id}-time`}
          type="time"
          label={t('composer.whenTime')}
          error={error === undefined ? undefined : true}
          value={time}
          onChange={(event) => {
            onChange({ date, time: event.currentTarget.value });
          }}
        />
      </Group>
      {summary !== null && (
        <Text size="sm" fw={600}>
          {summary}
        </Text>
      )}
      {when.kind !== 'empty' && (
        <Group>
          <Button
            variant="subtle"
            onClick={() => {
              onChange({ date: '', time: '' });
              document.getElementById(id)?.focus();
            }}
          >
            {t('composer.whenClear')}
          </Button>
        </Group>
      )}
    </GroupFieldset>
  );
}

/** A local message for a date/time pair the server could not take, or undefined. */
export function scheduleProblem(
  date: string,
  time: string,
  now: number,
): 'composer.whenIncomplete' | 'composer.whenSkipped' | 'composer.whenPast' | undefined {
  const when = berlinToIso(date, time);
  switch (when.kind) {
    case 'empty':
      return undefined;
    case 'incomplete':
      return 'composer.whenIncomplete';
    case 'skipped':
      return 'composer.whenSkipped';
    case 'ok':
      return new Date(when.iso).getTime() < now - 60_000 ? 'composer.whenPast' : undefined;
  }
}
