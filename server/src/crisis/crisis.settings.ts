import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { conflict, invalid } from '../errors/errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import {
  resumePublishing,
  suspendPublishing,
  getSuspension,
} from '../publishing/suspension.service.ts';
import type { CityArea } from './area.filter.ts';
import type { CrisisSettings, CrisisSettingsInput, CrisisStatus } from './crisis.schema.ts';
import { findSettingsRow, updateSettingsRow } from './crisis.repository.ts';
import type { CrisisSettingsRow } from './crisis.table.ts';
import type { IngestSettings } from './incidents.service.ts';

/** Platforms that go first in a crisis (concept §2, §10): fast, public, no algorithmic delay. */
export const FIRST_PLATFORMS = ['x', 'mastodon'] as const;

function toSettings(row: CrisisSettingsRow): CrisisSettings {
  return {
    ars: row.ars,
    warnCellIds: row.warn_cell_ids,
    outline: row.outline,
    senderId: row.sender_id,
    senderName: row.sender_name,
    channelOrder: row.channel_order,
    alertWebhookUrl: row.alert_webhook_url,
    approvalStallMinutes: row.approval_stall_minutes,
    legalBasis: row.legal_basis,
    legalNorm: row.legal_norm,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function getCrisisSettings(db: Kysely<Database>): Promise<CrisisSettings> {
  return toSettings(await findSettingsRow(db));
}

export function cityAreaOf(settings: CrisisSettings): CityArea {
  return {
    ars: settings.ars,
    warnCellIds: settings.warnCellIds,
    outline: settings.outline ?? undefined,
  };
}

export function ingestSettingsOf(settings: CrisisSettings): IngestSettings {
  return {
    area: cityAreaOf(settings),
    legalBasis: settings.legalBasis,
    legalNorm: settings.legalNorm,
  };
}

export async function saveCrisisSettings(
  db: Kysely<Database>,
  actor: Actor,
  input: CrisisSettingsInput,
  now: Date = new Date(),
): Promise<CrisisSettings> {
  const channels =
    input.channelOrder.length === 0
      ? []
      : await db
          .selectFrom('channels')
          .select('id')
          .where('id', 'in', input.channelOrder)
          .execute();
  if (channels.length !== new Set(input.channelOrder).size) {
    throw invalid([{ path: 'channelOrder', message: 'Ein ausgewählter Kanal existiert nicht.' }]);
  }
  return db.transaction().execute(async (trx) => {
    const row = await updateSettingsRow(trx, {
      ars: input.ars,
      warn_cell_ids: input.warnCellIds,
      outline: JSON.stringify(input.outline),
      sender_id: input.senderId,
      sender_name: input.senderName,
      channel_order: [...new Set(input.channelOrder)],
      alert_webhook_url: input.alertWebhookUrl,
      approval_stall_minutes: input.approvalStallMinutes,
      legal_basis: input.legalBasis,
      legal_norm: input.legalNorm,
      updated_at: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'crisis.settings.saved',
        objectType: 'crisis-settings',
        objectId: null,
        summary: `Krisen-Einstellungen gespeichert (ARS ${input.ars}, ${String(input.channelOrder.length)} Kanäle)`,
      },
      now,
    );
    return toSettings(row);
  });
}

export async function getCrisisStatus(db: Kysely<Database>): Promise<CrisisStatus> {
  const row = await findSettingsRow(db);
  const active = await db
    .selectFrom('crisis_incidents')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('state', '=', 'active')
    .where('status', '=', 'Actual')
    .executeTakeFirstOrThrow();
  return {
    crisisMode: row.crisis_mode,
    reason: row.crisis_reason,
    startedAt: row.crisis_started_at?.toISOString() ?? null,
    activeIncidents: Number(active.count),
    suspended: (await getSuspension(db)).suspended,
  };
}

/**
 * Crisis mode: regular scheduled posts are held (the suspension switch, with its reason and
 * audit) and every user sees the banner. Ending it resumes publishing.
 */
export async function setCrisisMode(
  db: Kysely<Database>,
  actor: Actor,
  input: { active: boolean; reason: string },
  options: { now?: Date; mailer?: Mailer; publicUrl?: string } = {},
): Promise<CrisisStatus> {
  const now = options.now ?? new Date();
  const row = await findSettingsRow(db);
  if (row.crisis_mode === input.active) {
    throw conflict(input.active ? 'Der Krisenmodus ist bereits an.' : 'Der Krisenmodus ist aus.');
  }
  if (input.active) {
    const reason = input.reason.trim();
    if (reason === '') {
      throw invalid([{ path: 'reason', message: 'Bitte geben Sie einen Grund an.' }]);
    }
    if (!(await getSuspension(db)).suspended) {
      await suspendPublishing(db, actor, `Krisenmodus: ${reason}`, now);
    }
    await db.transaction().execute(async (trx) => {
      await updateSettingsRow(trx, {
        crisis_mode: true,
        crisis_reason: reason,
        crisis_started_by: actor.userId,
        crisis_started_at: now,
        updated_at: now,
      });
      await recordAudit(
        trx,
        actor,
        {
          action: 'crisis.mode.started',
          objectType: 'crisis-settings',
          objectId: null,
          summary: `Krisenmodus eingeschaltet: ${reason}`,
        },
        now,
      );
    });
  } else {
    if ((await getSuspension(db)).suspended) {
      await resumePublishing(db, actor, {
        now,
        ...(options.mailer === undefined ? {} : { mailer: options.mailer }),
        ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
      });
    }
    await db.transaction().execute(async (trx) => {
      await updateSettingsRow(trx, {
        crisis_mode: false,
        crisis_reason: null,
        crisis_started_by: null,
        crisis_started_at: null,
        updated_at: now,
      });
      await recordAudit(
        trx,
        actor,
        {
          action: 'crisis.mode.ended',
          objectType: 'crisis-settings',
          objectId: null,
          summary: 'Krisenmodus ausgeschaltet',
        },
        now,
      );
    });
  }
  return getCrisisStatus(db);
}
