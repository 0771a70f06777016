import type { Kysely } from 'kysely';

import { systemActor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { notifyRole } from '../notifications/notifications.service.ts';
import { inboxEvents } from './inbox.events.ts';
import { insertActionRow, listHiddenItemsOfAuthor, updateItemRow } from './inbox.repository.ts';

/** What a writer sends through the public form on /netiquette (no login). */
export interface PublicAppeal {
  readonly platform: string;
  readonly handle: string;
  /** A link to the comment, or an approximate date (YYYY-MM-DD), or empty. */
  readonly reference: string;
  readonly message: string;
}

/** A date in the reference narrows the match to comments written around then. */
const DATE_WINDOW_MS = 4 * 24 * 3600 * 1000;

function handleVariants(handle: string): string[] {
  const bare = handle.trim().replace(/^@+/, '');
  const variants = [bare, `@${bare}`, bare.toLowerCase(), `@${bare.toLowerCase()}`];
  return [...new Set(variants.filter((value) => value.length > 1))];
}

function referencedDate(reference: string): Date | undefined {
  const match = /(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(reference);
  if (match === null) {
    return undefined;
  }
  const [year, month, day] =
    match[1] !== undefined ? [match[1], match[2], match[3]] : [match[6], match[5], match[4]];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), 12));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Marks the writer's hidden comments on that platform as appealed (narrowed by a link holding a
 * comment id, or by a date), records the appeal as the writer's, and tells communications.
 * Returns the number of items only for tests: the public answer never depends on it.
 */
export async function submitPublicAppeal(
  db: Kysely<Database>,
  appeal: PublicAppeal,
  correlationId: string | null,
  now: Date = new Date(),
): Promise<number> {
  const candidates = await listHiddenItemsOfAuthor(
    db,
    appeal.platform,
    handleVariants(appeal.handle),
  );
  const reference = appeal.reference.trim();
  const byLink = candidates.filter(
    (item) => reference !== '' && reference.includes(item.external_id),
  );
  const date = referencedDate(reference);
  const byDate =
    date === undefined
      ? []
      : candidates.filter(
          (item) => Math.abs(item.remote_created_at.getTime() - date.getTime()) <= DATE_WINDOW_MS,
        );
  const matched = byLink.length > 0 ? byLink : byDate.length > 0 ? byDate : candidates;
  if (matched.length === 0) {
    return 0;
  }
  const actor = systemActor(correlationId);
  await db.transaction().execute(async (trx) => {
    for (const item of matched) {
      await updateItemRow(trx, item.id, { appeal_open: true, status: 'open' });
      await insertActionRow(trx, {
        itemId: item.id,
        action: 'appeal',
        actorKind: 'writer',
        actorId: null,
        ruleId: item.hidden_rule_id,
        reason: appeal.message,
        detail: { channel: 'form' },
      });
      await recordAudit(
        trx,
        actor,
        {
          action: 'inbox.item.appeal',
          objectType: 'inbox_item',
          objectId: item.id,
          summary: `Widerspruch über das Netiquette-Formular (Regel ${item.hidden_rule_id ?? '–'})`,
        },
        now,
      );
    }
    const first = matched[0];
    await notifyRole(
      trx,
      'communications',
      {
        kind: 'inbox.appeal',
        title: 'Neuer Widerspruch gegen eine Moderationsentscheidung',
        body:
          matched.length === 1
            ? 'Über das Netiquette-Formular ist ein Widerspruch gegen einen ausgeblendeten Kommentar eingegangen. Bitte prüfen Sie ihn im Posteingang.'
            : `Über das Netiquette-Formular ist ein Widerspruch eingegangen, der ${matched.length} ausgeblendete Kommentare betrifft. Bitte prüfen Sie sie im Posteingang.`,
        link: first === undefined ? null : `/posteingang/${first.id}`,
        dedupeKey: null,
      },
      now,
    );
  });
  for (const item of matched) {
    inboxEvents.publish({ type: 'item-updated', itemId: item.id, channelId: item.channel_id });
  }
  return matched.length;
}
