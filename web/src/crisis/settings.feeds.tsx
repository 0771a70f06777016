// "Warnquellen": the official feeds the server polls (CAP XML, BBK JSON, NINA dashboard), their
// last poll, and "Jetzt abrufen" to poll one at once.
import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { TableScroll } from '../layout/layout.page.tsx';
import { StatusBadge } from '../registry/registry.badges.tsx';
import {
  feedbackFrom,
  fieldProps,
  FormAlert,
  NO_FEEDBACK,
} from '../registry/registry.form-errors.tsx';
import type { FormFeedback } from '../registry/registry.form-errors.tsx';
import { deleteFeed, pollFeed, saveFeed } from './crisis.api.ts';
import { FEED_KIND_LABELS, labelOf, OUTCOME_LABELS } from './crisis.labels.ts';
import type { Feed, FeedInput, FeedKind, PollResult } from './crisis.types.ts';
import { FEED_KINDS } from './crisis.types.ts';

const FORM_ID = 'crisis-feed';

interface Draft {
  name: string;
  kind: FeedKind;
  url: string;
  pollSeconds: string;
  enabled: boolean;
}

const EMPTY: Draft = { name: '', kind: 'cap-xml', url: '', pollSeconds: '60', enabled: true };

function toInput(draft: Draft): FeedInput {
  return {
    name: draft.name.trim(),
    kind: draft.kind,
    url: draft.url.trim(),
    pollSeconds: Number(draft.pollSeconds.trim()),
    enabled: draft.enabled,
  };
}

