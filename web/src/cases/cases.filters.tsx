// Filters of the case list. Status, category, unit, assignee and "Löschung fällig bis" live in the
// URL (no personal data, so a view can be bookmarked); the person search never does.
import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../i18n/i18n.context.tsx';
import { STATUS_LABELS } from './cases.labels.ts';
import type { CaseOptions } from './cases.options.ts';
import type { CaseListQuery, CaseStatus } from './cases.types.ts';
import { CASE_STATUSES } from './cases.types.ts';

export interface CaseFilterValues {
  status: CaseStatus | '';
  category: string;
  orgUnitId: string;
  assigneeId: string;
  /** `YYYY-MM-DD`: closed cases whose deletion is due by the end of that day. */
  deleteBy: string;
}

const PARAMS: Record<keyof CaseFilterValues, string> = {
  status: 'status',
  category: 'category',
  orgUnitId: 'unit',
  assigneeId: 'assignee',
  deleteBy: 'deleteBy',
};

export interface CaseFiltersHandle {
  values: CaseFilterValues;
  /** The server-side part; "Löschung fällig bis" narrows to closed cases here. */
  query: CaseListQuery;
  set: (key: keyof CaseFilterValues, value: string) => void;
  reset: () => void;
}

function statusOf(value: string | null): CaseStatus | '' {
  return CASE_STATUSES.find((status) => status === value) ?? '';
}

export function useCaseFilters(): CaseFiltersHandle {
  const [params, setParams] = useSearchParams();
  const values: CaseFilterValues = {
    status: statusOf(params.get(PARAMS.status)),
    category: params.get(PARAMS.category) ?? '',
    orgUnitId: params.get(PARAMS.orgUnitId) ?? '',
    assigneeId: params.get(PARAMS.assigneeId) ?? '',
    deleteBy: /^\d{4}-\d{2}-\d{2}$/.test(params.get(PARAMS.deleteBy) ?? '')
      ? (params.get(PARAMS.deleteBy) ?? '')
      : '',
  };
  const { status, category, orgUnitId, assigneeId, deleteBy } = values;

  const set = useCallback(
    (key: keyof CaseFilterValues, value: string) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (value === '') {
            next.delete(PARAMS[key]);
          } else {
            next.set(PARAMS[key], value);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const reset = useCallback(() => {
    setParams(new URLSearchParams(), { replace: true });
  }, [setParams]);

  const query = useMemo<CaseListQuery>(
    () => ({
      ...(deleteBy !== ''
        ? { status: 'closed' as const, deleteBefore: deleteBy }
        : status === ''
          ? {}
          : { status }),
      ...(category === '' ? {} : { category }),
      ...(orgUnitId === '' ? {} : { orgUnitId }),
      ...(assigneeId === '' ? {} : { assigneeId }),
    }),
    [status, category, orgUnitId, assigneeId, deleteBy],
  );
  return {
    values: { status, category, orgUnitId, assigneeId, deleteBy },
    query,
    set,
    reset,
  };
}

export function CaseFilters({
  filters,
  options,
}: {
  filters: CaseFiltersHandle;
  options: CaseOptions;
}) {
  const { t, locale } = useI18n();
  const { values, set, reset } = filters;
  const all = { value: '', label: t('cases.filter.all') };
  const active = Object.values(values).some((value) => value !== '');
  return (
    <section aria-labelledby="cases-filters-title">
      <Text component="h2" id="cases-filters-title" fw={700} size="lg" mb="xs">
        {t('cases.filter.title')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm" mb="sm">
        <NativeSelect
          id="cases-filter-status"
          label={t('cases.filter.status')}
          data={[
            all,
            ...CASE_STATUSES.map((value) => ({ value, label: t(STATUS_LABELS[value].key) })),
          ]}
          value={values.status}
          disabled={values.deleteBy !== ''}
          description={values.deleteBy !== '' ? t('cases.filter.statusClosedOnly') : undefined}
          onChange={(event) => {
            set('status', event.currentTarget.value);
          }}
        />
        <NativeSelect
          id="cases-filter-category"
          label={t('cases.filter.category')}
          data={[
            all,
            ...options.settings.categories.map((category) => ({
              value: category.key,
              label: locale === 'en' ? category.labelEn : category.label,
            })),
          ]}
          value={values.category}
          onChange={(event) => {
            set('category', event.currentTarget.value);
          }}
        />
        {options.units.length > 0 && (
          <NativeSelect
            id="cases-filter-unit"
            label={t('cases.filter.unit')}
            data={[all, ...options.units]}
            value={values.orgUnitId}
            onChange={(event) => {
              set('orgUnitId', event.currentTarget.value);
            }}
          />
        )}
        <NativeSelect
          id="cases-filter-assignee"
          label={t('cases.filter.assignee')}
          data={[all, ...options.people]}
          value={values.assigneeId}
          onChange={(event) => {
            set('assigneeId', event.currentTarget.value);
          }}
        />
        <TextInput
          id="cases-filter-delete-by"
          type="date"
          label={t('cases.filter.deleteBy')}
          description={t('cases.filter.deleteByHint')}
          value={values.deleteBy}
          onChange={(event) => {
            set('deleteBy', event.currentTarget.value);
          }}
        />
      </SimpleGrid>
      {active && (
        <Button variant="default" size="xs" mb="sm" onClick={reset}>
          {t('cases.filter.reset')}
        </Button>
      )}
    </section>
  );
}

/** The person search: submitted explicitly, kept in memory only (never in the address bar). */
export function CaseSearch({
  current,
  onSearch,
}: {
  current: string;
  onSearch: (term: string) => void;
}) {
  const { t } = useI18n();
  const [term, setTerm] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = term.trim();
    if (trimmed.length > 0 && trimmed.length < 2) {
      setError(t('cases.search.tooShort'));
      return;
    }
    setError(null);
    onSearch(trimmed);
  };
  return (
    <form role="search" aria-labelledby="cases-search-title" noValidate onSubmit={submit}>
      <Stack gap="xs" mb="lg">
        <Text component="h2" id="cases-search-title" fw={700} size="lg">
          {t('cases.search.title')}
        </Text>
        <Group align="flex-end" gap="sm">
          <TextInput
            id="cases-search"
            label={t('cases.search.label')}
            description={t('cases.search.hint')}
            autoComplete="off"
            maxLength={320}
            style={{ flex: '1 1 20rem' }}
            value={term}
            error={error ?? undefined}
            onChange={(event) => {
              setTerm(event.currentTarget.value);
            }}
          />
          <Button type="submit">{t('cases.search.submit')}</Button>
          {current !== '' && (
            <Button
              variant="default"
              onClick={() => {
                setTerm('');
                onSearch('');
              }}
            >
              {t('cases.search.clear')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
