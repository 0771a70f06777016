// One item next to the list: the post and conversation, the verdict, state and actions (hide,
// restore, assign, done, appeal, case), replies, notes and the history. The page's shortcuts call
// the same actions through `DetailCommands`.
import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { Ref } from 'react';
import { Link } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession, useSignedInSession } from '../access/session.context.tsx';
import { errorText } from '../api/api.errors.ts';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading } from '../layout/layout.page.tsx';
import { StatusBadge } from '../registry/registry.badges.tsx';
import { DetailList, Section } from '../registry/registry.fields.tsx';
import {
  addNote,
  assignItem,
  createCaseFromItem,
  fetchInboxItem,
  sendReply,
  setItemStatus,
} from './inbox.api.ts';
import { NOTE_INPUT_ID, NotesSection, REPLY_INPUT_ID, RepliesSection } from './inbox.compose.tsx';
import type { FilterChoice } from './inbox.filters.tsx';
import {
  authorOf,
  KIND_LABELS,
  labelOf,
  STATUS_LABELS,
  VISIBILITY_LABELS,
} from './inbox.labels.ts';
import { ItemDialogs } from './inbox.item-dialogs.tsx';
import type { ItemDialog } from './inbox.item-dialogs.tsx';
import { focusOption } from './inbox.list.tsx';
import { History, PostAndThread, ruleTitle, VerdictPanel } from './inbox.thread.tsx';
import type { CannedAnswer, InboxItem, InboxItemDetail, NetiquetteRule } from './inbox.types.ts';

export const DETAIL_TITLE_ID = 'inbox-detail-title';

export interface DetailCommands {
  open: () => void;
  hide: () => void;
  restore: () => void;
  reply: () => void;
  note: () => void;
  toggleDone: () => void;
  assignMe: () => void;
  createCase: () => void;
}

export interface DetailContext {
  rules: readonly NetiquetteRule[];
  answers: readonly CannedAnswer[];
  people: readonly FilterChoice[];
  units: readonly FilterChoice[];
}

type Dialog = ItemDialog;

