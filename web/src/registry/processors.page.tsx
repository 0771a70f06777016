// Auftragsverarbeiter (AVV): agencies working for the city under Art. 28, their members and
// contracts. Agency access to channels follows from valid contracts.
import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader, TableScroll } from '../layout/layout.page.tsx';
import { ContractsSection } from './contracts.section.tsx';
import { ProcessorForm } from './processor.form.tsx';
import { ProcessorMembers } from './processor-members.form.tsx';
import {
  fetchChannels,
  fetchProcessorRevisions,
  fetchProcessors,
  isMissingEndpoint,
} from './registry.api.ts';
import { DetailList, Section, useFocusAfterRender } from './registry.fields.tsx';
import { RevisionHistory } from './registry.history.tsx';
import { processorHistoryLabels } from './registry.history-labels.ts';
import type { ReferenceData } from './registry.refs.ts';
import { useReferenceData } from './registry.refs.ts';
import type { Channel, Processor } from './registry.types.ts';
import { NotAvailable } from './review.history.tsx';

function ProcessorDetail({
  processor,
  refs,
  channels,
  canManage,
  onSaved,
}: {
  processor: Processor;
  refs: ReferenceData;
  channels: readonly Channel[];
  canManage: boolean;
  onSaved: (processor: Processor) => void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const focusLater = useFocusAfterRender();
  const loadRevisions = useCallback(() => fetchProcessorRevisions(processor.id), [processor.id]);
  const names = new Map(refs.names);
  for (const channel of channels) {
    names.set(channel.id, channel.name);
  }
  const historyLabels = processorHistoryLabels(t, names);
  const channelName = useCallback(
    (channel: Channel) =>
      `${channel.name} (${refs.names.get(channel.platformId) ?? channel.platformId})`,
    [refs.names],
  );
  return (
    <Section
      id="processor-detail"
      title={processor.name}
      actions={
        canManage &&
        !editing && (
          <Button
            id="processor-edit"
            size="xs"
            variant="default"
            onClick={() => {
              setEditing(true);
            }}
          >
            {t('processor.edit')}
          </Button>
        )
      }
    >
      <Stack gap="lg">
        {editing ? (
          <ProcessorForm
            processor={processor}
            onCancel={() => {
              setEditing(false);
              focusLater('processor-edit');
            }}
            onSaved={(saved) => {
              onSaved(saved);
              setEditing(false);
              focusLater('processor-edit');
            }}
          />
        ) : (
          <DetailList
            items={[
              [t('processor.address'), processor.address],
              [t('processor.contactEmail'), processor.contactEmail],
            ]}
          />
        )}
        <div>
          <Title order={3} mb="xs">
            {t('processor.members')}
          </Title>
          <ProcessorMembers
            key={processor.updatedAt}
            processor={processor}
            users={refs.users}
            canManage={canManage}
            onSaved={onSaved}
          />
        </div>
        <div>
          <Title order={3} mb="xs">
            {t('processor.contracts')}
          </Title>
          <ContractsSection
            processorId={processor.id}
            channels={channels}
            channelName={channelName}
            canManage={canManage}
            historyLabels={historyLabels}
          />
        </div>
        <div>
          <Title order={3} mb="xs">
            {t('history.title')}
          </Title>
          <RevisionHistory
            key={processor.updatedAt}
            load={loadRevisions}
            labels={historyLabels}
            tableLabel={t('processor.historyTable')}
          />
        </div>
      </Stack>
    </Section>
  );
}

export function ProcessorsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const canManage = can(PERMISSIONS.registryManage);
  const processors = useResource(fetchProcessors);
  const refs = useReferenceData();
  const loadChannels = useCallback(() => fetchChannels(), []);
  const channels = useResource(loadChannels);
  const [creating, setCreating] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const focusLater = useFocusAfterRender();
  const header = <PageHeader title={t('processor.title')} intro={t('processor.intro')} />;

  if (processors.resource.status === 'error' && isMissingEndpoint(processors.resource.error)) {
    return (
      <>
        {header}
        <NotAvailable />
      </>
    );
  }
  for (const handle of [processors, refs, channels]) {
    if (handle.resource.status === 'error') {
      return (
        <>
          {header}
          <LoadError error={handle.resource.error} onRetry={handle.reload} />
        </>
      );
    }
  }
  if (
    processors.resource.status !== 'ready' ||
    refs.resource.status !== 'ready' ||
    channels.resource.status !== 'ready'
  ) {
    return (
      <>
        {header}
        <Loading />
      </>
    );
  }
  const list = processors.resource.data;
  const selected = list.find((processor) => processor.id === selectedId) ?? null;
  const replace = (saved: Processor) => {
    processors.update((all) => all.map((p) => (p.id === saved.id ? saved : p)));
  };

  return (
    <>
      {header}
      {canManage && !creating && (
        <Group mb="lg">
          <Button
            id="processor-create-open"
            onClick={() => {
              setCreating(true);
            }}
          >
            {t('processor.create')}
          </Button>
        </Group>
      )}
      {canManage && creating && (
        <Paper withBorder p="lg" mb="lg" component="section" aria-labelledby="processor-new">
          <Title order={2} id="processor-new" mb="sm">
            {t('processor.createTitle')}
          </Title>
          <ProcessorForm
            processor={null}
            onCancel={() => {
              setCreating(false);
              focusLater('processor-create-open');
            }}
            onSaved={(saved) => {
              processors.update((all) => [...all, saved]);
              setCreating(false);
              setSelectedId(saved.id);
              focusLater('processor-detail-title');
            }}
          />
        </Paper>
      )}
      {!canManage && (
        <Alert color="gray" variant="light" mb="lg">
          {t('registry.readOnly')}
        </Alert>
      )}
      {list.length === 0 ? (
        <Text mb="lg">{t('processor.empty')}</Text>
      ) : (
        <TableScroll label={t('processor.tableLabel')}>
          <Table striped verticalSpacing="sm" miw={720} mb="lg">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('processor.name')}</Table.Th>
                <Table.Th scope="col">{t('processor.contactEmail')}</Table.Th>
                <Table.Th scope="col">{t('processor.memberCount')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((processor) => (
                <Table.Tr key={processor.id}>
                  <Table.Th scope="row">{processor.name}</Table.Th>
                  <Table.Td>{processor.contactEmail}</Table.Td>
                  <Table.Td>{processor.memberUserIds.length}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant={processor.id === selectedId ? 'filled' : 'default'}
                      aria-pressed={processor.id === selectedId}
                      aria-label={t('processor.showLabel', { name: processor.name })}
                      onClick={() => {
                        setSelectedId(processor.id);
                        focusLater('processor-detail-title');
                      }}
                    >
                      {t('processor.show')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {selected !== null && (
        <ProcessorDetail
          key={selected.id}
          processor={selected}
          refs={refs.resource.data}
          channels={channels.resource.data}
          canManage={canManage}
          onSaved={replace}
        />
      )}
    </>
  );
}
