import type { Kysely } from 'kysely';

import { decide } from '../access/access.policy.ts';
import type { Actor } from '../access/actor.ts';
import { findOrgUnitRow } from '../access/org-units.repository.ts';
import { findUserRow, rolesOfUsers } from '../access/users.repository.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { AppError, conflict, invalid, notFound } from '../errors/errors.ts';
import { findRuleRow } from '../moderation/netiquette.repository.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { insertActionRow, lockItemRow, updateItemRow } from './inbox.repository.ts';
import type { InboxItemView } from './inbox.repository.ts';
import type { InboxItem } from './inbox.schema.ts';
import { canHide, NOT_VISIBLE, reloadItem, visibleItem } from './inbox.service.ts';
import type { InboxReader } from './inbox.service.ts';
import { setRemoteVisibility } from './inbox.visibility.ts';
import type { InboxItemRow } from './inbox.table.ts';

/**
 * What staff do with an inbox item. Every action leaves an inbox_actions row (who, which rule,
 * why) and an audit entry in one transaction; audit summaries name ids and rules, never text.
 */

export interface ActionContext {
  readonly db: Kysely<Database>;
  readonly actor: Actor;
  readonly reader: InboxReader;
}

export async function record(
  trx: Kysely<Database>,
  actor: Actor,
  item: { readonly id: string },
  entry: {
    readonly action: string;
    readonly ruleId?: string | null;
    readonly reason?: string | null;
    readonly detail?: Record<string, unknown>;
    readonly actorKind?: 'user' | 'system' | 'writer';
    readonly summary: string;
  },
): Promise<void> {
  const actorKind = entry.actorKind ?? 'user';
  await insertActionRow(trx, {
    itemId: item.id,
    action: entry.action,
    actorKind,
    actorId: actorKind === 'user' ? actor.userId : null,
    ruleId: entry.ruleId ?? null,
    reason: entry.reason ?? null,
    detail: entry.detail ?? null,
  });
  await recordAudit(trx, actor, {
    action: `inbox.item.${entry.action}`,
    objectType: 'inbox_item',
    objectId: item.id,
    summary: entry.summary,
  });
}

/** Runs one locked change on a visible item, then returns it as it is now. */
async function change(
  ctx: ActionContext,
  id: string,
  permission: 'inbox.moderate' | 'inbox.reply',
  apply: (trx: Kysely<Database>, row: InboxItemRow) => Promise<void>,
): Promise<InboxItem> {
  await visibleItem(ctx.db, ctx.reader, id, permission);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockItemRow(trx, id);
    if (row === undefined) {
      throw notFound(NOT_VISIBLE);
    }
    await apply(trx, row);
  });
  return reloadItem(ctx.db, id);
}

export async function assignItem(
  ctx: ActionContext,
  id: string,
  input: { readonly assigneeId: string | null; readonly orgUnitId: string | null },
): Promise<InboxItem> {
  await visibleItem(ctx.db, ctx.reader, id, 'inbox.moderate');
  if (input.assigneeId !== null) {
    // Only to someone who works in the inbox at all; the assignment itself lets them see the item.
    const roles = (await rolesOfUsers(ctx.db, [input.assigneeId])).map((row) => ({
      role: row.role,
      orgUnitId: row.org_unit_id,
    }));
    if (
      (await findUserRow(ctx.db, input.assigneeId))?.disabled !== false ||
      !decide({ roles, disabled: false }, 'inbox.read').allowed
    ) {
      throw invalid([
        { path: 'assigneeId', message: 'Diese Person arbeitet nicht im Posteingang.' },
      ]);
    }
  }
  if (input.orgUnitId !== null && (await findOrgUnitRow(ctx.db, input.orgUnitId)) === undefined) {
    throw invalid([{ path: 'orgUnitId', message: 'Diese Organisationseinheit gibt es nicht.' }]);
  }
  return change(ctx, id, 'inbox.moderate', async (trx, row) => {
    await updateItemRow(trx, row.id, {
      assignee_id: input.assigneeId,
      org_unit_id: input.orgUnitId,
    });
    await record(trx, ctx.actor, row, {
      action: 'assign',
      detail: { assigneeId: input.assigneeId, orgUnitId: input.orgUnitId },
      summary: `Zugewiesen: Person ${input.assigneeId ?? '–'}, Einheit ${input.orgUnitId ?? '–'}`,
    });
  });
}

