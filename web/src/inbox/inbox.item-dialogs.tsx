// The open dialog of one item and what each confirmation writes; the detail passes the answer on
// through `onChanged`, which updates the list, the detail and the live region.
import { useI18n } from '../i18n/i18n.context.tsx';
import { assignItem, decideAppeal, hideItem, recordAppeal, restoreItem } from './inbox.api.ts';
import type { DetailContext } from './inbox.detail.tsx';
import {
  AppealDecisionDialog,
  AppealDialog,
  AssignDialog,
  attempt,
  HideDialog,
  RestoreDialog,
} from './inbox.dialogs.tsx';
import { ruleTitle } from './inbox.thread.tsx';
import type { InboxItem } from './inbox.types.ts';

export type ItemDialog = 'hide' | 'restore' | 'appeal' | 'decide' | 'assign' | null;

export function ItemDialogs({
  dialog,
  item,
  context,
  onClose,
  onChanged,
}: {
  dialog: ItemDialog;
  item: InboxItem;
  context: DetailContext;
  onClose: () => void;
  onChanged: (next: InboxItem, message: string) => Promise<void>;
}) {
  const { t, locale } = useI18n();
  /** Closes first (focus goes back), then shows the answer. */
  const write = (request: () => Promise<{ item: InboxItem }>, message: string) =>
    attempt(async () => {
      const { item: next } = await request();
      onClose();
      await onChanged(next, message);
    }, t);

  switch (dialog) {
    case 'hide':
      return (
        <HideDialog
          item={item}
          rules={context.rules}
          onClose={onClose}
          onConfirm={(ruleId, reason) =>
            write(
              () => hideItem(item.id, ruleId, reason),
              t('inbox.hide.done', { rule: ruleTitle(context.rules, ruleId, locale) }),
            )
          }
        />
      );
    case 'restore':
      return (
        <RestoreDialog
          onClose={onClose}
          onConfirm={(reason) => write(() => restoreItem(item.id, reason), t('inbox.restore.done'))}
        />
      );
    case 'appeal':
      return (
        <AppealDialog
          onClose={onClose}
          onConfirm={(text) => write(() => recordAppeal(item.id, text), t('inbox.history.appeal'))}
        />
      );
    case 'decide':
      return (
        <AppealDecisionDialog
          onClose={onClose}
          onConfirm={(decision, reason) =>
            write(
              () => decideAppeal(item.id, decision, reason),
              t(
                decision === 'restore'
                  ? 'inbox.history.appeal-granted'
                  : 'inbox.history.appeal-upheld',
              ),
            )
          }
        />
      );
    case 'assign':
      return (
        <AssignDialog
          item={item}
          people={context.people}
          units={context.units}
          onClose={onClose}
          onConfirm={(assigneeId, orgUnitId) =>
            write(() => assignItem(item.id, assigneeId, orgUnitId), t('inbox.assign.done'))
          }
        />
      );
    case null:
      return null;
  }
}
