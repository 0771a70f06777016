import type { Kysely } from 'kysely';

import { systemActor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { moderate } from '../moderation/moderation.pipeline.ts';
import { textHash } from '../moderation/spam.signals.ts';
import { recentTextHashes } from './ingest.moderation.ts';
import type { ChannelPolicy, ModerationDeps, Verdict } from '../moderation/moderation.pipeline.ts';
import type { RemoteComment } from '../platforms/connector.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { inboxEvents } from './inbox.events.ts';
import type { InboxEvent, InboxEventBus } from './inbox.events.ts';
import type { NewInboxItemRow } from './inbox.table.ts';
import { setRemoteVisibility } from './inbox.visibility.ts';
import {
  findChannelPolicies,
  findExistingItems,
  findItemsDecidedByPerson,
  findOwnPosts,
  insertActionRows,
  insertItemRows,
  insertQuarantineRow,
  updateItemRow,
} from './ingest.repository.ts';
import type { NewActionRow } from './ingest.repository.ts';

/**
 * Ingestion: comments, mentions and direct messages from polling and webhooks become inbox items,
 * deduplicated by (platform, external id), moderated on arrival and on every edit. Only a 'hide'
 * verdict on an 'auto-hide' channel is applied by the system; nothing is ever deleted.
 */

export interface IngestDeps {
  readonly moderation: ModerationDeps;
  readonly keys: readonly EncryptionKey[];
  readonly now: () => Date;
  /** The live list's bus; the process's own unless a test isolates it. */
  readonly events?: InboxEventBus;
  /** Per platform call when hiding automatically. */
  readonly timeoutMs?: number;
  /** Channel policies read once per poll run; looked up per call when absent. */
  readonly policies?: ReadonlyMap<string, ChannelPolicy>;
}

export interface IngestChannel {
  readonly id: string;
  /** The platform key (`facebook`, `mastodon` …): the dedupe namespace of external ids. */
  readonly platform: string;
}

export interface IngestResult {
  created: number;
  edited: number;
  unchanged: number;
  hidden: number;
  hideFailed: number;
  quarantined: number;
}

/** Rows per INSERT: well below PostgreSQL's 65,535 parameters at ~20 columns a row. */
const INSERT_CHUNK = 1000;
const MAX_TEXT_LENGTH = 100_000;

export function emptyResult(): IngestResult {
  return { created: 0, edited: 0, unchanged: 0, hidden: 0, hideFailed: 0, quarantined: 0 };
}

export function addResults(into: IngestResult, add: IngestResult): IngestResult {
  into.created += add.created;
  into.edited += add.edited;
  into.unchanged += add.unchanged;
  into.hidden += add.hidden;
  into.hideFailed += add.hideFailed;
  into.quarantined += add.quarantined;
  return into;
}

/** Why a connector's comment cannot be stored, or null; the reason names fields, never values. */
export function invalidCommentReason(comment: RemoteComment): string | null {
  if (typeof comment.externalId !== 'string' || comment.externalId.trim() === '') {
    return 'Kommentar ohne ID';
  }
  if (typeof comment.text !== 'string' || comment.text.length > MAX_TEXT_LENGTH) {
    return 'Kommentartext fehlt oder ist zu lang';
  }
  if (typeof comment.authorHandle !== 'string' || comment.authorHandle === '') {
    return 'Kommentar ohne Verfasser';
  }
  if (!(comment.createdAt instanceof Date) || Number.isNaN(comment.createdAt.getTime())) {
    return 'Kommentar ohne gültigen Zeitpunkt';
  }
  if (!['comment', 'mention', 'direct-message'].includes(comment.kind)) {
    return 'Unbekannte Art des Eintrags';
  }
  return null;
}

function verdictColumns(verdict: Verdict) {
  return {
    verdict: verdict.outcome,
    verdict_score: verdict.score,
    verdict_rule_id: verdict.ruleId,
    verdict_reasons: JSON.stringify(verdict.reasons),
    personal_data: [...verdict.personalData],
    suggest_private: verdict.suggestPrivateChannel,
  };
}

function visibilityOf(comment: RemoteComment): 'public' | 'private' {
  return comment.kind === 'direct-message' ? 'private' : 'public';
}

interface HideCandidate {
  readonly id: string;
  readonly externalId: string;
  readonly ruleId: string | null;
}

/**
 * Stores one channel's comments (a poll page or a webhook's changes). New ones are inserted in
 * multi-row statements, changed texts count as edits (re-moderated, recorded without the text),
 * unchanged ones are left alone. Unreadable entries go to the quarantine instead of failing the
 * batch. Automatic hiding happens after the commit: a platform call never holds a transaction.
 */
export async function ingestComments(
  db: Kysely<Database>,
  channel: IngestChannel,
  comments: readonly RemoteComment[],
  deps: IngestDeps,
  source: 'poll' | 'webhook' = 'poll',
): Promise<IngestResult> {
  const result = emptyResult();
  const now = deps.now();
  // The same comment twice in one page (or one webhook batch): the later entry wins.
  const byId = new Map<string, RemoteComment>();
  for (const comment of comments) {
    const problem = invalidCommentReason(comment);
    if (problem !== null) {
      await insertQuarantineRow(db, {
        source,
        platform: channel.platform,
        channel_id: channel.id,
        reason: problem,
        payload: { comment },
        received_at: now,
      });
      result.quarantined += 1;
      continue;
    }
    byId.set(comment.externalId, comment);
  }
  if (byId.size === 0) {
    return result;
  }
  const policy: ChannelPolicy =
    deps.policies?.get(channel.id) ??
    (await findChannelPolicies(db, [channel.id])).get(channel.id) ??
    'suggest';
  const hideCandidates: HideCandidate[] = [];
  const events: InboxEvent[] = [];

  await db.transaction().execute(async (trx) => {
    const all = [...byId.values()];
    const existing = new Map(
      (await findExistingItems(trx, channel.platform, [...byId.keys()])).map((row) => [
        row.external_id,
        row,
      ]),
    );
    const posts = await findOwnPosts(trx, channel.id, [
      ...new Set(all.flatMap((c) => (c.postExternalId === null ? [] : [c.postExternalId]))),
    ]);
    const recentHashes = await recentTextHashes(trx, channel.id, now);
    const fresh: NewInboxItemRow[] = [];
    const verdicts = new Map<string, Verdict>();
    const edits: { id: string; comment: RemoteComment; verdict: Verdict; visible: boolean }[] = [];
    for (const comment of all) {
      const known = existing.get(comment.externalId);
      if (known !== undefined && known.text === comment.text) {
        result.unchanged += 1;
        // Webhooks may name the author by id only; the connector's reading is the one kept.
        const renamed =
          known.author_handle !== comment.authorHandle || known.author_name !== comment.authorName;
        if (source === 'poll' && renamed) {
          await updateItemRow(trx, known.id, {
            author_handle: comment.authorHandle,
            author_name: comment.authorName,
          });
        }
        continue;
      }
      const postText =
        comment.postExternalId === null ? undefined : posts.get(comment.postExternalId)?.text;
      const verdict = moderate(
        {
          text: comment.text,
          channelPolicy: policy,
          visibility: visibilityOf(comment),
          recentHashes,
          ...(postText === undefined ? {} : { postText }),
        },
        deps.moderation,
      );
      recentHashes.add(textHash(comment.text));
      if (known !== undefined) {
        edits.push({
          id: known.id,
          comment,
          verdict,
          visible: known.visibility_state !== 'hidden' && known.deleted_upstream_at === null,
        });
        continue;
      }
      verdicts.set(comment.externalId, verdict);
      fresh.push({
        channel_id: channel.id,
        platform: channel.platform,
        external_id: comment.externalId,
        kind: comment.kind,
        visibility: visibilityOf(comment),
        parent_external_id: comment.parentExternalId,
        post_external_id: comment.postExternalId,
        post_id:
          comment.postExternalId === null
            ? null
            : (posts.get(comment.postExternalId)?.postId ?? null),
        author_handle: comment.authorHandle,
        author_name: comment.authorName,
        text: comment.text,
        remote_created_at: comment.createdAt,
        received_at: now,
        edited_at: null,
        deleted_upstream_at: null,
        assignee_id: null,
        org_unit_id: null,
        case_id: null,
        hidden_rule_id: null,
        updated_at: now,
        ...verdictColumns(verdict),
      });
    }

    // One key order for every writer: two batches sharing comments cannot deadlock each other.
    fresh.sort((a, b) =>
      a.external_id < b.external_id ? -1 : a.external_id > b.external_id ? 1 : 0,
    );
    for (let start = 0; start < fresh.length; start += INSERT_CHUNK) {
      const inserted = await insertItemRows(trx, fresh.slice(start, start + INSERT_CHUNK));
      for (const row of inserted) {
        result.created += 1;
        events.push({ type: 'item-created', itemId: row.id, channelId: channel.id });
        const verdict = verdicts.get(row.external_id);
        if (verdict?.autoApply === true) {
          hideCandidates.push({ id: row.id, externalId: row.external_id, ruleId: verdict.ruleId });
        }
      }
    }

    const decided = await findItemsDecidedByPerson(
      trx,
      edits.map((edit) => edit.id),
    );
    const actions: NewActionRow[] = [];
    for (const edit of edits) {
      await updateItemRow(trx, edit.id, {
        text: edit.comment.text,
        edited_at: now,
        updated_at: now,
        ...verdictColumns(edit.verdict),
      });
      result.edited += 1;
      events.push({ type: 'item-updated', itemId: edit.id, channelId: channel.id });
      // The text itself stays out of the record: it is in the item, and it is personal data.
      actions.push({
        item_id: edit.id,
        action: 'edited',
        actor_kind: 'system',
        rule_id: edit.verdict.ruleId,
        reason: null,
        detail: { verdict: edit.verdict.outcome, score: edit.verdict.score },
        created_at: now,
      });
      if (!edit.verdict.autoApply || !edit.visible) {
        continue;
      }
      if (decided.has(edit.id)) {
        // A person's decision (a restore above all) is not overruled by the machine.
        actions.push({
          item_id: edit.id,
          action: 'auto-hide-skipped',
          actor_kind: 'system',
          rule_id: edit.verdict.ruleId,
          reason: 'Eine Person hat über diesen Eintrag bereits entschieden.',
          detail: { cause: 'person-decided' },
          created_at: now,
        });
        continue;
      }
      hideCandidates.push({
        id: edit.id,
        externalId: edit.comment.externalId,
        ruleId: edit.verdict.ruleId,
      });
    }
    await insertActionRows(trx, actions);
  });

  for (const candidate of hideCandidates) {
    const hidden = await autoHide(db, channel, candidate, deps);
    if (hidden) {
      result.hidden += 1;
    } else {
      result.hideFailed += 1;
    }
    events.push({ type: 'item-updated', itemId: candidate.id, channelId: channel.id });
  }
  publishAll(deps.events ?? inboxEvents, events);
  return result;
}

/** Hides one comment at its platform and records what happened; true when it is hidden. */
async function autoHide(
  db: Kysely<Database>,
  channel: IngestChannel,
  candidate: HideCandidate,
  deps: IngestDeps,
): Promise<boolean> {
  const outcome = await setRemoteVisibility(
    db,
    deps.keys,
    { channel_id: channel.id, external_id: candidate.externalId },
    true,
    deps.timeoutMs,
  );
  const at = deps.now();
  await db.transaction().execute(async (trx) => {
    await updateItemRow(trx, candidate.id, {
      visibility_state: outcome.ok ? 'hidden' : 'hide-failed',
      hidden_rule_id: outcome.ok ? candidate.ruleId : null,
      updated_at: at,
    });
    await insertActionRows(trx, [
      {
        item_id: candidate.id,
        action: 'hide',
        actor_kind: 'system',
        rule_id: candidate.ruleId,
        reason: 'Automatisch ausgeblendet (Kanal mit automatischem Ausblenden).',
        detail: outcome.ok ? { result: 'hidden' } : { result: 'failed', failure: outcome.failure },
        created_at: at,
      },
    ]);
    await recordAudit(
      trx,
      systemActor(),
      {
        action: outcome.ok ? 'inbox.auto_hidden' : 'inbox.auto_hide_failed',
        objectType: 'inbox_item',
        objectId: candidate.id,
        summary: outcome.ok
          ? `Kommentar automatisch ausgeblendet (Regel: ${candidate.ruleId ?? '–'})`
          : `Automatisches Ausblenden fehlgeschlagen (${outcome.failure})`,
      },
      at,
    );
  });
  return outcome.ok;
}

/** Events go out after the commit, so a listener reloads what is stored. */
export function publishAll(bus: InboxEventBus, events: readonly InboxEvent[]): void {
  for (const event of events) {
    bus.publish(event);
  }
}