function FeedForm({
  feed,
  onSaved,
  onCancel,
}: {
  feed: Feed | null;
  onSaved: (feed: Feed) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(
    feed === null ? EMPTY : { ...feed, pollSeconds: String(feed.pollSeconds) },
  );
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
  };
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = toInput(draft);
    setBusy(true);
    try {
      onSaved(await saveFeed(feed?.id ?? null, input));
    } catch (failure: unknown) {
      setFeedback(feedbackFrom(FORM_ID, failure, t, input));
      setBusy(false);
    }
  };
  return (
    <form
      id={FORM_ID}
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-labelledby={`${FORM_ID}-title`}
    >
      <Stack gap="sm">
        <Title order={3} id={`${FORM_ID}-title`}>
          {feed === null
            ? t('crisis.feeds.addTitle')
            : t('crisis.feeds.editTitle', { name: feed.name })}
        </Title>
        <FormAlert feedback={feedback} />
        <TextInput
          {...fieldProps(FORM_ID, feedback, 'name')}
          label={t('crisis.feeds.name')}
          required
          maxLength={120}
          data-autofocus
          value={draft.name}
          onChange={(event) => {
            set('name', event.currentTarget.value);
          }}
        />
        <NativeSelect
          {...fieldProps(FORM_ID, feedback, 'kind')}
          label={t('crisis.feeds.kind')}
          data={FEED_KINDS.map((value) => ({ value, label: t(FEED_KIND_LABELS[value]) }))}
          value={draft.kind}
          onChange={(event) => {
            const value = FEED_KINDS.find((kind) => kind === event.currentTarget.value);
            set('kind', value ?? 'cap-xml');
          }}
        />
        <TextInput
          {...fieldProps(FORM_ID, feedback, 'url')}
          type="url"
          inputMode="url"
          label={t('crisis.feeds.url')}
          description={t('crisis.feeds.urlHint')}
          required
          maxLength={1000}
          value={draft.url}
          onChange={(event) => {
            set('url', event.currentTarget.value);
          }}
        />
        <TextInput
          {...fieldProps(FORM_ID, feedback, 'pollSeconds')}
          inputMode="numeric"
          label={t('crisis.feeds.interval')}
          description={t('crisis.feeds.intervalHint')}
          required
          maxLength={4}
          value={draft.pollSeconds}
          onChange={(event) => {
            set('pollSeconds', event.currentTarget.value);
          }}
        />
        <Checkbox
          id={`${FORM_ID}-enabled`}
          label={t('crisis.feeds.enabled')}
          checked={draft.enabled}
          onChange={(event) => {
            set('enabled', event.currentTarget.checked);
          }}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function pollText(t: ReturnType<typeof useI18n>['t'], name: string, result: PollResult): string {
  if (!result.ok) {
    return t('crisis.feeds.pollFailed', { name, error: result.error ?? '' });
  }
  const counts = Object.entries(result.counts)
    .map(([kind, count]) => `${labelOf(t, OUTCOME_LABELS, kind)}: ${String(count)}`)
    .join(', ');
  return t('crisis.feeds.polled', {
    name,
    counts: counts === '' ? t('crisis.feeds.nothing') : counts,
  });
}

export function FeedsSection({
  feeds,
  onChange,
}: {
  feeds: readonly Feed[];
  onChange: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  const [editing, setEditing] = useState<Feed | 'new' | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = async (feed: Feed, action: 'poll' | 'delete') => {
    if (
      action === 'delete' &&
      !window.confirm(t('crisis.feeds.confirmDelete', { name: feed.name }))
    ) {
      return;
    }
    setBusy(`${action}:${feed.id}`);
    try {
      if (action === 'poll') {
        setNotice(pollText(t, feed.name, await pollFeed(feed.id)));
      } else {
        await deleteFeed(feed.id);
        setNotice(t('crisis.feeds.deleted', { name: feed.name }));
      }
      onChange();
    } catch (failure: unknown) {
      setNotice(errorText(failure, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="md">
      <div role="status">{notice !== null && <Text size="sm">{notice}</Text>}</div>
      {feeds.length === 0 ? (
        <Text>{t('crisis.feeds.empty')}</Text>
      ) : (
        <TableScroll label={t('crisis.feeds.table')}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('crisis.feeds.name')}</Table.Th>
                <Table.Th scope="col">{t('crisis.feeds.kind')}</Table.Th>
                <Table.Th scope="col">{t('crisis.feeds.url')}</Table.Th>
                <Table.Th scope="col">{t('crisis.feeds.interval')}</Table.Th>
                <Table.Th scope="col">{t('crisis.feeds.lastPoll')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {feeds.map((feed) => (
                <Table.Tr key={feed.id}>
                  <Table.Th scope="row" fw={400}>
                    {feed.name}
                    {!feed.enabled && <Text size="xs">{t('crisis.feeds.disabled')}</Text>}
                  </Table.Th>
                  <Table.Td>{t(FEED_KIND_LABELS[feed.kind])}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{feed.url}</Table.Td>
                  <Table.Td>{t('crisis.feeds.seconds', { seconds: feed.pollSeconds })}</Table.Td>
                  <Table.Td>
                    {feed.lastPolledAt === null ? (
                      t('common.never')
                    ) : (
                      <Stack gap={2}>
                        <span>{formatDateTime(feed.lastPolledAt)}</span>
                        {feed.lastError === null ? (
                          <StatusBadge tone="good">{t('crisis.feeds.ok')}</StatusBadge>
                        ) : (
                          <>
                            <StatusBadge tone="bad">{t('crisis.feeds.error')}</StatusBadge>
                            <Text size="sm">{feed.lastError}</Text>
                          </>
                        )}
                      </Stack>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Button
                        size="compact-sm"
                        loading={busy === `poll:${feed.id}`}
                        aria-label={t('crisis.feeds.pollNamed', { name: feed.name })}
                        onClick={() => void run(feed, 'poll')}
                      >
                        {t('crisis.feeds.poll')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={t('crisis.feeds.editNamed', { name: feed.name })}
                        onClick={() => {
                          setEditing(feed);
                        }}
                      >
                        {t('crisis.feeds.edit')}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        loading={busy === `delete:${feed.id}`}
                        aria-label={t('crisis.feeds.deleteNamed', { name: feed.name })}
                        onClick={() => void run(feed, 'delete')}
                      >
                        {t('crisis.feeds.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {editing === null ? (
        <Group>
          <Button
            variant="default"
            onClick={() => {
              setEditing('new');
            }}
          >
            {t('crisis.feeds.add')}
          </Button>
        </Group>
      ) : (
        <FeedForm
          key={editing === 'new' ? 'new' : editing.id}
          feed={editing === 'new' ? null : editing}
          onCancel={() => {
            setEditing(null);
          }}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(t('crisis.feeds.saved', { name: saved.name }));
            onChange();
          }}
        />
      )}
    </Stack>
  );
}
