// The user list. Last login is shown in Berlin time whatever the browser's zone.
import { Badge, Button, Group, List, Table, Text } from '@mantine/core';
import type { OrgUnit, User } from '../api/api.types.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { TableScroll } from '../layout/layout.page.tsx';
import { ROLE_LABELS } from './access.labels.ts';

export function UsersTable({
  users,
  orgUnits,
  canManage,
  busyUserId,
  onEdit,
  onReinvite,
}: {
  users: readonly User[];
  orgUnits: readonly OrgUnit[];
  canManage: boolean;
  busyUserId: string | null;
  onEdit: (user: User) => void;
  onReinvite: (user: User) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const unitNames = new Map(orgUnits.map((unit) => [unit.id, unit.name]));

  if (users.length === 0) {
    return <Text>{t('users.empty')}</Text>;
  }

  return (
    <TableScroll label={t('users.tableLabel')}>
      <Table striped verticalSpacing="sm" miw={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('users.name')}</Table.Th>
            <Table.Th scope="col">{t('users.email')}</Table.Th>
            <Table.Th scope="col">{t('users.roles')}</Table.Th>
            <Table.Th scope="col">{t('users.status')}</Table.Th>
            <Table.Th scope="col">{t('users.lastLogin')}</Table.Th>
            {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Th scope="row" fw={600}>
                {user.displayName}
                {user.authProvider === 'oidc' && (
                  <Text size="xs" c="dimmed">
                    {t('users.sso')}
                  </Text>
                )}
              </Table.Th>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>
                {user.roles.length === 0 ? (
                  t('common.none')
                ) : (
                  <List size="sm" listStyleType="none" spacing={2}>
                    {user.roles.map((assignment) => {
                      const unit =
                        assignment.orgUnitId === null
                          ? null
                          : (unitNames.get(assignment.orgUnitId) ?? assignment.orgUnitId);
                      return (
                        <List.Item key={`${assignment.role}:${assignment.orgUnitId ?? ''}`}>
                          {t(ROLE_LABELS[assignment.role])}
                          {unit !== null && ` – ${unit}`}
                        </List.Item>
                      );
                    })}
                  </List>
                )}
              </Table.Td>
              <Table.Td>
                <Badge
                  variant="light"
                  color={user.disabled ? 'gray' : 'blue'}
                  tt="none"
                  styles={{ label: { overflow: 'visible' } }}
                >
                  {user.disabled ? t('users.disabled') : t('users.active')}
                </Badge>
              </Table.Td>
              <Table.Td>
                {user.lastLoginAt === null ? t('common.never') : formatDateTime(user.lastLoginAt)}
              </Table.Td>
              {canManage && (
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('users.editLabel', { name: user.displayName })}
                      onClick={() => {
                        onEdit(user);
                      }}
                    >
                      {t('users.edit')}
                    </Button>
                    {user.authProvider === 'local' && !user.disabled && (
                      <Button
                        size="xs"
                        variant="default"
                        loading={busyUserId === user.id}
                        aria-label={t('users.reinviteLabel', { name: user.displayName })}
                        onClick={() => {
                          onReinvite(user);
                        }}
                      >
                        {t('users.reinvite')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
