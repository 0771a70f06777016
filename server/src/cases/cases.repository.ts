import { sql } from 'kysely';
import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { BlindIndexEntry } from './cases.crypto.ts';
import type {
  CaseAttachmentRow,
  CaseEventRow,
  CaseRow,
  CaseSettingsRow,
  CaseStatus,
  CaseUpdate,
  NewCaseRow,
} from './cases.table.ts';

/** Who sees which cases: everyone (central roles) or a unit subtree plus cases assigned to them. */
export type CaseScope = 'all' | { readonly orgUnitIds: readonly string[]; readonly userId: string };

export interface CaseFilter {
  readonly status?: CaseStatus | undefined;
  readonly category?: string | undefined;
  readonly legalBasis?: string | undefined;
  readonly orgUnitId?: string | undefined;
  readonly assigneeId?: string | undefined;
  readonly onHold?: boolean | undefined;
  /** The end of the day (exclusive) by which deletion is due. */
  readonly deleteBefore?: Date | undefined;
  /** Case ids found through the blind index; an empty list finds nothing. */
  readonly ids?: readonly string[] | undefined;
  readonly limit: number;
  readonly offset: number;
}

export async function findCaseSettingsRow(db: Kysely<Database>): Promise<CaseSettingsRow> {
  return db.selectFrom('case_settings').selectAll().executeTakeFirstOrThrow();
}

export async function updateCaseSettingsRow(
  db: Kysely<Database>,
  update: {
    default_retention_months?: number;
    categories?: string;
    extra_legal_bases?: string;
    privacy_notice_url?: string | null;
    last_sweep_at?: Date;
    last_sweep?: string;
    updated_by?: string | null;
    updated_at?: Date;
  },
): Promise<void> {
  await db.updateTable('case_settings').set(update).execute();
}

