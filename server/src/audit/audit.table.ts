import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export interface AuditLogTable {
  /** Sequence number; gaps reveal deleted rows. */
  id: Generated<string>;
  at: ColumnType<Date, Date, never>;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  summary: string;
  correlation_id: string | null;
  prev_hash: string;
  hash: string;
}

export type AuditRow = Selectable<AuditLogTable>;
export type NewAuditRow = Insertable<AuditLogTable>;