export async function setItemStatus(
  ctx: ActionContext,
  id: string,
  status: 'open' | 'done',
): Promise<InboxItem> {
  return change(ctx, id, 'inbox.moderate', async (trx, row) => {
    if (row.status === status) {
      return;
    }
    await updateItemRow(trx, row.id, { status });
    await record(trx, ctx.actor, row, {
      action: status === 'done' ? 'done' : 'reopen',
      summary: status === 'done' ? 'Als erledigt markiert' : 'Wieder geöffnet',
    });
  });
}

/** Nothing to hide or answer once the writer deleted the comment on the platform. */
export function assertNotDeleted(view: InboxItemView): void {
  if (view.deleted_upstream_at !== null) {
    throw conflict('Dieser Beitrag wurde auf der Plattform gelöscht.');
  }
}

export interface VisibilityDeps {
  readonly keys: readonly EncryptionKey[];
  readonly timeoutMs?: number;
}

/**
 * Hides a comment citing a rule. The decision is recorded first (so it survives a platform
 * outage or a crash), then the platform is asked outside any transaction, then the outcome is
 * recorded: `hidden`, or `hide-failed` with the failure kind, which a person can retry.
 */
export async function hideItem(
  ctx: ActionContext,
  deps: VisibilityDeps,
  id: string,
  input: { readonly ruleId: string; readonly reason?: string | undefined },
): Promise<InboxItem> {
  const view = await visibleItem(ctx.db, ctx.reader, id, 'inbox.moderate');
  if (!canHide(view.platform, view.kind)) {
    throw conflict(
      view.kind === 'direct-message'
        ? 'Direktnachrichten sind nicht öffentlich und werden nicht ausgeblendet.'
        : 'Auf dieser Plattform kann Stadtfunk Kommentare nicht ausblenden. Bitte blenden Sie den Kommentar direkt auf der Plattform aus.',
    );
  }
  if (view.visibility_state === 'hidden') {
    throw conflict('Dieser Kommentar ist bereits ausgeblendet.');
  }
  assertNotDeleted(view);
  await ctx.db.transaction().execute(async (trx) => {
    const rule = await findRuleRow(trx, input.ruleId);
    if (rule === undefined) {
      throw invalid([{ path: 'ruleId', message: 'Diese Netiquette-Regel gibt es nicht.' }]);
    }
    await record(trx, ctx.actor, view, {
      action: 'hide',
      ruleId: input.ruleId,
      reason: input.reason ?? null,
      summary: `Ausblenden nach Regel ${input.ruleId} angefordert`,
    });
  });
  const result = await setRemoteVisibility(ctx.db, deps.keys, view, true, deps.timeoutMs);
  await ctx.db.transaction().execute(async (trx) => {
    await updateItemRow(trx, view.id, {
      visibility_state: result.ok ? 'hidden' : 'hide-failed',
      hidden_rule_id: input.ruleId,
    });
    await record(trx, ctx.actor, view, {
      action: result.ok ? 'hidden' : 'hide-failed',
      ruleId: input.ruleId,
      detail: result.ok ? {} : { failure: result.failure },
      summary: result.ok
        ? `Ausgeblendet nach Regel ${input.ruleId}`
        : `Ausblenden nach Regel ${input.ruleId} fehlgeschlagen: ${result.failure}`,
    });
  });
  return reloadItem(ctx.db, id);
}

/**
 * Shows a hidden comment again, with a reason; same order as hiding. When the platform refuses,
 * the item stays hidden, the failure is recorded and the person gets a 502 to retry.
 */
