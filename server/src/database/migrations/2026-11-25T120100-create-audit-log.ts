import type { Kysely } from 'kysely';

import { runStatements } from '../migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_id uuid,
      actor_role text,
      action text NOT NULL,
      object_type text NOT NULL,
      object_id text,
      summary text NOT NULL,
      correlation_id text,
      prev_hash text NOT NULL,
      hash text NOT NULL UNIQUE
    )`,
    `CREATE INDEX audit_log_at_idx ON audit_log (at)`,
    `CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id)`,
    `CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id)`,
    // Append-only: the application's database role cannot change or remove entries.
    `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END
    $$`,
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
  ]);
}
