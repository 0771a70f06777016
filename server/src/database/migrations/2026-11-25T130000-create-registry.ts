import type { Kysely } from 'kysely';

import { runStatements } from '../migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // One row: the controller's details and the concept's review cycle.
    `CREATE TABLE organisation_profile (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      profile jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE platforms (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL UNIQUE,
      name text NOT NULL,
      operator jsonb NOT NULL,
      purposes jsonb NOT NULL,
      target_groups jsonb NOT NULL,
      recipients jsonb NOT NULL,
      necessity jsonb NOT NULL,
      joint_controllership jsonb,
      transfers jsonb NOT NULL,
      dpia jsonb,
      dpia_signed_off_by uuid REFERENCES users(id) ON DELETE SET NULL,
      dpia_signed_off_at timestamptz,
      storage_periods text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE channels (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      platform_id uuid NOT NULL REFERENCES platforms(id),
      name text NOT NULL,
      handle text NOT NULL,
      url text NOT NULL,
      org_unit_id uuid NOT NULL REFERENCES org_units(id),
      responsible_user_ids uuid[] NOT NULL DEFAULT '{}',
      goals text[] NOT NULL,
      status text NOT NULL CHECK (status IN ('planned', 'active', 'paused', 'retired')),
      self_publishing boolean NOT NULL DEFAULT false,
      profile_notice jsonb,
      credentials_encrypted text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (platform_id, handle)
    )`,
    `CREATE INDEX channels_org_unit_idx ON channels (org_unit_id)`,
    // Change history of registry records: a snapshot after each change, newest last.
    `CREATE TABLE registry_revisions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      object_type text NOT NULL,
      object_id text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      snapshot jsonb NOT NULL
    )`,
    `CREATE INDEX registry_revisions_object_idx ON registry_revisions (object_type, object_id, id)`,
  ]);
}
