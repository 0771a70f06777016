import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { conflict, notFound } from '../errors/errors.ts';
import { DEFAULT_CANNED_ANSWERS } from './canned.data.ts';
import {
  countCannedRows,
  deleteCannedRow,
  findCannedByTitle,
  insertCannedRow,
  listCannedRows,
  updateCannedRow,
} from './canned.repository.ts';
import type { CannedAnswer, CannedAnswerInput } from './inbox.schema.ts';
import type { CannedAnswerRow } from './inbox.table.ts';

const TAKEN = 'Eine Textvorlage mit diesem Titel gibt es bereits.';
const MISSING = 'Diese Textvorlage gibt es nicht.';

function toCanned(row: CannedAnswerRow): CannedAnswer {
  return { id: row.id, title: row.title, text: row.text, language: row.language };
}

export async function listCannedAnswers(db: Kysely<Database>): Promise<CannedAnswer[]> {
  return (await listCannedRows(db)).map(toCanned);
}

export async function createCannedAnswer(
  db: Kysely<Database>,
  actor: Actor,
  input: CannedAnswerInput,
): Promise<CannedAnswer> {
  return db.transaction().execute(async (trx) => {
    const row = await insertCannedRow(trx, { ...input, updatedBy: actor.userId });
    if (row === undefined) {
      throw conflict(TAKEN);
    }
    await recordAudit(trx, actor, {
      action: 'inbox.canned.created',
      objectType: 'canned_answer',
      objectId: row.id,
      summary: `Textvorlage ${row.id} angelegt`,
    });
    return toCanned(row);
  });
}

export async function updateCannedAnswer(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: CannedAnswerInput,
): Promise<CannedAnswer> {
  return db.transaction().execute(async (trx) => {
    const clash = await findCannedByTitle(trx, input.title);
    if (clash !== undefined && clash.id !== id) {
      throw conflict(TAKEN);
    }
    const row = await updateCannedRow(trx, id, { ...input, updatedBy: actor.userId });
    if (row === undefined) {
      throw notFound(MISSING);
    }
    await recordAudit(trx, actor, {
      action: 'inbox.canned.updated',
      objectType: 'canned_answer',
      objectId: id,
      summary: `Textvorlage ${id} geändert`,
    });
    return toCanned(row);
  });
}

export async function deleteCannedAnswer(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await deleteCannedRow(trx, id))) {
      throw notFound(MISSING);
    }
    await recordAudit(trx, actor, {
      action: 'inbox.canned.deleted',
      objectType: 'canned_answer',
      objectId: id,
      summary: `Textvorlage ${id} gelöscht`,
    });
  });
}

/** Seeds the default answers once, into an empty table; edits are never overwritten. */
export async function seedCannedAnswers(db: Kysely<Database>): Promise<boolean> {
  if ((await countCannedRows(db)) > 0) {
    return false;
  }
  for (const answer of DEFAULT_CANNED_ANSWERS) {
    await insertCannedRow(db, { ...answer, updatedBy: null });
  }
  return true;
}
