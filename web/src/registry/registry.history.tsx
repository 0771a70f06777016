// Change history (revisions) of a platform or channel: when, who, and what changed.
import { List, Table, Text } from '@mantine/core';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/i18n.messages.ts';
import { LoadError, Loading, TableScroll } from '../layout/layout.page.tsx';
import type { FieldChange } from './registry.diff.ts';
import { diffSnapshots } from './registry.diff.ts';
import type { Revision } from './registry.types.ts';

const MAX_CHANGES = 25;
const MAX_VALUE = 160;

function shorten(value: string): string {
  return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value;
}

export interface HistoryLabels {
  /** Field names by path segment, e.g. `legalEntity`. */
  fields: Readonly<Record<string, MessageKey>>;
  /** Readable values for codes and ids, by field name; return undefined to show the raw value. */
  value?: (key: string, value: string) => string | undefined;
}

function ChangeLine({ change, labels }: { change: FieldChange; labels: HistoryLabels }) {
  const { t } = useI18n();
  const name = change.path
    .map((part) => {
      if (/^\d+$/.test(part)) {
        return String(Number(part) + 1);
      }
      const key = labels.fields[part];
      return key === undefined ? part : t(key);
    })
    .join(' › ');
  const before =
    change.before === null || change.before === '' ? t('history.empty') : change.before;
  const after = change.after === null || change.after === '' ? t('history.empty') : change.after;
  return (
    <List.Item>
      <Text span fw={600} size="sm">
        {name}:
      </Text>{' '}
      <Text span size="sm">
        {t('history.fromTo', { before: shorten(before), after: shorten(after) })}
      </Text>
    </List.Item>
  );
}

export function RevisionHistory({
  load,
  labels,
  tableLabel,
}: {
  /** Stable loader (module function bound by the caller's useCallback). */
  load: () => Promise<Revision[]>;
  labels: HistoryLabels;
  tableLabel: string;
}) {
  const { t, formatDateTime, formatDate } = useI18n();
  const { resource, reload } = useResource(load);

  if (resource.status === 'loading') {
    return <Loading />;
  }
  if (resource.status === 'error') {
    return <LoadError error={resource.error} onRetry={reload} />;
  }
  const revisions = resource.data;
  if (revisions.length === 0) {
    return <Text>{t('history.none')}</Text>;
  }
  const format = (key: string, value: string | number | boolean | null): string => {
    if (value === null) {
      return '';
    }
    if (typeof value === 'boolean') {
      return value ? t('registry.yes') : t('registry.no');
    }
    const text = String(value);
    const known = labels.value?.(key, text);
    if (known !== undefined) {
      return known;
    }
    return /^\d{4}-\d{2}-\d{2}$/.test(text) ? formatDate(text) : text;
  };

  return (
    <TableScroll label={tableLabel}>
      <Table verticalSpacing="sm" miw={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('history.when')}</Table.Th>
            <Table.Th scope="col">{t('history.who')}</Table.Th>
            <Table.Th scope="col">{t('history.what')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {revisions.map((revision, index) => {
            const older = revisions[index + 1];
            const changes =
              older === undefined ? [] : diffSnapshots(older.snapshot, revision.snapshot, format);
            return (
              <Table.Tr key={revision.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(revision.changedAt)}
                </Table.Td>
                <Table.Td>{revision.actorName ?? t('audit.system')}</Table.Td>
                <Table.Td>
                  {older === undefined ? (
                    t('history.created')
                  ) : changes.length === 0 ? (
                    t('history.noVisibleChange')
                  ) : (
                    <List size="sm" spacing={2}>
                      {changes.slice(0, MAX_CHANGES).map((change) => (
                        <ChangeLine key={change.path.join('.')} change={change} labels={labels} />
                      ))}
                      {changes.length > MAX_CHANGES && (
                        <List.Item>
                          {t('history.more', { count: changes.length - MAX_CHANGES })}
                        </List.Item>
                      )}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
