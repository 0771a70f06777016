import type { Kysely } from 'kysely';

import { findUserRow } from '../access/users.repository.ts';
import { channelConnector } from '../connections/connections.target.ts';
import type { Database } from '../database/database.types.ts';
import { conflict } from '../errors/errors.ts';
import { PlatformError } from '../platforms/connector.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { assertNotDeleted, record } from './inbox.actions.ts';
import type { ActionContext } from './inbox.actions.ts';
import { insertNoteRow, insertReplyRow } from './inbox.repository.ts';
import type { InboxNote, InboxReply } from './inbox.schema.ts';
import { canReply, reloadItem, visibleItem } from './inbox.service.ts';

/** Internal notes and replies on the platform (`inbox.reply`: editors too, in their units). */

async function authorOf(
  db: Kysely<Database>,
  id: string | null,
): Promise<{ id: string; name: string } | null> {
  return id === null ? null : { id, name: (await findUserRow(db, id))?.display_name ?? '' };
}

export async function addNote(ctx: ActionContext, id: string, text: string): Promise<InboxNote> {
  await visibleItem(ctx.db, ctx.reader, id, 'inbox.reply');
  const note = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertNoteRow(trx, { itemId: id, authorId: ctx.actor.userId, text });
    await record(
      trx,
      ctx.actor,
      { id },
      {
        action: 'note',
        detail: { noteId: inserted.id },
        summary: `Interne Notiz ${inserted.id}`,
      },
    );
    return inserted;
  });
  await reloadItem(ctx.db, id);
  return {
    id: note.id,
    author: await authorOf(ctx.db, note.author_id),
    text: note.text,
    createdAt: note.created_at.toISOString(),
  };
}

/**
 * Answers on the platform, within its capabilities; a platform failure is stored as a failed
 * reply with its failure kind (never the platform's message) and shown, not thrown.
 */
export async function replyToItem(
  ctx: ActionContext,
  keys: readonly EncryptionKey[],
  id: string,
  text: string,
): Promise<InboxReply> {
  const view = await visibleItem(ctx.db, ctx.reader, id, 'inbox.reply');
  assertNotDeleted(view);
  if (!canReply(view.platform, view.kind)) {
    throw conflict(
      view.kind === 'direct-message'
        ? 'Auf Direktnachrichten kann Stadtfunk auf dieser Plattform nicht antworten. Bitte antworten Sie direkt auf der Plattform.'
        : 'Auf dieser Plattform kann Stadtfunk nicht antworten. Bitte antworten Sie direkt auf der Plattform.',
    );
  }
  const { connector, auth } = await channelConnector(ctx.db, view.channel_id, keys);
  if (connector.reply === undefined) {
    throw conflict('Auf dieser Plattform kann Stadtfunk nicht antworten.');
  }
  let outcome: { state: 'sent'; externalId: string } | { state: 'failed'; failure: string };
  try {
    const sent = await connector.reply(auth, view.external_id, text);
    outcome = { state: 'sent', externalId: sent.externalId };
  } catch (error) {
    if (!(error instanceof PlatformError)) {
      throw error;
    }
    outcome = { state: 'failed', failure: error.failure.kind };
  }
  const reply = await ctx.db.transaction().execute(async (trx) => {
    const row = await insertReplyRow(trx, {
      itemId: id,
      text,
      state: outcome.state,
      externalId: outcome.state === 'sent' ? outcome.externalId : null,
      failure: outcome.state === 'failed' ? outcome.failure : null,
      authorId: ctx.actor.userId,
    });
    await record(
      trx,
      ctx.actor,
      { id },
      {
        action: outcome.state === 'sent' ? 'reply' : 'reply-failed',
        detail: {
          replyId: row.id,
          ...(outcome.state === 'failed' ? { failure: outcome.failure } : {}),
        },
        summary:
          outcome.state === 'sent'
            ? `Antwort ${row.id} gesendet`
            : `Antwort ${row.id} fehlgeschlagen: ${outcome.failure}`,
      },
    );
    return row;
  });
  await reloadItem(ctx.db, id);
  return {
    id: reply.id,
    text: reply.text,
    state: reply.state,
    failure: reply.failure,
    author: await authorOf(ctx.db, reply.author_id),
    createdAt: reply.created_at.toISOString(),
  };
}
