// Übersicht: who you are, what you may do, and where to go. No figures until modules exist.
import { Anchor, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { ROLE_LABELS } from '../access/access.labels.ts';
import type { Permission } from '../access/access.permissions.ts';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { fetchOrgUnits } from '../access/org-units.api.ts';
import { useSession, useSignedInSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import type { OrgUnit } from '../api/api.types.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/i18n.messages.ts';
import { PageHeader } from '../layout/layout.page.tsx';

interface ModuleCard {
  title: MessageKey;
  text: MessageKey;
  link: MessageKey;
  path: string;
  permission: Permission;
}

// Card links deliberately differ from the menu labels, so each link name is unique on the page.
const CARDS: readonly ModuleCard[] = [
  {
    title: 'nav.registry',
    text: 'dashboard.registryText',
    link: 'dashboard.registryLink',
    path: '/registry',
    permission: PERMISSIONS.registryRead,
  },
  {
    title: 'nav.publishing',
    text: 'dashboard.publishingText',
    link: 'dashboard.publishingLink',
    path: '/publishing',
    permission: PERMISSIONS.postsRead,
  },
  {
    title: 'nav.tasks',
    text: 'dashboard.tasksText',
    link: 'dashboard.tasksLink',
    path: '/tasks',
    permission: PERMISSIONS.tasksRead,
  },
  {
    title: 'nav.users',
    text: 'dashboard.usersText',
    link: 'dashboard.usersLink',
    path: '/users',
    permission: PERMISSIONS.usersRead,
  },
  {
    title: 'nav.orgUnits',
    text: 'dashboard.orgUnitsText',
    link: 'dashboard.orgUnitsLink',
    path: '/org-units',
    permission: PERMISSIONS.orgUnitsRead,
  },
  {
    title: 'nav.audit',
    text: 'dashboard.auditText',
    link: 'dashboard.auditLink',
    path: '/audit',
    permission: PERMISSIONS.auditRead,
  },
];

export function DashboardPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const { user } = useSignedInSession();
  const canReadUnits = can(PERMISSIONS.orgUnitsRead);
  const loadUnits = useCallback(
    (): Promise<OrgUnit[]> => (canReadUnits ? fetchOrgUnits() : Promise.resolve([])),
    [canReadUnits],
  );
  const { resource } = useResource(loadUnits);
  const unitNames = new Map(
    (resource.status === 'ready' ? resource.data : []).map((unit) => [unit.id, unit.name]),
  );
  const cards = CARDS.filter((card) => can(card.permission));

  return (
    <>
      <PageHeader title={t('dashboard.title')} />
      <Stack gap="xl">
        <Stack gap="xs">
          <Text size="lg">{t('dashboard.welcome', { name: user.displayName })}</Text>
          <Text>{t('dashboard.intro')}</Text>
        </Stack>

        <section aria-labelledby="dashboard-roles">
          <Title order={2} id="dashboard-roles" mb="xs">
            {t('dashboard.rolesTitle')}
          </Title>
          {user.roles.length === 0 ? (
            <Text>{t('dashboard.noRoles')}</Text>
          ) : (
            <List>
              {user.roles.map((assignment) => (
                <List.Item key={`${assignment.role}:${assignment.orgUnitId ?? ''}`}>
                  {t(ROLE_LABELS[assignment.role])}
                  {assignment.orgUnitId !== null &&
                    ` – ${unitNames.get(assignment.orgUnitId) ?? assignment.orgUnitId}`}
                </List.Item>
              ))}
            </List>
          )}
        </section>

        <section aria-labelledby="dashboard-modules">
          <Title order={2} id="dashboard-modules" mb="sm">
            {t('dashboard.modulesTitle')}
          </Title>
          {cards.length === 0 ? (
            <Text>{t('dashboard.noModules')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {cards.map((card) => (
                <Card key={card.path} withBorder padding="lg">
                  <Title order={3} size="h4" mb="xs">
                    {t(card.title)}
                  </Title>
                  <Text size="sm" mb="md">
                    {t(card.text)}
                  </Text>
                  <Anchor component={Link} to={card.path} fw={600}>
                    {t(card.link)}
                  </Anchor>
                </Card>
              ))}
            </SimpleGrid>
          )}
        </section>
      </Stack>
    </>
  );
}