export function InboxDetail({
  itemId,
  version,
  context,
  announce,
  onItemChanged,
  ref,
}: {
  itemId: string;
  /** Bumped by the page when a live event names this item, to load it again. */
  version: number;
  context: DetailContext;
  announce: (message: string) => void;
  onItemChanged: (item: InboxItem) => void;
  ref: Ref<DetailCommands>;
}) {
  const { t, locale, formatDateTime } = useI18n();
  const { can } = useSession();
  const { user } = useSignedInSession();
  const load = useCallback(() => fetchInboxItem(itemId), [itemId]);
  const { resource, reload, update } = useResource(load);
  const [dialog, setDialogState] = useState<Dialog>(null);
  // The dialogs unmount when closed, so Mantine cannot return focus itself: we remember where it was.
  const returnFocus = useRef<HTMLElement | null>(null);
  const setDialog = useCallback(
    (next: Dialog) => {
      if (next !== null) {
        returnFocus.current =
          document.activeElement instanceof HTMLElement ? document.activeElement : null;
      } else {
        const target = returnFocus.current;
        returnFocus.current = null;
        window.requestAnimationFrame(() => {
          if (target?.isConnected === true) {
            target.focus();
          } else {
            focusOption(itemId);
          }
        });
      }
      setDialogState(next);
    },
    [itemId],
  );
  const [caseNote, setCaseNote] = useState<string | null>(null);

  // A live change reloads quietly, keeping the current view until the new one arrives.
  useEffect(() => {
    if (version > 0) {
      void fetchInboxItem(itemId).then(
        (next) => {
          update(() => next);
        },
        () => undefined,
      );
    }
  }, [itemId, version, update]);

  const detail = resource.status === 'ready' ? resource.data : null;
  const item = detail?.item ?? null;
  const moderate = can(PERMISSIONS.inboxModerate);
  const reply = can(PERMISSIONS.inboxReply);

  /** After a write: show the new item at once, then fetch history and notes again. */
  const changed = useCallback(
    async (next: InboxItem, message: string) => {
      onItemChanged(next);
      update((current: InboxItemDetail) => ({ ...current, item: next }));
      announce(message);
      try {
        const fresh = await fetchInboxItem(next.id);
        update(() => fresh);
      } catch {
        // The next live event or selection loads it; the item itself is already current.
      }
    },
    [announce, onItemChanged, update],
  );

  const run = useCallback(
    async (write: () => Promise<void>) => {
      try {
        await write();
      } catch (failure: unknown) {
        announce(errorText(failure, t));
      }
    },
    [announce, t],
  );

  const commands: DetailCommands = {
    open: () => document.getElementById(DETAIL_TITLE_ID)?.focus(),
    hide: () => {
      if (item === null || !moderate) {
        announce(t(item === null ? 'inbox.keys.noItem' : 'inbox.keys.noPermission'));
      } else if (detail?.capabilities.hide === false) {
        announce(t('inbox.hide.cannot'));
      } else if (item.visibilityState !== 'hidden') {
        setDialog('hide');
      }
    },
    restore: () => {
      if (item !== null && moderate && item.visibilityState === 'hidden') {
        setDialog('restore');
      }
    },
    reply: () => document.getElementById(REPLY_INPUT_ID)?.focus(),
    note: () => document.getElementById(NOTE_INPUT_ID)?.focus(),
    toggleDone: () => {
      if (item === null || !moderate) {
        return;
      }
      const status = item.status === 'done' ? 'open' : 'done';
      void run(async () => {
        const { item: next } = await setItemStatus(item.id, status);
        await changed(next, t(status === 'done' ? 'inbox.status.doneNow' : 'inbox.status.openNow'));
      });
    },
    assignMe: () => {
      if (item === null || !moderate) {
        return;
      }
      void run(async () => {
        const { item: next } = await assignItem(item.id, user.id, item.orgUnit?.id ?? null);
        await changed(next, t('inbox.assign.me'));
      });
    },
    createCase: () => {
      if (item === null || item.caseId !== null || !can(PERMISSIONS.casesManage)) {
        return;
      }
      void (async () => {
        try {
          const { caseId } = await createCaseFromItem(item.id);
          const message = t('inbox.detail.caseCreated', { caseId });
          setCaseNote(message);
          await changed({ ...item, caseId }, message);
        } catch (failure: unknown) {
          const message = t('inbox.case.failed', { error: errorText(failure, t) });
          setCaseNote(message);
          announce(message);
        }
      })();
    },
  };
  useImperativeHandle(ref, () => commands);

  if (resource.status === 'loading') {
    return <Loading />;
  }
  if (resource.status === 'error' || detail === null || item === null) {
    return (
      <LoadError error={resource.status === 'error' ? resource.error : null} onRetry={reload} />
    );
  }

  const close = () => {
    setDialog(null);
  };
  const hiddenRule =
    item.hiddenRuleId === null ? null : ruleTitle(context.rules, item.hiddenRuleId, locale);

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2} id={DETAIL_TITLE_ID} tabIndex={-1} size="h3">
          {labelOf(t, KIND_LABELS, item.kind)}: {authorOf(item)}
        </Title>
        <Text size="sm" c="dimmed">
          {item.channelName} · {formatDateTime(item.receivedAt)}
        </Text>
        <Group gap="xs">
          <StatusBadge tone={item.status === 'done' ? 'good' : 'neutral'}>
            {labelOf(t, STATUS_LABELS, item.status)}
          </StatusBadge>
          <StatusBadge
            tone={
              item.visibilityState === 'visible'
                ? 'neutral'
                : item.visibilityState === 'hidden'
                  ? 'warn'
                  : 'bad'
            }
          >
            {item.visibilityState === 'hidden' && hiddenRule !== null
              ? t('inbox.hiddenByRule', { rule: hiddenRule })
              : labelOf(t, VISIBILITY_LABELS, item.visibilityState)}
          </StatusBadge>
          {item.appealOpen && <StatusBadge tone="warn">{t('inbox.appealOpen')}</StatusBadge>}
        </Group>
      </Stack>

      <PostAndThread detail={detail} />
      <VerdictPanel item={item} rules={context.rules} />

      <DetailList
        items={[
          [t('inbox.detail.assignee'), item.assignee?.name ?? t('inbox.detail.nobody')],
          [t('inbox.detail.unit'), item.orgUnit?.name ?? t('inbox.detail.nobody')],
          [
            t('inbox.detail.case'),
            item.caseId === null ? (
              '–'
            ) : can(PERMISSIONS.casesRead) ? (
              <Anchor component={Link} to={`/cases/${encodeURIComponent(item.caseId)}`}>
                {item.caseId}
              </Anchor>
            ) : (
              item.caseId
            ),
          ],
        ]}
      />
      {caseNote !== null && (
        <Alert color="blue" variant="light" role="status">
          {caseNote}
        </Alert>
      )}

      <Section id="inbox-actions" title={t('inbox.detail.actions')}>
        <Group gap="xs">
          {moderate && item.visibilityState !== 'hidden' && detail.capabilities.hide && (
            <Button color="red" variant="light" onClick={commands.hide}>
              {t('inbox.action.hide')}
            </Button>
          )}
          {moderate && item.visibilityState === 'hidden' && (
            <Button variant="default" onClick={commands.restore}>
              {t('inbox.action.restore')}
            </Button>
          )}
          {moderate && (
            <>
              <Button variant="default" onClick={commands.toggleDone}>
                {item.status === 'done' ? t('inbox.action.reopen') : t('inbox.action.done')}
              </Button>
              <Button variant="default" onClick={commands.assignMe}>
                {t('inbox.action.assignMe')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setDialog('assign');
                }}
              >
                {t('inbox.action.assign')}
              </Button>
            </>
          )}
          {can(PERMISSIONS.casesManage) && item.caseId === null && (
            <Button variant="default" onClick={commands.createCase}>
              {t('inbox.action.case')}
            </Button>
          )}
          {moderate && item.visibilityState === 'hidden' && !item.appealOpen && (
            <Button
              variant="subtle"
              onClick={() => {
                setDialog('appeal');
              }}
            >
              {t('inbox.action.appeal')}
            </Button>
          )}
          {moderate && item.appealOpen && (
            <Button
              variant="default"
              onClick={() => {
                setDialog('decide');
              }}
            >
              {t('inbox.action.appealDecide')}
            </Button>
          )}
        </Group>
      </Section>

      {reply && (
        <RepliesSection
          detail={detail}
          answers={context.answers}
          onSend={async (text) => {
            const { reply: sent } = await sendReply(item.id, text);
            update((current: InboxItemDetail) => ({
              ...current,
              replies: [...current.replies, sent],
            }));
            announce(t(sent.state === 'sent' ? 'inbox.reply.sent' : 'inbox.reply.failed'));
          }}
        />
      )}
      <NotesSection
        notes={detail.notes}
        onSave={
          reply
            ? async (text) => {
                const { note } = await addNote(item.id, text);
                update((current: InboxItemDetail) => ({
                  ...current,
                  notes: [...current.notes, note],
                }));
                announce(t('inbox.note.saved'));
              }
            : null
        }
      />

      <Section id="inbox-history" title={t('inbox.detail.history')}>
        <History actions={detail.actions} rules={context.rules} />
      </Section>

      <ItemDialogs
        dialog={dialog}
        item={item}
        context={context}
        onClose={close}
        onChanged={changed}
      />
    </Stack>
  );
}
