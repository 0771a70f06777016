// Which agency accounts belong to a processor. Their access to channels follows from the
// processor's valid contracts, not from this list alone.
import { Alert, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import type { User } from '../api/api.types.ts';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { saveProcessorMembers } from './registry.api.ts';
import { GroupFieldset } from './registry.fields.tsx';
import type { Processor } from './registry.types.ts';

export function ProcessorMembers({
  processor,
  users,
  canManage,
  onSaved,
}: {
  processor: Processor;
  /** Null when the viewer may not list users. */
  users: readonly User[] | null;
  canManage: boolean;
  onSaved: (processor: Processor) => void;
}) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<string[]>(processor.memberUserIds);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const names = new Map((users ?? []).map((user) => [user.id, user.displayName]));
  const agencyUsers = (users ?? []).filter(
    (user) =>
      user.roles.some((assignment) => assignment.role === 'agency') ||
      processor.memberUserIds.includes(user.id),
  );

  const readView =
    processor.memberUserIds.length === 0 ? (
      <Text>{t('processor.noMembers')}</Text>
    ) : (
      <Text>{processor.memberUserIds.map((id) => names.get(id) ?? id).join(', ')}</Text>
    );
  if (!canManage || users === null) {
    return readView;
  }

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    saveProcessorMembers(processor.id, selected).then(
      (saved) => {
        setBusy(false);
        onSaved(saved);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorText(failure, t));
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {error !== null && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <GroupFieldset
          id={`processor-members-${processor.id}`}
          legend={t('processor.membersLegend')}
          description={t('processor.membersHint')}
        >
          {agencyUsers.length === 0 && <Text size="sm">{t('processor.noAgencyUsers')}</Text>}
          {agencyUsers.map((user) => (
            <Checkbox
              key={user.id}
              label={user.displayName}
              description={user.email}
              checked={selected.includes(user.id)}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                setSelected((all) =>
                  checked ? [...all, user.id] : all.filter((id) => id !== user.id),
                );
              }}
            />
          ))}
        </GroupFieldset>
        <Group>
          <Button type="submit" loading={busy} disabled={agencyUsers.length === 0}>
            {t('processor.saveMembers')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
