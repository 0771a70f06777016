// Benutzerverwaltung: list, create with invite link, edit roles and status.
import { Alert, Button, Group } from '@mantine/core';
import { useCallback, useState } from 'react';
import { errorText } from '../api/api.errors.ts';
import { useResource } from '../api/api.resource.ts';
import type { OrgUnit, User } from '../api/api.types.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { PERMISSIONS } from './access.permissions.ts';
import { fetchOrgUnits } from './org-units.api.ts';
import { useSession, useSignedInSession } from './session.context.tsx';
import { createInviteLink, fetchUsers } from './users.api.ts';
import type { UserFormMode } from './users.form.tsx';
import { UserForm } from './users.form.tsx';
import { InviteLink } from './users.invite-link.tsx';
import { UsersTable } from './users.table.tsx';

interface ShownInvite {
  name: string;
  url: string;
}

export function UsersPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const { user: currentUser } = useSignedInSession();
  const canManage = can(PERMISSIONS.usersManage);
  const canReadUnits = can(PERMISSIONS.orgUnitsRead);

  const users = useResource(fetchUsers);
  // Without org-unit rights the table falls back to showing unit ids.
  const loadUnits = useCallback(
    (): Promise<OrgUnit[]> => (canReadUnits ? fetchOrgUnits() : Promise.resolve([])),
    [canReadUnits],
  );
  const units = useResource(loadUnits);

  const [form, setForm] = useState<UserFormMode | null>(null);
  const [invite, setInvite] = useState<ShownInvite | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busyUserId, setBusyUserId] = useState<string | null>(null);

  const orgUnits = units.resource.status === 'ready' ? units.resource.data : [];

  const openForm = (mode: UserFormMode) => {
    setInvite(null);
    setNotice(null);
    setActionError(null);
    setForm(mode);
  };

  const onCreated = (user: User, inviteUrl: string) => {
    users.update((list) => [...list, user]);
    setForm(null);
    setInvite({ name: user.displayName, url: inviteUrl });
  };

  const onSaved = (user: User) => {
    users.update((list) => list.map((other) => (other.id === user.id ? user : other)));
    setForm(null);
    setNotice(t('users.saved'));
  };

  const onReinvite = (user: User) => {
    setBusyUserId(user.id);
    setActionError(null);
    setNotice(null);
    createInviteLink(user.id).then(
      (result) => {
        setBusyUserId(null);
        setInvite({ name: user.displayName, url: result.inviteUrl });
      },
      (failure: unknown) => {
        setBusyUserId(null);
        setActionError(errorText(failure, t));
      },
    );
  };

  return (
    <>
      <PageHeader title={t('users.title')} intro={t('users.intro')} />
      {canManage && form === null && (
        <Group mb="lg">
          <Button
            onClick={() => {
              openForm({ kind: 'create' });
            }}
          >
            {t('users.create')}
          </Button>
        </Group>
      )}
      {canManage && form !== null && (
        <UserForm
          key={form.kind === 'edit' ? form.user.id : 'create'}
          mode={form}
          orgUnits={orgUnits}
          currentUserId={currentUser.id}
          onCancel={() => {
            setForm(null);
          }}
          onCreated={onCreated}
          onSaved={onSaved}
        />
      )}
      {invite !== null && (
        <InviteLink
          name={invite.name}
          url={invite.url}
          onClose={() => {
            setInvite(null);
          }}
        />
      )}
      {notice !== null && (
        <Alert color="blue" variant="light" role="status" mb="lg">
          {notice}
        </Alert>
      )}
      {actionError !== null && (
        <Alert color="red" variant="light" mb="lg">
          {actionError}
        </Alert>
      )}
      {users.resource.status === 'loading' && <Loading />}
      {users.resource.status === 'error' && (
        <LoadError error={users.resource.error} onRetry={users.reload} />
      )}
      {users.resource.status === 'ready' && (
        <UsersTable
          users={users.resource.data}
          orgUnits={orgUnits}
          canManage={canManage}
          busyUserId={busyUserId}
          onEdit={(user) => {
            openForm({ kind: 'edit', user });
          }}
          onReinvite={onReinvite}
        />
      )}
    </>
  );
}
