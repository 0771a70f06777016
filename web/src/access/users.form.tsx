// Create or edit one user. Creating returns a one-time invite link, which the page shows.
import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { errorText } from '../api/api.errors.ts';
import type { Locale, OrgUnit, User } from '../api/api.types.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { FormError } from './auth.form.tsx';
import type { RoleRowError, RoleRowsState } from './users.role-rows.tsx';
import { initialRoleRows, RoleRows, toAssignments, validateRoleRows } from './users.role-rows.tsx';
import { createUser, updateUser } from './users.api.ts';

export type UserFormMode = { kind: 'create' } | { kind: 'edit'; user: User };

interface FieldErrors {
  email?: boolean;
  name?: boolean;
  roles: RoleRowError[];
}

export function UserForm({
  mode,
  orgUnits,
  currentUserId,
  onCancel,
  onCreated,
  onSaved,
}: {
  mode: UserFormMode;
  orgUnits: readonly OrgUnit[];
  currentUserId: string;
  onCancel: () => void;
  onCreated: (user: User, inviteUrl: string) => void;
  onSaved: (user: User) => void;
}) {
  const { t, locale: uiLocale } = useI18n();
  const editing = mode.kind === 'edit' ? mode.user : null;
  const [email, setEmail] = useState('');
  const [name, setName] = useState(editing?.displayName ?? '');
  const [locale, setLocale] = useState<Locale>(editing?.locale ?? uiLocale);
  const [disabled, setDisabled] = useState(editing?.disabled ?? false);
  const [roles, setRoles] = useState<RoleRowsState>(() => initialRoleRows(editing?.roles ?? []));
  const [errors, setErrors] = useState<FieldErrors>({ roles: [] });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Opening the form moves focus to it, so keyboard users land where they need to type.
    headingRef.current?.focus();
  }, []);

  const title =
    editing === null ? t('users.createTitle') : t('users.editTitle', { name: editing.displayName });

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: FieldErrors = {
      email: editing === null && email.trim() === '',
      name: name.trim() === '',
      roles: validateRoleRows(roles.rows),
    };
    setErrors(next);
    if (next.email === true || next.name === true || next.roles.some((item) => item !== null)) {
      return;
    }
    setBusy(true);
    setError(null);
    const assignments = toAssignments(roles.rows);
    const request =
      editing === null
        ? createUser({
            email: email.trim(),
            displayName: name.trim(),
            locale,
            roles: assignments,
          }).then((result) => {
            onCreated(result.user, result.inviteUrl);
          })
        : updateUser(editing.id, { displayName: name.trim(), roles: assignments, disabled }).then(
            onSaved,
          );
    request.catch((failure: unknown) => {
      setBusy(false);
      setError(errorText(failure, t));
    });
  };

  return (
    <Paper withBorder p="lg" mb="lg" component="section" aria-labelledby="user-form-title">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} id="user-form-title" ref={headingRef} tabIndex={-1}>
            {title}
          </Title>
          <FormError message={error} />
          {editing === null ? (
            <TextInput
              type="email"
              label={t('users.email')}
              autoComplete="off"
              required
              withAsterisk={false}
              value={email}
              error={errors.email === true ? t('common.required') : undefined}
              onChange={(event) => {
                setEmail(event.currentTarget.value);
              }}
            />
          ) : (
            <Text size="sm">
              {t('users.email')}: {editing.email}
            </Text>
          )}
          <TextInput
            label={t('users.name')}
            autoComplete="off"
            required
            withAsterisk={false}
            value={name}
            error={errors.name === true ? t('common.required') : undefined}
            onChange={(event) => {
              setName(event.currentTarget.value);
            }}
          />
          {editing === null && (
            <NativeSelect
              label={t('users.locale')}
              data={[
                { value: 'de', label: t('app.languageGerman') },
                { value: 'en', label: t('app.languageEnglish') },
              ]}
              value={locale}
              onChange={(event) => {
                setLocale(event.currentTarget.value === 'en' ? 'en' : 'de');
              }}
            />
          )}
          <RoleRows
            state={roles}
            errors={errors.roles}
            orgUnits={orgUnits}
            onChange={(next) => {
              setRoles(next);
              // Row indexes shift when rows change, so stale row errors would point at the wrong row.
              setErrors((previous) => ({ ...previous, roles: [] }));
            }}
          />
          {editing !== null && (
            <Checkbox
              label={t('users.disableAccount')}
              description={
                editing.id === currentUserId ? t('users.cannotDisableSelf') : t('users.disableHint')
              }
              checked={disabled}
              disabled={editing.id === currentUserId}
              onChange={(event) => {
                setDisabled(event.currentTarget.checked);
              }}
            />
          )}
          <Group>
            <Button type="submit" loading={busy}>
              {editing === null ? t('users.createSubmit') : t('common.save')}
            </Button>
            <Button variant="default" onClick={onCancel} disabled={busy}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
