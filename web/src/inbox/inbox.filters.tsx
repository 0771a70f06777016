// The list's filters: channel, platform, status, assignee, verdict, unit and a text search. Selects
// apply at once; the search applies on Enter, so typing does not reload the list on every key.
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { platformMark } from '../publishing/publishing.labels.ts';
import { labelOf, STATUS_LABELS, VERDICT_LABELS } from './inbox.labels.ts';
import type { InboxFilters } from './inbox.types.ts';
import { EMPTY_FILTERS, PLATFORM_KEYS, VERDICT_OUTCOMES } from './inbox.types.ts';

export const SEARCH_INPUT_ID = 'inbox-search';

export interface FilterChoice {
  value: string;
  label: string;
}

export function InboxFiltersBar({
  filters,
  channels,
  units,
  onChange,
}: {
  filters: InboxFilters;
  channels: readonly FilterChoice[];
  units: readonly FilterChoice[];
  onChange: (next: InboxFilters) => void;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState(filters.q);
  const any = { value: '', label: t('inbox.filters.any') };
  const set = (patch: Partial<InboxFilters>) => {
    onChange({ ...filters, ...patch });
  };
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    set({ q });
  };

  return (
    <form role="search" aria-label={t('inbox.filters.title')} noValidate onSubmit={submit}>
      <Group align="flex-end" gap="sm" wrap="wrap" mb="md">
        <NativeSelect
          id="inbox-filter-status"
          label={t('inbox.filters.status')}
          data={[
            { value: 'open', label: t(STATUS_LABELS.open) },
            { value: 'done', label: t(STATUS_LABELS.done) },
            { value: 'all', label: t('inbox.filters.statusAll') },
          ]}
          value={filters.status}
          onChange={(event) => {
            const value = event.currentTarget.value;
            set({ status: value === 'done' || value === 'all' ? value : 'open' });
          }}
        />
        <NativeSelect
          id="inbox-filter-channel"
          label={t('inbox.filters.channel')}
          data={[any, ...channels]}
          value={filters.channelId}
          onChange={(event) => {
            set({ channelId: event.currentTarget.value });
          }}
        />
        <NativeSelect
          id="inbox-filter-platform"
          label={t('inbox.filters.platform')}
          data={[
            any,
            ...PLATFORM_KEYS.map((key) => ({ value: key, label: platformMark(key).name })),
          ]}
          value={filters.platform}
          onChange={(event) => {
            set({ platform: event.currentTarget.value });
          }}
        />
        <NativeSelect
          id="inbox-filter-assignee"
          label={t('inbox.filters.assignee')}
          data={[
            any,
            { value: 'me', label: t('inbox.filters.assigneeMe') },
            { value: 'none', label: t('inbox.filters.assigneeNone') },
          ]}
          value={filters.assigneeId}
          onChange={(event) => {
            set({ assigneeId: event.currentTarget.value });
          }}
        />
        <NativeSelect
          id="inbox-filter-verdict"
          label={t('inbox.filters.verdict')}
          data={[
            any,
            ...VERDICT_OUTCOMES.map((value) => ({
              value,
              label: labelOf(t, VERDICT_LABELS, value),
            })),
          ]}
          value={filters.verdict}
          onChange={(event) => {
            const value = event.currentTarget.value;
            const verdict = VERDICT_OUTCOMES.find((outcome) => outcome === value) ?? '';
            set({ verdict });
          }}
        />
        {units.length > 0 && (
          <NativeSelect
            id="inbox-filter-unit"
            label={t('inbox.filters.unit')}
            data={[any, ...units]}
            value={filters.orgUnitId}
            maw={260}
            onChange={(event) => {
              set({ orgUnitId: event.currentTarget.value });
            }}
          />
        )}
        <TextInput
          id={SEARCH_INPUT_ID}
          type="search"
          label={t('inbox.filters.search')}
          description={t('inbox.filters.searchHint')}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
          }}
        />
        <Button type="submit" variant="default">
          {t('inbox.filters.searchSubmit')}
        </Button>
        <Button
          variant="subtle"
          onClick={() => {
            setQ('');
            onChange(EMPTY_FILTERS);
          }}
        >
          {t('inbox.filters.reset')}
        </Button>
      </Group>
    </form>
  );
}
