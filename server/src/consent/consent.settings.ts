import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { WIDGET_SERVICE_IDS } from './consent.schema.ts';
import type { ConsentSettings, ConsentSettingsInput, WidgetServiceId } from './consent.schema.ts';
import type { ConsentSettingsRow } from './consent.table.ts';

const isServiceId = (id: string): id is WidgetServiceId =>
  (WIDGET_SERVICE_IDS as readonly string[]).includes(id);

function toSettings(row: ConsentSettingsRow): ConsentSettings {
  return {
    services: row.services.filter(isServiceId),
    matomo:
      row.matomo_url !== null && row.matomo_site_id !== null
        ? { url: row.matomo_url, siteId: row.matomo_site_id, mode: row.matomo_mode }
        : null,
    proofRetentionDays: row.proof_retention_days,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The migration inserts the one row, so it always exists. */
export async function getConsentSettings(db: Kysely<Database>): Promise<ConsentSettings> {
  const row = await db.selectFrom('consent_settings').selectAll().executeTakeFirstOrThrow();
  return toSettings(row);
}

export async function saveConsentSettings(
  db: Kysely<Database>,
  actor: Actor,
  input: ConsentSettingsInput,
  now: Date = new Date(),
): Promise<ConsentSettings> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('consent_settings')
      .set({
        // Stored in the widget's order, so the config (and its version) does not depend on input order.
        services: WIDGET_SERVICE_IDS.filter((id) => input.services.includes(id)),
        matomo_url: input.matomo?.url ?? null,
        matomo_site_id: input.matomo?.siteId ?? null,
        matomo_mode: input.matomo?.mode ?? 'consent',
        proof_retention_days: input.proofRetentionDays,
        updated_by: actor.userId,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      actor,
      {
        action: 'consent.settings-updated',
        objectType: 'consent-settings',
        objectId: null,
        summary: `Datenschutz-Einstellungen der Website geändert (${input.services.length} Dienste, Statistik ${input.matomo ? 'an' : 'aus'}, Nachweise ${input.proofRetentionDays} Tage)`,
      },
      now,
    );
    return toSettings(row);
  });
}
