import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { findUserRow } from '../access/users.repository.ts';
import type { Database } from '../database/database.types.ts';
import { recordChange } from './registry.changes.ts';
import { conflict, notFound } from '../errors/errors.ts';
import {
  findPlatformRow,
  insertPlatformRow,
  listPlatformRows,
  updatePlatformRow,
} from './registry.repository.ts';
import type { PlatformRow, PlatformUpdate } from './registry.table.ts';
import type { CreatePlatformInput, Platform, UpdatePlatformInput } from './registry.schema.ts';

export async function toPlatform(db: Kysely<Database>, row: PlatformRow): Promise<Platform> {
  const signer = row.dpia_signed_off_by ? await findUserRow(db, row.dpia_signed_off_by) : undefined;
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    operator: row.operator,
    purposes: row.purposes,
    targetGroups: row.target_groups,
    recipients: row.recipients,
    necessity: row.necessity,
    jointControllership: row.joint_controllership,
    transfers: row.transfers,
    dpia: row.dpia,
    dpiaSignOff:
      row.dpia_signed_off_by !== null && row.dpia_signed_off_at !== null
        ? {
            signedOffBy: row.dpia_signed_off_by,
            signedOffByName: signer?.display_name ?? null,
            signedOffAt: row.dpia_signed_off_at.toISOString(),
          }
        : null,
    storagePeriods: row.storage_periods,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listPlatforms(db: Kysely<Database>): Promise<Platform[]> {
  const rows = await listPlatformRows(db);
  return Promise.all(rows.map((row) => toPlatform(db, row)));
}

export async function getPlatform(
  db: Kysely<Database>,
  by: { id: string } | { key: string },
): Promise<Platform> {
  const row = await findPlatformRow(db, by);
  if (row === undefined) {
    throw notFound('Diese Plattform ist nicht im Register.');
  }
  return toPlatform(db, row);
}

function columnsOf(input: UpdatePlatformInput): PlatformUpdate {
  const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
  return {
    name: input.name,
    operator: json(input.operator),
    purposes: json(input.purposes),
    target_groups: json(input.targetGroups),
    recipients: json(input.recipients),
    necessity: json(input.necessity),
    joint_controllership: json(input.jointControllership),
    transfers: json(input.transfers),
    dpia: json(input.dpia),
    storage_periods: input.storagePeriods,
  };
}

async function afterChange(
  trx: Kysely<Database>,
  actor: Actor,
  row: PlatformRow,
  action: string,
  summary: string,
  now: Date,
): Promise<Platform> {
  const platform = await toPlatform(trx, row);
  await recordChange(
    trx,
    actor,
    {
      revisionType: 'platform',
      auditType: 'platform',
      objectId: row.id,
      snapshot: platform,
      action,
      summary,
    },
    now,
  );
  return platform;
}

export async function createPlatform(
  db: Kysely<Database>,
  actor: Actor,
  input: CreatePlatformInput,
  now: Date = new Date(),
): Promise<Platform> {
  return db.transaction().execute(async (trx) => {
    if ((await findPlatformRow(trx, { key: input.key })) !== undefined) {
      throw conflict('Eine Plattform mit diesem Kürzel gibt es bereits.');
    }
    const columns = columnsOf(input);
    const row = await insertPlatformRow(trx, {
      key: input.key,
      name: input.name,
      operator: JSON.stringify(input.operator),
      purposes: JSON.stringify(input.purposes),
      target_groups: JSON.stringify(input.targetGroups),
      recipients: JSON.stringify(input.recipients),
      necessity: JSON.stringify(input.necessity),
      joint_controllership: JSON.stringify(input.jointControllership),
      transfers: JSON.stringify(input.transfers),
      dpia: JSON.stringify(input.dpia),
      storage_periods: columns.storage_periods ?? null,
      created_at: now,
      updated_at: now,
    });
    return afterChange(trx, actor, row, 'platform.created', `Plattform ${input.key} angelegt`, now);
  });
}

/**
 * Changes a platform's record. A change to the DSFA itself withdraws the dpo's sign-off: what was
 * signed is no longer what is stored.
 */
export async function updatePlatform(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: UpdatePlatformInput,
  now: Date = new Date(),
): Promise<Platform> {
  return db.transaction().execute(async (trx) => {
    const before = await findPlatformRow(trx, { id });
    if (before === undefined) {
      throw notFound('Diese Plattform ist nicht im Register.');
    }
    const dpiaChanged =
      input.dpia !== undefined && JSON.stringify(input.dpia) !== JSON.stringify(before.dpia);
    const patch: PlatformUpdate = {
      ...withoutUndefined(columnsOf(input)),
      updated_at: now,
      ...(dpiaChanged ? { dpia_signed_off_by: null, dpia_signed_off_at: null } : {}),
    };
    const row = await updatePlatformRow(trx, id, patch);
    if (row === undefined) {
      throw notFound();
    }
    const fields = Object.keys(input).sort().join(', ');
    return afterChange(
      trx,
      actor,
      row,
      'platform.updated',
      `Geändert: ${fields || 'nichts'}${dpiaChanged && before.dpia_signed_off_by ? '; DSFA-Freigabe zurückgesetzt' : ''}`,
      now,
    );
  });
}

/** The dpo signs off the DSFA as stored now (Art. 35, concept §11). */
export async function signOffDpia(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  now: Date = new Date(),
): Promise<Platform> {
  return db.transaction().execute(async (trx) => {
    const before = await findPlatformRow(trx, { id });
    if (before === undefined) {
      throw notFound('Diese Plattform ist nicht im Register.');
    }
    if (before.dpia === null) {
      throw conflict('Für diese Plattform ist keine DSFA erfasst.');
    }
    if (actor.userId === null) {
      throw conflict('Eine Freigabe braucht eine angemeldete Person.');
    }
    const row = await updatePlatformRow(trx, id, {
      dpia: JSON.stringify({ ...before.dpia, status: 'signed-off' }),
      dpia_signed_off_by: actor.userId,
      dpia_signed_off_at: now,
      updated_at: now,
    });
    if (row === undefined) {
      throw notFound();
    }
    return afterChange(
      trx,
      actor,
      row,
      'platform.dpia_signed_off',
      `DSFA ${before.dpia.documentRef} Version ${before.dpia.version} freigegeben`,
      now,
    );
  });
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