export async function restoreItem(
  ctx: ActionContext,
  deps: VisibilityDeps,
  id: string,
  reason: string,
  appeal: 'granted' | null = null,
): Promise<InboxItem> {
  const view = await visibleItem(ctx.db, ctx.reader, id, 'inbox.moderate');
  if (view.visibility_state === 'visible') {
    throw conflict('Dieser Kommentar ist nicht ausgeblendet.');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await record(trx, ctx.actor, view, {
      action: appeal === 'granted' ? 'appeal-granted' : 'restore',
      ruleId: view.hidden_rule_id,
      reason,
      summary: `Wieder einblenden angefordert (Regel ${view.hidden_rule_id ?? '–'})`,
    });
  });
  // A comment whose hiding failed is still visible on the platform: nothing to undo there.
  const result =
    view.visibility_state === 'hide-failed'
      ? ({ ok: true } as const)
      : await setRemoteVisibility(ctx.db, deps.keys, view, false, deps.timeoutMs);
  await ctx.db.transaction().execute(async (trx) => {
    if (result.ok) {
      await updateItemRow(trx, view.id, {
        visibility_state: 'visible',
        hidden_rule_id: null,
        ...(appeal === null ? {} : { appeal_open: false }),
      });
    }
    await record(trx, ctx.actor, view, {
      action: result.ok ? 'restored' : 'restore-failed',
      ruleId: view.hidden_rule_id,
      detail: result.ok ? {} : { failure: result.failure },
      summary: result.ok
        ? 'Wieder eingeblendet'
        : `Wieder einblenden fehlgeschlagen: ${result.failure}`,
    });
  });
  if (!result.ok) {
    await reloadItem(ctx.db, id);
    throw new AppError(
      'platform_failed',
      'Die Plattform hat den Kommentar nicht wieder eingeblendet. Bitte versuchen Sie es später erneut.',
    );
  }
  return reloadItem(ctx.db, id);
}

function assertAppealable(row: InboxItemRow | InboxItemView): void {
  if (row.visibility_state === 'visible') {
    throw conflict('Ein Widerspruch ist nur gegen ausgeblendete Kommentare möglich.');
  }
}

/** Staff record a writer's appeal that reached the city another way (mail, phone, letter). */
export async function recordAppeal(
  ctx: ActionContext,
  id: string,
  text: string,
): Promise<InboxItem> {
  return change(ctx, id, 'inbox.moderate', async (trx, row) => {
    assertAppealable(row);
    await updateItemRow(trx, row.id, { appeal_open: true });
    await record(trx, ctx.actor, row, {
      action: 'appeal',
      actorKind: 'writer',
      ruleId: row.hidden_rule_id,
      reason: text,
      detail: { recordedBy: ctx.actor.userId, channel: 'staff' },
      summary: `Widerspruch erfasst (Regel ${row.hidden_rule_id ?? '–'})`,
    });
  });
}

export async function decideAppeal(
  ctx: ActionContext,
  deps: VisibilityDeps,
  id: string,
  input: { readonly decision: 'restore' | 'uphold'; readonly reason: string },
): Promise<InboxItem> {
  const view = await visibleItem(ctx.db, ctx.reader, id, 'inbox.moderate');
  if (!view.appeal_open) {
    throw conflict('Zu diesem Eintrag liegt kein offener Widerspruch vor.');
  }
  if (input.decision === 'restore') {
    return restoreItem(ctx, deps, id, input.reason, 'granted');
  }
  return change(ctx, id, 'inbox.moderate', async (trx, row) => {
    await updateItemRow(trx, row.id, { appeal_open: false });
    await record(trx, ctx.actor, row, {
      action: 'appeal-upheld',
      ruleId: row.hidden_rule_id,
      reason: input.reason,
      summary: `Widerspruch zurückgewiesen (Regel ${row.hidden_rule_id ?? '–'})`,
    });
  });
}