export async function insertCaseRow(db: Kysely<Database>, row: NewCaseRow): Promise<CaseRow> {
  return db.insertInto('cases').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findCaseRow(
  db: Kysely<Database>,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CaseRow | undefined> {
  const query = db.selectFrom('cases').selectAll().where('id', '=', id);
  return (options.forUpdate === true ? query.forUpdate() : query).executeTakeFirst();
}

export async function updateCaseRow(
  db: Kysely<Database>,
  id: string,
  update: CaseUpdate,
): Promise<CaseRow> {
  return db
    .updateTable('cases')
    .set(update)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function replaceBlindIndexRows(
  db: Kysely<Database>,
  caseId: string,
  entries: readonly BlindIndexEntry[],
): Promise<void> {
  await db.deleteFrom('case_blind_indexes').where('case_id', '=', caseId).execute();
  if (entries.length > 0) {
    await db
      .insertInto('case_blind_indexes')
      .values(entries.map((e) => ({ case_id: caseId, kind: e.kind, digest: e.digest })))
      .execute();
  }
}

export async function caseIdsByDigests(
  db: Kysely<Database>,
  entries: readonly BlindIndexEntry[],
): Promise<string[]> {
  if (entries.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('case_blind_indexes')
    .select('case_id')
    .distinct()
    .where((eb) =>
      eb.or(entries.map((e) => eb.and([eb('digest', '=', e.digest), eb('kind', '=', e.kind)]))),
    )
    .limit(1000)
    .execute();
  return rows.map((row) => row.case_id);
}

export async function listCaseRows(
  db: Kysely<Database>,
  scope: CaseScope,
  filter: CaseFilter,
): Promise<CaseRow[]> {
  let query = db.selectFrom('cases').selectAll();
  if (scope !== 'all') {
    query = query.where((eb) =>
      eb.or([
        eb('assignee_id', '=', scope.userId),
        ...(scope.orgUnitIds.length > 0 ? [eb('org_unit_id', 'in', [...scope.orgUnitIds])] : []),
      ]),
    );
  }
  if (filter.ids !== undefined) {
    if (filter.ids.length === 0) {
      return [];
    }
    query = query.where('id', 'in', [...filter.ids]);
  }
  if (filter.status !== undefined) {
    query = query.where('status', '=', filter.status);
  }
  if (filter.category !== undefined) {
    query = query.where('category', '=', filter.category);
  }
  if (filter.legalBasis !== undefined) {
    query = query.where('legal_basis', '=', filter.legalBasis);
  }
  if (filter.orgUnitId !== undefined) {
    query = query.where('org_unit_id', '=', filter.orgUnitId);
  }
  if (filter.assigneeId !== undefined) {
    query = query.where('assignee_id', '=', filter.assigneeId);
  }
  if (filter.onHold !== undefined) {
    query = query.where('hold_kind', filter.onHold ? 'is not' : 'is', null);
  }
  if (filter.deleteBefore !== undefined) {
    query = query.where('delete_after', '<', filter.deleteBefore);
  }
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function insertCaseEventRow(
  db: Kysely<Database>,
  row: {
    id?: string;
    case_id: string;
    kind: CaseEventRow['kind'];
    body?: string | null;
    detail?: Record<string, string | number | boolean | null> | null;
    author_id: string | null;
    created_at: Date;
  },
): Promise<CaseEventRow> {
  return db
    .insertInto('case_events')
    .values({
      ...row,
      body: row.body ?? null,
      detail:
        row.detail === undefined || row.detail === null ? undefined : JSON.stringify(row.detail),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listCaseEventRows(
  db: Kysely<Database>,
  caseId: string,
): Promise<CaseEventRow[]> {
  return db
    .selectFrom('case_events')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function countReplies(db: Kysely<Database>, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('case_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('case_id', '=', caseId)
    .where('kind', '=', 'reply')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertCaseAttachmentRow(
  db: Kysely<Database>,
  row: {
    id: string;
    case_id: string;
    storage_key: string;
    name: string;
    mime_type: string;
    byte_size: number;
    key_id: string;
    created_by: string | null;
    created_at: Date;
  },
): Promise<CaseAttachmentRow> {
  return db.insertInto('case_attachments').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listCaseAttachmentRows(
  db: Kysely<Database>,
  caseId: string,
): Promise<CaseAttachmentRow[]> {
  return db
    .selectFrom('case_attachments')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
}

export async function findCaseAttachmentRow(
  db: Kysely<Database>,
  caseId: string,
  id: string,
): Promise<CaseAttachmentRow | undefined> {
  return db
    .selectFrom('case_attachments')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .executeTakeFirst();
}

// ---- inbox links ---------------------------------------------------------------------------

export async function mergeCaseEventDetail(
  db: Kysely<Database>,
  id: string,
  detail: Record<string, string | number | boolean | null>,
): Promise<void> {
  const current = await db
    .selectFrom('case_events')
    .select('detail')
    .where('id', '=', id)
    .executeTakeFirst();
  await db
    .updateTable('case_events')
    .set({ detail: JSON.stringify({ ...(current?.detail ?? {}), ...detail }) })
    .where('id', '=', id)
    .execute();
}

/** For the key rotation: a page of cases by id, with every sealed column. */
export async function listCasePage(
  db: Kysely<Database>,
  afterId: string | null,
  limit: number,
): Promise<CaseRow[]> {
  let query = db.selectFrom('cases').selectAll();
  if (afterId !== null) {
    query = query.where('id', '>', afterId);
  }
  return query.orderBy('id').limit(limit).forUpdate().execute();
}

export async function listSealedEventsOf(
  db: Kysely<Database>,
  caseIds: readonly string[],
): Promise<{ id: string; body: string }[]> {
  if (caseIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('case_events')
    .select(['id', 'body'])
    .where('case_id', 'in', [...caseIds])
    .where('body', 'is not', null)
    .execute();
  return rows.map((row) => ({ id: row.id, body: row.body ?? '' }));
}

export async function listAttachmentsOf(
  db: Kysely<Database>,
  caseIds: readonly string[],
): Promise<CaseAttachmentRow[]> {
  if (caseIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('case_attachments')
    .selectAll()
    .where('case_id', 'in', [...caseIds])
    .execute();
}

export async function updateEventBody(db: Kysely<Database>, id: string, body: string) {
  await db.updateTable('case_events').set({ body }).where('id', '=', id).execute();
}

export async function updateAttachmentSealing(
  db: Kysely<Database>,
  id: string,
  update: { name: string; key_id: string },
) {
  await db.updateTable('case_attachments').set(update).where('id', '=', id).execute();
}

/** After a category's retention changed: the stored deadline follows, in one statement. */
export async function recomputeCategoryDeadlines(
  db: Kysely<Database>,
  category: string | null,
  months: number,
  exceptCategories: readonly string[],
): Promise<void> {
  let query = db
    .updateTable('cases')
    .set({
      delete_after: sql<Date>`((closed_at AT TIME ZONE 'UTC') + make_interval(months => ${months})) AT TIME ZONE 'UTC'`,
    })
    .where('status', '=', 'closed')
    .where('hold_kind', 'is', null)
    .where('closed_at', 'is not', null);
  if (category !== null) {
    query = query.where('category', '=', category);
  }
  if (exceptCategories.length > 0) {
    query = query.where('category', 'not in', [...exceptCategories]);
  }
  await query.execute();
}
