// Role assignments as rows of two selects. Native selects: fully keyboard- and screen-reader-
// friendly, and simple for automated tests to drive.
import { Button, Group, NativeSelect, Stack } from '@mantine/core';
import type { OrgUnit, Role, RoleAssignment } from '../api/api.types.ts';
import { ROLES } from '../api/api.types.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { isRole, ROLE_LABELS, ROLES_NEEDING_ORG_UNIT } from './access.labels.ts';
import { orgUnitOptions } from './org-units.api.ts';

export interface RoleRow {
  key: number;
  role: Role | '';
  orgUnitId: string;
}

export interface RoleRowsState {
  rows: RoleRow[];
  nextKey: number;
}

export type RoleRowError = 'role' | 'orgUnit' | null;

export function initialRoleRows(assignments: readonly RoleAssignment[]): RoleRowsState {
  const rows: RoleRow[] = assignments.map((assignment, index) => ({
    key: index,
    role: assignment.role,
    orgUnitId: assignment.orgUnitId ?? '',
  }));
  if (rows.length === 0) {
    rows.push({ key: 0, role: '', orgUnitId: '' });
  }
  return { rows, nextKey: rows.length };
}

export function validateRoleRows(rows: readonly RoleRow[]): RoleRowError[] {
  return rows.map((row) => {
    if (row.role === '') {
      return 'role';
    }
    if (ROLES_NEEDING_ORG_UNIT.has(row.role) && row.orgUnitId === '') {
      return 'orgUnit';
    }
    return null;
  });
}

export function toAssignments(rows: readonly RoleRow[]): RoleAssignment[] {
  return rows.flatMap((row) =>
    row.role === ''
      ? []
      : [{ role: row.role, orgUnitId: row.orgUnitId === '' ? null : row.orgUnitId }],
  );
}

export function RoleRows({
  state,
  errors,
  orgUnits,
  onChange,
}: {
  state: RoleRowsState;
  errors: readonly RoleRowError[];
  orgUnits: readonly OrgUnit[];
  onChange: (next: RoleRowsState) => void;
}) {
  const { t } = useI18n();
  const roleOptions = [
    { value: '', label: t('common.pleaseChoose'), disabled: true },
    ...ROLES.map((role) => ({ value: role, label: t(ROLE_LABELS[role]) })),
  ];
  const unitOptions = [{ value: '', label: t('common.none') }, ...orgUnitOptions(orgUnits)];

  const setRow = (key: number, change: Partial<Omit<RoleRow, 'key'>>) => {
    onChange({
      ...state,
      rows: state.rows.map((row) => (row.key === key ? { ...row, ...change } : row)),
    });
  };

  return (
    <Stack gap="sm">
      {state.rows.map((row, index) => {
        const error = errors[index] ?? null;
        const needsUnit = row.role !== '' && ROLES_NEEDING_ORG_UNIT.has(row.role);
        return (
          <Group key={row.key} align="flex-start" gap="sm" wrap="wrap">
            <NativeSelect
              label={t('users.role')}
              data={roleOptions}
              value={row.role}
              required
              withAsterisk={false}
              error={error === 'role' ? t('users.roleRequired') : undefined}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setRow(row.key, { role: isRole(value) ? value : '' });
              }}
              style={{ flex: '1 1 14rem' }}
            />
            <NativeSelect
              label={t('users.orgUnit')}
              data={unitOptions}
              value={row.orgUnitId}
              required={needsUnit}
              withAsterisk={false}
              error={error === 'orgUnit' ? t('users.orgUnitRequired') : undefined}
              onChange={(event) => {
                setRow(row.key, { orgUnitId: event.currentTarget.value });
              }}
              style={{ flex: '1 1 14rem' }}
            />
            {state.rows.length > 1 && (
              <Button
                variant="default"
                mt={26}
                onClick={() => {
                  onChange({ ...state, rows: state.rows.filter((other) => other.key !== row.key) });
                }}
              >
                {t('users.removeRole', { number: index + 1 })}
              </Button>
            )}
          </Group>
        );
      })}
      <Group>
        <Button
          variant="subtle"
          onClick={() => {
            onChange({
              rows: [...state.rows, { key: state.nextKey, role: '', orgUnitId: '' }],
              nextKey: state.nextKey + 1,
            });
          }}
        >
          {t('users.addRole')}
        </Button>
      </Group>
    </Stack>
  );
}
