// "Kanäle" of the moderation (`netiquette.manage`): per channel, suggest only or hide
// automatically, what the platform allows, and how the last retrieval of comments went.
import { Alert, NativeSelect, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { errorText } from '../api/api.errors.ts';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader, TableScroll } from '../layout/layout.page.tsx';
import { platformMark } from '../publishing/publishing.labels.ts';
import { StatusBadge } from '../registry/registry.badges.tsx';
import { fetchChannelPolicies, saveChannelPolicy } from './inbox.api.ts';
import type { ChannelPolicy, ChannelPolicyValue } from './inbox.types.ts';

const POLICIES: readonly ChannelPolicyValue[] = ['suggest', 'auto-hide'];

function LastPoll({ channel }: { channel: ChannelPolicy }) {
  const { t, formatDateTime } = useI18n();
  if (channel.lastPolledAt === null) {
    return <Text size="sm">{t('common.never')}</Text>;
  }
  return (
    <Text size="sm">
      {formatDateTime(channel.lastPolledAt)}
      {' – '}
      {channel.lastError === null ? (
        <StatusBadge tone="good">{t('inbox.policy.ok')}</StatusBadge>
      ) : (
        <StatusBadge tone="bad">
          {t('inbox.policy.error', { error: channel.lastError })}
        </StatusBadge>
      )}
      {channel.lastError !== null && channel.lastOkAt !== null && (
        <> ({t('inbox.policy.lastOk', { date: formatDateTime(channel.lastOkAt) })})</>
      )}
    </Text>
  );
}

export function ChannelPoliciesPage() {
  const { t } = useI18n();
  const { resource, reload, update } = useResource(fetchChannelPolicies);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const change = (channel: ChannelPolicy, policy: ChannelPolicyValue) => {
    setError(null);
    saveChannelPolicy(channel.channelId, policy).then(
      (saved) => {
        update((channels) =>
          channels.map((other) => (other.channelId === saved.channelId ? saved : other)),
        );
        setStatus(t('inbox.policy.saved', { channel: channel.channelName }));
      },
      (failure: unknown) => {
        setStatus(null);
        setError(errorText(failure, t));
      },
    );
  };
  const yesNo = (value: boolean) => (value ? t('inbox.netiquette.yes') : t('inbox.netiquette.no'));

  return (
    <>
      <PageHeader title={t('inbox.policy.title')} intro={t('inbox.policy.intro')} />
      <div role="status">
        {status !== null && (
          <Alert color="blue" variant="light" mb="md">
            {status}
          </Alert>
        )}
      </div>
      {error !== null && (
        <Alert color="red" variant="light" role="alert" mb="md">
          {error}
        </Alert>
      )}
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' &&
        (resource.data.length === 0 ? (
          <Text>{t('inbox.policy.empty')}</Text>
        ) : (
          <TableScroll label={t('inbox.policy.table')}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('inbox.policy.channel')}</Table.Th>
                  <Table.Th scope="col">{t('inbox.filters.platform')}</Table.Th>
                  <Table.Th scope="col">{t('inbox.policy.policy')}</Table.Th>
                  <Table.Th scope="col">{t('inbox.policy.read')}</Table.Th>
                  <Table.Th scope="col">{t('inbox.policy.hide')}</Table.Th>
                  <Table.Th scope="col">{t('inbox.policy.reply')}</Table.Th>
                  <Table.Th scope="col">{t('inbox.policy.lastPoll')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {resource.data.map((channel) => (
                  <Table.Tr key={channel.channelId}>
                    <Table.Th scope="row" fw={400}>
                      {channel.channelName}
                    </Table.Th>
                    <Table.Td>{platformMark(channel.platform).name}</Table.Td>
                    <Table.Td>
                      <NativeSelect
                        id={`policy-${channel.channelId}`}
                        aria-label={t('inbox.policy.policyFor', { channel: channel.channelName })}
                        data={POLICIES.map((value) => ({
                          value,
                          label: t(`inbox.policy.${value}`),
                          disabled: value === 'auto-hide' && !channel.canHide,
                        }))}
                        value={channel.policy}
                        onChange={(event) => {
                          const next = POLICIES.find(
                            (value) => value === event.currentTarget.value,
                          );
                          if (next !== undefined) {
                            change(channel, next);
                          }
                        }}
                      />
                    </Table.Td>
                    <Table.Td>{yesNo(channel.canReadComments)}</Table.Td>
                    <Table.Td>{yesNo(channel.canHide)}</Table.Td>
                    <Table.Td>{yesNo(channel.canReply)}</Table.Td>
                    <Table.Td>
                      <LastPoll channel={channel} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        ))}
    </>
  );
}
