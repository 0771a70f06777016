import { randomBytes } from 'node:crypto';

import type { Kysely } from 'kysely';

import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { conflict, invalid, notFound } from '../errors/errors.ts';
import type { OrgUnitRow } from './access.table.ts';
import type { Actor } from './actor.ts';
import {
  findOrgUnitByCode,
  findOrgUnitRow,
  insertOrgUnitRow,
  listOrgUnitRows,
  updateOrgUnitRow,
} from './org-units.repository.ts';
import type { CreateOrgUnitInput, OrgUnit, UpdateOrgUnitInput } from './org-units.schema.ts';

export function toOrgUnit(row: OrgUnitRow): OrgUnit {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    code: row.code,
    kind: row.kind,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listOrgUnits(db: Kysely<Database>): Promise<OrgUnit[]> {
  return (await listOrgUnitRows(db)).map(toOrgUnit);
}

/** The ids from the root down to the unit: what unit-scoped permissions are checked against. */
/** The given units and every unit below them: what a unit-scoped grant covers. */
export async function orgUnitSubtree(
  db: Kysely<Database>,
  roots: readonly string[],
): Promise<string[]> {
  if (roots.length === 0) {
    return [];
  }
  const children = new Map<string, string[]>();
  for (const row of await listOrgUnitRows(db)) {
    if (row.parent_id !== null) {
      children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row.id]);
    }
  }
  const seen = new Set<string>();
  const stack = [...roots];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (!seen.has(id)) {
      seen.add(id);
      stack.push(...(children.get(id) ?? []));
    }
  }
  return [...seen];
}

export async function orgUnitPath(db: Kysely<Database>, id: string): Promise<string[]> {
  const byId = new Map((await listOrgUnitRows(db)).map((row) => [row.id, row]));
  const path: string[] = [];
  let current = byId.get(id);
  while (current !== undefined && !path.includes(current.id)) {
    path.unshift(current.id);
    current = current.parent_id === null ? undefined : byId.get(current.parent_id);
  }
  return path;
}

function codeFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30);
  return `${slug || 'einheit'}-${randomBytes(3).toString('hex')}`;
}

export async function createOrgUnit(
  db: Kysely<Database>,
  actor: Actor,
  input: CreateOrgUnitInput,
  now: Date = new Date(),
): Promise<OrgUnit> {
  return db.transaction().execute(async (trx) => {
    if ((await findOrgUnitRow(trx, input.parentId)) === undefined) {
      throw invalid([{ path: 'parentId', message: 'Diese übergeordnete Einheit gibt es nicht.' }]);
    }
    const code = input.code ?? codeFromName(input.name);
    if ((await findOrgUnitByCode(trx, code)) !== undefined) {
      throw conflict('Dieses Kürzel ist bereits vergeben.');
    }
    const row = await insertOrgUnitRow(trx, {
      parent_id: input.parentId,
      name: input.name,
      code,
      kind: input.kind,
      created_at: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'org_unit.created',
        objectType: 'org_unit',
        objectId: row.id,
        summary: `Organisationseinheit „${row.name}“ (${row.kind}) angelegt`,
      },
      now,
    );
    return toOrgUnit(row);
  });
}

export async function updateOrgUnit(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: UpdateOrgUnitInput,
  now: Date = new Date(),
): Promise<OrgUnit> {
  return db.transaction().execute(async (trx) => {
    const before = await findOrgUnitRow(trx, id);
    if (before === undefined) {
      throw notFound();
    }
    if (input.parentId !== undefined) {
      if (before.parent_id === null) {
        throw conflict('Die Organisation selbst kann nicht verschoben werden.');
      }
      if ((await orgUnitPath(trx, input.parentId)).includes(id)) {
        throw invalid([
          { path: 'parentId', message: 'Eine Einheit kann nicht unter sich selbst stehen.' },
        ]);
      }
      if (input.parentId !== before.parent_id && !(await findOrgUnitRow(trx, input.parentId))) {
        throw invalid([
          { path: 'parentId', message: 'Diese übergeordnete Einheit gibt es nicht.' },
        ]);
      }
    }
    const row = await updateOrgUnitRow(trx, id, { name: input.name, parent_id: input.parentId });
    if (row === undefined) {
      throw notFound();
    }
    const changes = [
      input.name !== undefined && input.name !== before.name ? `umbenannt in „${row.name}“` : null,
      input.parentId !== undefined && input.parentId !== before.parent_id ? 'verschoben' : null,
    ].filter((change): change is string => change !== null);
    await recordAudit(
      trx,
      actor,
      {
        action: 'org_unit.updated',
        objectType: 'org_unit',
        objectId: id,
        summary: changes.join('; ') || 'keine Änderung',
      },
      now,
    );
    return toOrgUnit(row);
  });
}
