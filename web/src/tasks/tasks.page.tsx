// Aufgaben: posts a person publishes by hand (Xing), open ones first, then the closed ones.
import { Alert, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader, TableScroll } from '../layout/layout.page.tsx';
import { StatusBadge } from '../registry/registry.badges.tsx';
import { ExternalLink, Section } from '../registry/registry.fields.tsx';
import type { ManualTask } from './tasks.api.ts';
import { fetchTasks } from './tasks.api.ts';
import { OpenTaskCard } from './tasks.card.tsx';
import { CreateTaskForm } from './tasks.create-form.tsx';

function ClosedTable({ tasks }: { tasks: readonly ManualTask[] }) {
  const { t, formatDateTime } = useI18n();
  if (tasks.length === 0) {
    return <Text>{t('tasks.noClosed')}</Text>;
  }
  return (
    <TableScroll label={t('tasks.closedTable')}>
      <Table verticalSpacing="sm" miw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('tasks.createName')}</Table.Th>
            <Table.Th scope="col">{t('tasks.channel')}</Table.Th>
            <Table.Th scope="col">{t('tasks.dueAt')}</Table.Th>
            <Table.Th scope="col">{t('tasks.status')}</Table.Th>
            <Table.Th scope="col">{t('tasks.result')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task) => (
            <Table.Tr key={task.id}>
              <Table.Th scope="row">{task.title}</Table.Th>
              <Table.Td>{task.channelName}</Table.Td>
              <Table.Td>{formatDateTime(task.dueAt)}</Table.Td>
              <Table.Td>
                <StatusBadge tone={task.status === 'done' ? 'good' : 'neutral'}>
                  {task.status === 'done' ? t('tasks.status.done') : t('tasks.status.cancelled')}
                </StatusBadge>
              </Table.Td>
              <Table.Td>
                {task.publishedUrl !== null ? (
                  <ExternalLink href={task.publishedUrl}>{task.publishedUrl}</ExternalLink>
                ) : (
                  task.cancelledReason
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

export function TasksPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const tasks = useResource(fetchTasks);
  const [notice, setNotice] = useState<string | null>(null);
  const [now] = useState(() => new Date());

  const replace = (changed: ManualTask, message: string) => {
    tasks.update((list) => [changed, ...list.filter((task) => task.id !== changed.id)]);
    setNotice(message);
  };

  return (
    <>
      <PageHeader title={t('tasks.title')} intro={t('tasks.intro')} />
      {/* A live region that exists from the start, so each confirmation is announced. */}
      <div role="status">
        {notice !== null && (
          <Alert color="blue" variant="light" mb="md">
            {notice}
          </Alert>
        )}
      </div>
      {tasks.resource.status === 'loading' && <Loading />}
      {tasks.resource.status === 'error' && (
        <LoadError error={tasks.resource.error} onRetry={tasks.reload} />
      )}
      {tasks.resource.status === 'ready' && (
        <Stack gap="lg">
          <Section id="tasks-open" title={t('tasks.openTitle')}>
            <Stack gap="md">
              {tasks.resource.data.filter((task) => task.status === 'open').length === 0 && (
                <Text>{t('tasks.noOpen')}</Text>
              )}
              {tasks.resource.data
                .filter((task) => task.status === 'open')
                .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
                .map((task) => (
                  <OpenTaskCard
                    key={task.id}
                    task={task}
                    now={now}
                    canComplete={can(PERMISSIONS.tasksComplete)}
                    canCancel={can(PERMISSIONS.tasksManage)}
                    onChanged={(changed) => {
                      replace(
                        changed,
                        t(changed.status === 'done' ? 'tasks.completed' : 'tasks.cancelled', {
                          title: changed.title,
                        }),
                      );
                    }}
                  />
                ))}
            </Stack>
          </Section>
          {can(PERMISSIONS.tasksManage) && (
            <Section id="tasks-create" title={t('tasks.createTitle')}>
              <CreateTaskForm
                onCreated={(task) => {
                  replace(task, t('tasks.created', { title: task.title }));
                }}
              />
            </Section>
          )}
          <Section id="tasks-closed" title={t('tasks.closedTitle')}>
            <ClosedTable tasks={tasks.resource.data.filter((task) => task.status !== 'open')} />
          </Section>
        </Stack>
      )}
    </>
  );
}
