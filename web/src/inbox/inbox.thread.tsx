// Read-only parts of the detail: the post and the conversation, the verdict with its cited rule
// and the personal-data warning, and the history. Every text from a platform is a React text node.
import { Alert, Anchor, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../i18n/i18n.context.tsx';
import { StatusBadge } from '../registry/registry.badges.tsx';
import {
  authorOf,
  historyLabel,
  labelOf,
  piiLabel,
  STAGE_LABELS,
  VERDICT_LABELS,
  VERDICT_TONES,
} from './inbox.labels.ts';
import type { InboxAction, InboxItem, InboxItemDetail, NetiquetteRule } from './inbox.types.ts';

/** Title of a rule in the interface language, or its id when the rule is unknown here. */
export function ruleTitle(
  rules: readonly NetiquetteRule[],
  ruleId: string,
  locale: string,
  fallback?: string | null,
): string {
  const rule = rules.find((candidate) => candidate.id === ruleId);
  if (rule === undefined) {
    return fallback ?? ruleId;
  }
  return locale === 'en' && rule.titleEn !== '' ? rule.titleEn : rule.title;
}

const TEXT_STYLE = { whiteSpace: 'pre-line', overflowWrap: 'anywhere' } as const;

export function PostAndThread({ detail }: { detail: InboxItemDetail }) {
  const { t, formatDateTime } = useI18n();
  const { post, thread, item } = detail;
  const entries = thread.length === 0 ? [item] : thread;
  return (
    <Stack gap="sm">
      <section aria-labelledby="inbox-post-title">
        <Title order={3} size="h4" id="inbox-post-title">
          {t('inbox.detail.post')}
        </Title>
        {post === null || (post.text === null && post.url === null) ? (
          <Text size="sm" c="dimmed">
            {t('inbox.detail.postUnknown')}
          </Text>
        ) : (
          <Paper withBorder p="sm" bg="gray.0">
            {post.text !== null && (
              <Text size="sm" style={TEXT_STYLE}>
                {post.text}
              </Text>
            )}
            {post.url !== null && (
              <Anchor href={post.url} target="_blank" rel="noopener noreferrer" size="sm">
                {t('inbox.detail.postOpen')} {t('registry.newTab')}
              </Anchor>
            )}
          </Paper>
        )}
      </section>
      <section aria-labelledby="inbox-thread-title">
        <Title order={3} size="h4" id="inbox-thread-title">
          {t('inbox.detail.thread')}
        </Title>
        <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {entries.map((entry: InboxItem) => {
            const current = entry.id === item.id;
            return (
              <li
                key={entry.id}
                style={{ marginTop: 6, marginLeft: entry.parentExternalId === null ? 0 : 24 }}
              >
                <Paper
                  withBorder
                  p="sm"
                  style={
                    current
                      ? { borderColor: 'var(--mantine-color-blue-8)', borderWidth: 2 }
                      : undefined
                  }
                >
                  <Group gap="xs" justify="space-between">
                    <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {authorOf(entry)}
                      {current ? ` (${t('inbox.detail.thisItem')})` : ''}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(entry.remoteCreatedAt)}
                      {entry.editedAt !== null ? ` · ${t('inbox.edited')}` : ''}
                    </Text>
                  </Group>
                  <Text
                    size="sm"
                    style={TEXT_STYLE}
                    data-testid={current ? 'inbox-item-text' : undefined}
                  >
                    {entry.text}
                  </Text>
                  {entry.deletedUpstreamAt !== null && (
                    <Text size="xs" c="red.9">
                      {t('inbox.deletedUpstream')}
                    </Text>
                  )}
                </Paper>
              </li>
            );
          })}
        </ol>
      </section>
    </Stack>
  );
}

export function VerdictPanel({
  item,
  rules,
}: {
  item: InboxItem;
  rules: readonly NetiquetteRule[];
}) {
  const { t, locale } = useI18n();
  const { verdict } = item;
  // 0,97 in German, 0.97 in English.
  const score = (value: number) =>
    value.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t('inbox.detail.verdict')}:
        </Text>
        <StatusBadge tone={VERDICT_TONES[verdict.outcome]}>
          {labelOf(t, VERDICT_LABELS, verdict.outcome)}
        </StatusBadge>
        <Text size="sm">{t('inbox.detail.score', { score: score(verdict.score) })}</Text>
        <Text size="sm">
          {verdict.ruleId === null
            ? t('inbox.detail.noRule')
            : t('inbox.detail.rule', {
                rule: ruleTitle(rules, verdict.ruleId, locale, verdict.ruleTitle),
              })}
        </Text>
      </Group>
      {verdict.reasons.length > 0 && (
        <List size="sm" spacing={2} aria-label={t('inbox.detail.reasons')}>
          {verdict.reasons.map((reason, index) => (
            <List.Item key={`${reason.stage}-${String(index)}`}>
              {labelOf(t, STAGE_LABELS, reason.stage)} ({score(reason.score)})
              {reason.ruleId === '' ? '' : ` – ${ruleTitle(rules, reason.ruleId, locale)}`}
              {reason.detail === '' ? '' : `: ${reason.detail}`}
            </List.Item>
          ))}
        </List>
      )}
      {(verdict.personalData.length > 0 || verdict.suggestPrivateChannel) && (
        <Alert color="yellow" variant="light" title={t('inbox.stage.pii')}>
          <Stack gap={4}>
            {verdict.personalData.length > 0 && (
              <Text size="sm">
                {t('inbox.detail.personalData', {
                  kinds: verdict.personalData.map((kind) => piiLabel(t, kind)).join(', '),
                })}
              </Text>
            )}
            <Text size="sm">{t('inbox.detail.privateHint')}</Text>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

function actorOf(action: InboxAction, t: ReturnType<typeof useI18n>['t']): string {
  if (action.actorKind === 'system') {
    return t('inbox.detail.system');
  }
  if (action.actorKind === 'writer') {
    return t('inbox.detail.writer');
  }
  return action.actor?.name ?? t('inbox.detail.unknownActor');
}

export function History({
  actions,
  rules,
}: {
  actions: readonly InboxAction[];
  rules: readonly NetiquetteRule[];
}) {
  const { t, locale, formatDateTime } = useI18n();
  if (actions.length === 0) {
    return <Text size="sm">{t('inbox.detail.historyEmpty')}</Text>;
  }
  return (
    <ol style={{ margin: 0, paddingLeft: '1.25rem' }} data-testid="inbox-history">
      {actions.map((action) => (
        <li key={action.id}>
          <Text size="sm">
            {formatDateTime(action.createdAt)} – {actorOf(action, t)}:{' '}
            {historyLabel(t, action.action)}
            {action.ruleId === null
              ? ''
              : ` – ${t('inbox.history.rule', { rule: ruleTitle(rules, action.ruleId, locale) })}`}
            {action.reason === null || action.reason === ''
              ? ''
              : ` – ${t('inbox.history.reason', { reason: action.reason })}`}
          </Text>
        </li>
      ))}
    </ol>
  );
}
