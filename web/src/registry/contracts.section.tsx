// The AVV contracts of one processor: all Art. 28(3) details, term, status and channels.
import { Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading } from '../layout/layout.page.tsx';
import { ContractForm } from './contract.form.tsx';
import { fetchContractRevisions, fetchContracts, isMissingEndpoint } from './registry.api.ts';
import type { BadgeTone } from './registry.badges.tsx';
import { StatusBadge } from './registry.badges.tsx';
import { Day, DetailList, useFocusAfterRender } from './registry.fields.tsx';
import type { HistoryLabels } from './registry.history.tsx';
import { RevisionHistory } from './registry.history.tsx';
import { CONTRACT_STATUS_LABELS } from './registry.labels.ts';
import type { Channel, Contract, ContractStatus } from './registry.types.ts';
import { NotAvailable } from './review.history.tsx';

const TONES: Record<ContractStatus, BadgeTone> = {
  future: 'neutral',
  active: 'good',
  ended: 'bad',
};

function Items({ values }: { values: readonly string[] }) {
  const { t } = useI18n();
  if (values.length === 0) {
    return <>{t('registry.noEntries')}</>;
  }
  return (
    <List size="sm" spacing={2}>
      {values.map((value, index) => (
        <List.Item key={index}>{value}</List.Item>
      ))}
    </List>
  );
}

function ContractView({
  contract,
  channelNames,
}: {
  contract: Contract;
  channelNames: ReadonlyMap<string, string>;
}) {
  const { t } = useI18n();
  return (
    <DetailList
      items={[
        [t('contract.subjectMatter'), contract.subjectMatter],
        [t('contract.duration'), contract.duration],
        [t('contract.naturePurpose'), contract.naturePurpose],
        [t('contract.dataTypes'), <Items values={contract.dataTypes} />],
        [t('contract.subjectCategories'), <Items values={contract.subjectCategories} />],
        [
          t('contract.subProcessors'),
          <Items
            values={contract.subProcessors.map((sub) => t('contract.subProcessorLine', { ...sub }))}
          />,
        ],
        [t('contract.startsOn'), <Day value={contract.startsOn} />],
        [
          t('contract.endsOn'),
          contract.endsOn === null ? t('contract.openEnded') : <Day value={contract.endsOn} />,
        ],
        [
          t('contract.channels'),
          <Items values={contract.channelIds.map((id) => channelNames.get(id) ?? id)} />,
        ],
      ]}
    />
  );
}

function ContractHistory({ contract, labels }: { contract: Contract; labels: HistoryLabels }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const load = useCallback(() => fetchContractRevisions(contract.id), [contract.id]);
  const panelId = `contract-history-${contract.id}`;
  return (
    <Stack gap="xs" mt="sm" align="flex-start">
      <Button
        size="xs"
        variant="subtle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen((value) => !value);
        }}
      >
        {open
          ? t('contract.hideHistory', { reference: contract.reference })
          : t('contract.showHistory', { reference: contract.reference })}
      </Button>
      <div id={panelId} style={{ width: '100%' }}>
        {open && (
          <RevisionHistory
            key={contract.updatedAt}
            load={load}
            labels={labels}
            tableLabel={t('contract.historyTable', { reference: contract.reference })}
          />
        )}
      </div>
    </Stack>
  );
}

export function ContractsSection({
  processorId,
  channels,
  channelName,
  canManage,
  historyLabels,
}: {
  processorId: string;
  channels: readonly Channel[];
  channelName: (channel: Channel) => string;
  canManage: boolean;
  historyLabels: HistoryLabels;
}) {
  const { t } = useI18n();
  const load = useCallback(() => fetchContracts(processorId), [processorId]);
  const { resource, reload, update } = useResource(load);
  /** 'new', a contract id, or null. */
  const [editing, setEditing] = useState<string | null>(null);
  const focusLater = useFocusAfterRender();
  const channelNames = new Map(channels.map((channel) => [channel.id, channelName(channel)]));

  if (resource.status === 'loading') {
    return <Loading />;
  }
  if (resource.status === 'error') {
    return isMissingEndpoint(resource.error) ? (
      <NotAvailable />
    ) : (
      <LoadError error={resource.error} onRetry={reload} />
    );
  }
  const close = (focusId: string) => {
    setEditing(null);
    focusLater(focusId);
  };
  const formProps = { processorId, channels, channelName };

  return (
    <Stack gap="md">
      {resource.data.length === 0 && <Text>{t('contract.empty')}</Text>}
      {resource.data.map((contract) => (
        <Paper key={contract.id} withBorder p="md">
          <Group justify="space-between" align="flex-start" mb="xs">
            <Group gap="sm">
              <Title order={4}>{t('contract.title', { reference: contract.reference })}</Title>
              <StatusBadge tone={TONES[contract.status]}>
                {t(CONTRACT_STATUS_LABELS[contract.status])}
              </StatusBadge>
            </Group>
            {canManage && editing !== contract.id && (
              <Button
                id={`contract-edit-${contract.id}`}
                size="xs"
                variant="default"
                disabled={editing !== null}
                aria-label={t('contract.editLabel', { reference: contract.reference })}
                onClick={() => {
                  setEditing(contract.id);
                }}
              >
                {t('registry.edit')}
              </Button>
            )}
          </Group>
          {editing === contract.id ? (
            <ContractForm
              {...formProps}
              contract={contract}
              onCancel={() => {
                close(`contract-edit-${contract.id}`);
              }}
              onSaved={(saved) => {
                update((all) => all.map((c) => (c.id === saved.id ? saved : c)));
                close(`contract-edit-${contract.id}`);
              }}
            />
          ) : (
            <>
              <ContractView contract={contract} channelNames={channelNames} />
              <ContractHistory contract={contract} labels={historyLabels} />
            </>
          )}
        </Paper>
      ))}
      {canManage && editing === 'new' && (
        <Paper withBorder p="md">
          <Title order={4} mb="sm">
            {t('contract.createTitle')}
          </Title>
          <ContractForm
            {...formProps}
            contract={null}
            onCancel={() => {
              close(`contract-new-${processorId}`);
            }}
            onSaved={(saved) => {
              update((all) => [...all, saved]);
              close(`contract-new-${processorId}`);
            }}
          />
        </Paper>
      )}
      {canManage && editing === null && (
        <Group>
          <Button
            id={`contract-new-${processorId}`}
            variant="default"
            onClick={() => {
              setEditing('new');
            }}
          >
            {t('contract.create')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
