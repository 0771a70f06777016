// The case's history, oldest first: what happened, when and by whom; note and reply texts in full.
import { Paper, Text } from '@mantine/core';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { Translate } from '../i18n/i18n.context.tsx';
import { CHANNEL_LABELS, EVENT_LABELS, HOLD_LABELS, STATUS_LABELS } from './cases.labels.ts';
import type { CaseOptions } from './cases.options.ts';
import { labelIn } from './cases.options.ts';
import type { TimelineEntry } from './cases.types.ts';
import { CASE_STATUSES, HOLD_KINDS, REPLY_CHANNELS } from './cases.types.ts';

function statusWord(t: Translate, value: unknown): string {
  const status = CASE_STATUSES.find((entry) => entry === value);
  return status === undefined ? String(value) : t(STATUS_LABELS[status].key);
}

/** One line about the event's details; never personal data (the server stores none there). */
function summary(t: Translate, entry: TimelineEntry): string | null {
  const detail = entry.detail ?? {};
  switch (entry.kind) {
    case 'status':
      return t('cases.event.statusDetail', {
        from: statusWord(t, detail['from']),
        to: statusWord(t, detail['to']),
      });
    case 'reply': {
      const channel = REPLY_CHANNELS.find((value) => value === detail['channel']);
      const parts = [channel === undefined ? '' : t(CHANNEL_LABELS[channel])];
      if (detail['objectionNotice'] === true) {
        parts.push(t('cases.event.withObjectionNotice'));
      } else if (detail['privacyNotice'] === true) {
        parts.push(t('cases.event.withPrivacyNotice'));
      }
      if (detail['delivery'] === 'sent') {
        parts.push(t('cases.event.deliverySent'));
      } else if (detail['delivery'] === 'failed') {
        parts.push(t('cases.event.deliveryFailed'));
      } else if (detail['deliveryNote'] === 'no-mailer') {
        parts.push(t('cases.event.deliveryNoMailer'));
      }
      return parts.filter((part) => part !== '').join(' · ');
    }
    case 'hold':
    case 'hold-cleared': {
      const kind = HOLD_KINDS.find((value) => value === detail['kind']);
      return kind === undefined ? null : t(HOLD_LABELS[kind]);
    }
    case 'updated':
      return detail['contactChanged'] === true ? t('cases.event.contactChanged') : null;
    default:
      return null;
  }
}

export function CaseTimeline({
  entries,
  options,
}: {
  entries: readonly TimelineEntry[];
  options: CaseOptions;
}) {
  const { t, formatDateTime } = useI18n();
  if (entries.length === 0) {
    return <Text>{t('cases.timeline.empty')}</Text>;
  }
  const ordered = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <ol
      style={{
        listStyle: 'none',
        margin: 0,
        padding: 0,
        display: 'flex',
        flexDirection: 'column',
        gap: 'var(--mantine-spacing-sm)',
      }}
    >
      {ordered.map((entry) => {
        const label = EVENT_LABELS[entry.kind];
        const line = summary(t, entry);
        const author =
          entry.authorId === null
            ? t('cases.timeline.system')
            : (labelIn(options.people, entry.authorId) ?? t('cases.someoneElse'));
        return (
          <li key={entry.id}>
            <Paper withBorder p="sm">
              <Text size="sm" fw={700}>
                {label === undefined ? entry.kind : t(label)}
                {line === null ? '' : ` – ${line}`}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(entry.at)} · {author}
              </Text>
              {entry.text !== null && (
                <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
                  {entry.text}
                </Text>
              )}
            </Paper>
          </li>
        );
      })}
    </ol>
  );
}
