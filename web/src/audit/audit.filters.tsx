// Filter form. Changes apply on submit, so typing does not fire a request per keystroke.
import { Button, Group, NativeSelect, Paper, SimpleGrid, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import type { User } from '../api/api.types.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { AuditFilters } from './audit.api.ts';
import { EMPTY_FILTERS } from './audit.api.ts';

export function AuditFilterForm({
  users,
  onApply,
}: {
  /** Null when the viewer may not list users; then the actor is entered as an id. */
  users: readonly User[] | null;
  onApply: (filters: AuditFilters) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<AuditFilters>(EMPTY_FILTERS);

  const set = (field: keyof AuditFilters) => (value: string) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };

  return (
    <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="audit-filters-title">
      <form onSubmit={submit}>
        <Title order={2} id="audit-filters-title" mb="sm">
          {t('audit.filtersTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          <TextInput
            label={t('audit.action')}
            value={draft.action}
            onChange={(event) => {
              set('action')(event.currentTarget.value);
            }}
          />
          <TextInput
            label={t('audit.objectType')}
            value={draft.objectType}
            onChange={(event) => {
              set('objectType')(event.currentTarget.value);
            }}
          />
          {users === null ? (
            <TextInput
              label={t('audit.actorId')}
              value={draft.actorId}
              onChange={(event) => {
                set('actorId')(event.currentTarget.value);
              }}
            />
          ) : (
            <NativeSelect
              label={t('audit.actor')}
              data={[
                { value: '', label: t('audit.anyActor') },
                ...users.map((user) => ({ value: user.id, label: user.displayName })),
              ]}
              value={draft.actorId}
              onChange={(event) => {
                set('actorId')(event.currentTarget.value);
              }}
            />
          )}
          <TextInput
            type="date"
            label={t('audit.from')}
            value={draft.from}
            max={draft.to === '' ? undefined : draft.to}
            onChange={(event) => {
              set('from')(event.currentTarget.value);
            }}
          />
          <TextInput
            type="date"
            label={t('audit.to')}
            value={draft.to}
            min={draft.from === '' ? undefined : draft.from}
            onChange={(event) => {
              set('to')(event.currentTarget.value);
            }}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit">{t('audit.apply')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(EMPTY_FILTERS);
              onApply(EMPTY_FILTERS);
            }}
          >
            {t('audit.reset')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
