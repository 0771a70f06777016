import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { conflict, invalid, notFound } from '../errors/errors.ts';
import {
  deleteRuleRow,
  deleteTermRow,
  findRuleRow,
  insertRuleRow,
  insertTermRow,
  listRuleRows,
  listTermRows,
  nextRulePosition,
  ruleIsCited,
  setRulePosition,
  updateRuleRow,
} from './netiquette.repository.ts';
import type {
  NetiquetteRuleInput,
  NetiquetteRuleUpdate,
  WordListEntryInput,
} from './netiquette.schema.ts';
import type { ModerationTermRow, NetiquetteRuleRow } from './netiquette.table.ts';

/**
 * The Netiquette as communications edits it. Ingestion loads rules and word list per batch
 * (listRuleRows/listTermRows), so a change applies from the next batch on; ids never change.
 */

export interface NetiquetteRuleView {
  readonly id: string;
  readonly position: number;
  readonly title: string;
  readonly text: string;
  readonly titleEn: string;
  readonly textEn: string;
  readonly action: 'flag' | 'hide' | 'escalate';
  readonly updatedAt: string;
}

export interface ModerationTermView {
  readonly id: string;
  readonly term: string;
  readonly kind: 'word' | 'stem' | 'regex';
  readonly ruleId: string;
  readonly weight: number;
  readonly infix: boolean;
}

export function toRuleView(row: NetiquetteRuleRow): NetiquetteRuleView {
  return {
    id: row.id,
    position: row.position,
    title: row.title,
    text: row.text,
    titleEn: row.title_en,
    textEn: row.text_en,
    action: row.action,
    updatedAt: row.updated_at.toISOString(),
  };
}

function toTermView(row: ModerationTermRow): ModerationTermView {
  return {
    id: row.id,
    term: row.term,
    kind: row.kind,
    ruleId: row.rule_id,
    weight: row.weight,
    infix: row.infix,
  };
}

async function audit(
  trx: Kysely<Database>,
  actor: Actor,
  action: string,
  objectType: string,
  objectId: string | null,
  summary: string,
): Promise<void> {
  await recordAudit(trx, actor, { action, objectType, objectId, summary });
}

export async function listRules(db: Kysely<Database>): Promise<NetiquetteRuleView[]> {
  return (await listRuleRows(db)).map(toRuleView);
}

export async function createRule(
  db: Kysely<Database>,
  actor: Actor,
  input: NetiquetteRuleInput,
): Promise<NetiquetteRuleView> {
  return db.transaction().execute(async (trx) => {
    if ((await findRuleRow(trx, input.id)) !== undefined) {
      throw conflict('Eine Regel mit dieser Kennung gibt es bereits.');
    }
    const row = await insertRuleRow(trx, {
      id: input.id,
      position: await nextRulePosition(trx),
      title: input.title,
      text: input.text,
      title_en: input.titleEn,
      text_en: input.textEn,
      action: input.action,
      updated_by: actor.userId,
    });
    await audit(
      trx,
      actor,
      'netiquette.rule.created',
      'netiquette_rule',
      row.id,
      `Regel ${row.id} (${row.action}) angelegt`,
    );
    return toRuleView(row);
  });
}

export async function updateRule(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: NetiquetteRuleUpdate,
): Promise<NetiquetteRuleView> {
  return db.transaction().execute(async (trx) => {
    const row = await updateRuleRow(trx, id, {
      ...(input.title === undefined ? {} : { title: input.title }),
      ...(input.text === undefined ? {} : { text: input.text }),
      ...(input.titleEn === undefined ? {} : { title_en: input.titleEn }),
      ...(input.textEn === undefined ? {} : { text_en: input.textEn }),
      ...(input.action === undefined ? {} : { action: input.action }),
      updated_by: actor.userId,
    });
    if (row === undefined) {
      throw notFound('Diese Regel gibt es nicht.');
    }
    await audit(
      trx,
      actor,
      'netiquette.rule.updated',
      'netiquette_rule',
      id,
      `Regel ${id} geändert (${Object.keys(input).join(', ')})`,
    );
    return toRuleView(row);
  });
}

/** Decisions must stay explainable: a rule cited anywhere cannot be deleted. */
export async function deleteRule(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if ((await findRuleRow(trx, id)) === undefined) {
      throw notFound('Diese Regel gibt es nicht.');
    }
    if (await ruleIsCited(trx, id)) {
      throw conflict(
        'Diese Regel wird von Moderationsentscheidungen oder der Wortliste zitiert und kann nicht gelöscht werden. Sie können ihren Text ändern.',
      );
    }
    await deleteRuleRow(trx, id);
    await audit(
      trx,
      actor,
      'netiquette.rule.deleted',
      'netiquette_rule',
      id,
      `Regel ${id} gelöscht`,
    );
  });
}

export async function orderRules(
  db: Kysely<Database>,
  actor: Actor,
  ids: readonly string[],
): Promise<NetiquetteRuleView[]> {
  return db.transaction().execute(async (trx) => {
    const existing = (await listRuleRows(trx)).map((row) => row.id);
    const same =
      ids.length === existing.length &&
      new Set(ids).size === ids.length &&
      ids.every((id) => existing.includes(id));
    if (!same) {
      throw invalid([
        { path: 'ids', message: 'Bitte geben Sie jede vorhandene Regel genau einmal an.' },
      ]);
    }
    for (const [position, id] of ids.entries()) {
      await setRulePosition(trx, id, position);
    }
    await audit(
      trx,
      actor,
      'netiquette.rules.ordered',
      'netiquette_rule',
      null,
      `Reihenfolge: ${ids.join(', ')}`,
    );
    return (await listRuleRows(trx)).map(toRuleView);
  });
}

export async function listTerms(db: Kysely<Database>): Promise<ModerationTermView[]> {
  return (await listTermRows(db)).map(toTermView);
}

export async function createTerm(
  db: Kysely<Database>,
  actor: Actor,
  input: WordListEntryInput,
): Promise<ModerationTermView> {
  return db.transaction().execute(async (trx) => {
    if ((await findRuleRow(trx, input.ruleId)) === undefined) {
      throw invalid([{ path: 'ruleId', message: 'Diese Netiquette-Regel gibt es nicht.' }]);
    }
    const row = await insertTermRow(trx, {
      term: input.term,
      kind: input.kind,
      rule_id: input.ruleId,
      weight: input.weight,
      infix: input.infix ?? false,
      created_by: actor.userId,
    });
    if (row === undefined) {
      throw conflict('Diesen Eintrag gibt es in der Wortliste bereits.');
    }
    // The term itself is moderation vocabulary, not personal data; still, the audit names ids.
    await audit(
      trx,
      actor,
      'netiquette.term.created',
      'moderation_term',
      row.id,
      `Wortlisten-Eintrag (${row.kind}) für Regel ${row.rule_id} angelegt`,
    );
    return toTermView(row);
  });
}

export async function deleteTerm(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await deleteTermRow(trx, id);
    if (row === undefined) {
      throw notFound('Diesen Wortlisten-Eintrag gibt es nicht.');
    }
    await audit(
      trx,
      actor,
      'netiquette.term.deleted',
      'moderation_term',
      id,
      `Wortlisten-Eintrag für Regel ${row.rule_id} gelöscht`,
    );
  });
}
