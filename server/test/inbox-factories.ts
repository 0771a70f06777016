import { randomBytes } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { Database } from '../src/database/database.types.ts';
import type { InboxItemRow, NewInboxItemRow } from '../src/inbox/inbox.table.ts';

/**
 * One inbox item straight into the table (no ingestion, no moderation): tests set the verdict
 * and state they need. `channel_id` is required; everything else has a plain default.
 */
export async function insertInboxItem(
  db: Kysely<Database>,
  overrides: Partial<NewInboxItemRow> & { channel_id: string },
): Promise<InboxItemRow> {
  const suffix = randomBytes(6).toString('hex');
  return db
    .insertInto('inbox_items')
    .values({
      platform: 'facebook',
      external_id: `c-${suffix}`,
      kind: 'comment',
      visibility: 'public',
      parent_external_id: null,
      post_external_id: null,
      post_id: null,
      author_handle: `@buerger_${suffix}`,
      author_name: 'Erika Beispiel',
      text: 'Wann wird die Baustelle in der Königstraße fertig?',
      remote_created_at: new Date(),
      edited_at: null,
      deleted_upstream_at: null,
      assignee_id: null,
      org_unit_id: null,
      verdict: 'ok',
      verdict_score: 0,
      verdict_rule_id: null,
      hidden_rule_id: null,
      case_id: null,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
