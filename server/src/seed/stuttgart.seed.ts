import type { Kysely } from 'kysely';

import { systemActor } from '../access/actor.ts';
import { countOrgUnits, insertOrgUnitRow } from '../access/org-units.repository.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import type { OrgUnitKind } from '../shared/enum.ts';

interface SeedUnit {
  readonly code: string;
  readonly name: string;
  readonly kind: OrgUnitKind;
  readonly children?: readonly SeedUnit[];
}

/** Stuttgart's structure as the Social-Media-Konzept §3 describes it, plus channel-owning offices. */
export const STUTTGART: SeedUnit = {
  code: 'LHS',
  name: 'Landeshauptstadt Stuttgart',
  kind: 'organisation',
  children: [
    {
      code: 'KOM',
      name: 'Abteilung Kommunikation',
      kind: 'department',
      children: [{ code: 'OT', name: 'Online-Team', kind: 'team' }],
    },
    { code: 'AMT10', name: 'Haupt- und Personalamt', kind: 'office' },
    { code: 'AMT32', name: 'Amt für öffentliche Ordnung', kind: 'office' },
    { code: 'AMT36', name: 'Amt für Umweltschutz', kind: 'office' },
    { code: 'AMT37', name: 'Branddirektion', kind: 'office' },
    { code: 'AMT41', name: 'Kulturamt', kind: 'office' },
    { code: 'AMT51', name: 'Jugendamt', kind: 'office' },
    { code: 'AMT61', name: 'Amt für Stadtplanung und Wohnen', kind: 'office' },
    { code: 'AMT66', name: 'Tiefbauamt', kind: 'office' },
  ],
};

/** Seeds the organisation into an empty database; does nothing once any unit exists. */
export async function seedOrganisation(
  db: Kysely<Database>,
  root: SeedUnit = STUTTGART,
  now: Date = new Date(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if ((await countOrgUnits(trx)) > 0) {
      return false;
    }
    const insert = async (unit: SeedUnit, parentId: string | null): Promise<void> => {
      const row = await insertOrgUnitRow(trx, {
        parent_id: parentId,
        name: unit.name,
        code: unit.code,
        kind: unit.kind,
        created_at: now,
      });
      for (const child of unit.children ?? []) {
        await insert(child, row.id);
      }
    };
    await insert(root, null);
    await recordAudit(
      trx,
      systemActor(),
      {
        action: 'setup.organisation_seeded',
        objectType: 'org_unit',
        objectId: null,
        summary: `Organisation „${root.name}“ mit Einheiten angelegt`,
      },
      now,
    );
    return true;
  });
}
