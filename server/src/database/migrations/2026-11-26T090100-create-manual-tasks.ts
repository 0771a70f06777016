import type { Kysely } from 'kysely';

import { runStatements } from '../migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // Manual channels (Xing): a person publishes the prepared text and records the URL.
    `CREATE TABLE manual_tasks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel_id uuid NOT NULL REFERENCES channels(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
      media_notes jsonb NOT NULL DEFAULT '[]',
      due_at timestamptz NOT NULL,
      source jsonb,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
      published_url text,
      completed_at timestamptz,
      completed_by uuid REFERENCES users(id),
      cancelled_reason text,
      reminder_count integer NOT NULL DEFAULT 0,
      last_reminded_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'done') = (published_url IS NOT NULL AND completed_at IS NOT NULL)),
      CHECK ((status = 'cancelled') = (cancelled_reason IS NOT NULL))
    )`,
    // The reminder job looks for open tasks by due time.
    `CREATE INDEX manual_tasks_status_due_idx ON manual_tasks (status, due_at)`,
    `CREATE INDEX manual_tasks_channel_idx ON manual_tasks (channel_id, status)`,
  ]);
}
