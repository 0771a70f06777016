import type { Kysely } from 'kysely';

import { systemActor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import type { CityArea, CityMatch } from './area.filter.ts';
import { concernsCity } from './area.filter.ts';
import type { CapWarning } from './cap.model.ts';
import { primaryInfo } from './cap.model.ts';
import { classifyWarning, isAllClear } from './crisis.templates.ts';
import {
  findIncidentIdByIdentifiers,
  insertIncidentRow,
  insertMessageRow,
  latestMessageRowOfIncident,
  lockIncidentRow,
  updateIncidentRow,
} from './crisis.repository.ts';
import type { CrisisIncidentRow, CrisisLegalBasis, CrisisPostKind } from './crisis.table.ts';
import { splitNinaIdentifier } from './nina.parse.ts';

/**
 * Incoming warning → incident. Alert opens an incident; Update and Cancel join it through
 * `references` (matched on the identifier only: sources write the sender differently); Cancel or
 * a DWD "AllClear" ends it. A warning that merely vanishes from a feed changes nothing.
 */

export interface IngestInput {
  readonly warning: CapWarning;
  /** SHA-256 of the source bytes as received. */
  readonly sourceHash: string;
  readonly feedId: string | null;
  /** NINA dashboards are fetched for the city's ARS: their entries concern it by construction. */
  readonly match?: CityMatch;
}

export interface IngestSettings {
  readonly area: CityArea;
  readonly legalBasis: CrisisLegalBasis;
  readonly legalNorm: string;
}

export type IngestOutcome =
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'recorded'; readonly reason: string; readonly messageId: string }
  | {
      readonly kind: 'incident';
      readonly incident: CrisisIncidentRow;
      readonly messageId: string;
      readonly change: CrisisPostKind;
      readonly created: boolean;
    };

const DWD_ID = /^2\.49\.0\.0\.276\.0\.DWD\./;
const DWD_LANGUAGE_SUFFIX = /\.(DEU|ENG|MUL)$/;

/**
 * One identifier per warning across sources: NINA's provider prefix (`mow.`, `dwd.`) and the DWD
 * product's language suffix (`.DEU`, `.MUL`) name the same message.
 */
export function canonicalIdentifier(identifier: string): string {
  const bare = splitNinaIdentifier(identifier.trim()).bareId;
  return DWD_ID.test(bare) ? bare.replace(DWD_LANGUAGE_SUFFIX, '') : bare;
}

function latestExpiry(warning: CapWarning): Date | null {
  const times = warning.infos
    .map((info) => info.expires)
    .filter((value): value is string => value !== undefined)
    .map((value) => Date.parse(value))
    .filter((value) => !Number.isNaN(value));
  return times.length === 0 ? null : new Date(Math.max(...times));
}

function incidentFields(warning: CapWarning) {
  const info = primaryInfo(warning);
  return {
    event: info?.event ?? 'Warnung',
    headline: info?.headline ?? info?.event ?? 'Warnung',
    severity: info?.severity ?? 'Unknown',
    urgency: info?.urgency ?? 'Unknown',
    expires_at: latestExpiry(warning),
  };
}

export async function ingestWarning(
  db: Kysely<Database>,
  input: IngestInput,
  settings: IngestSettings,
  now: Date = new Date(),
): Promise<IngestOutcome> {
  const { warning } = input;
  if (warning.status === 'System' || warning.status === 'Draft') {
    return { kind: 'ignored', reason: `Status ${warning.status} wird nicht verarbeitet` };
  }
  if (warning.msgType === 'Ack' || warning.msgType === 'Error') {
    return { kind: 'ignored', reason: `Meldungsart ${warning.msgType} wird nicht verarbeitet` };
  }
  const identifier = canonicalIdentifier(warning.identifier);
  const match = input.match ?? concernsCity(warning, settings.area);
  return db.transaction().execute(async (trx): Promise<IngestOutcome> => {
    const seen = await trx
      .selectFrom('crisis_messages')
      .select('id')
      .where('identifier', '=', identifier)
      .executeTakeFirst();
    if (seen !== undefined) {
      return { kind: 'duplicate' };
    }
    const referenced = warning.references.map((ref) => canonicalIdentifier(ref.identifier));
    const incidentId = await findIncidentIdByIdentifiers(trx, referenced);
    const decision = await decide(trx, warning, incidentId, match, settings, now);
    const message = await insertMessageRow(trx, {
      incident_id: decision.incidentId,
      feed_id: input.feedId,
      sender: warning.sender,
      identifier,
      sent: new Date(warning.sent),
      msg_type: warning.msgType,
      status: warning.status,
      source_hash: input.sourceHash,
      warning: JSON.stringify(warning),
      concerns: match.concerns,
      match_reason: match.reason,
    });
    if (message === undefined) {
      return { kind: 'duplicate' };
    }
    await recordAudit(
      trx,
      systemActor(),
      {
        action: 'crisis.message.received',
        objectType: 'crisis-message',
        objectId: message.id,
        summary: `${warning.msgType} ${identifier} (${warning.status}) empfangen, SHA-256 ${input.sourceHash}; ${decision.summary}`,
      },
      now,
    );
    if (decision.kind === 'recorded') {
      return { kind: 'recorded', reason: decision.summary, messageId: message.id };
    }
    return {
      kind: 'incident',
      incident: decision.incident,
      messageId: message.id,
      change: decision.change,
      created: decision.created,
    };
  });
}

type Decision =
  | { kind: 'recorded'; incidentId: string | null; summary: string }
  | {
      kind: 'incident';
      incidentId: string;
      incident: CrisisIncidentRow;
      change: CrisisPostKind;
      created: boolean;
      summary: string;
    };

async function decide(
  trx: Kysely<Database>,
  warning: CapWarning,
  incidentId: string | undefined,
  match: CityMatch,
  settings: IngestSettings,
  now: Date,
): Promise<Decision> {
  if (incidentId === undefined) {
    if (!match.concerns) {
      return {
        kind: 'recorded',
        incidentId: null,
        summary: `betrifft die Stadt nicht: ${match.reason}`,
      };
    }
    if (isAllClear(warning)) {
      return { kind: 'recorded', incidentId: null, summary: 'Aufhebung einer unbekannten Warnung' };
    }
    const incident = await insertIncidentRow(trx, {
      ...incidentFields(warning),
      template_key: classifyWarning(warning),
      source_sender: warning.sender,
      status: warning.status,
      state: 'active',
      end_reason: null,
      legal_basis: settings.legalBasis,
      legal_norm: settings.legalNorm,
      started_at: new Date(warning.sent),
      ended_at: null,
      created_at: now,
      updated_at: now,
    });
    return {
      kind: 'incident',
      incidentId: incident.id,
      incident,
      change: 'alert',
      created: true,
      summary: `neuer Vorfall (${match.reason})`,
    };
  }
  const incident = await lockIncidentRow(trx, incidentId);
  const latest = await latestMessageRowOfIncident(trx, incidentId);
  if (incident === undefined) {
    return { kind: 'recorded', incidentId: null, summary: 'Vorfall nicht gefunden' };
  }
  if (latest !== undefined && latest.sent.getTime() > Date.parse(warning.sent)) {
    return { kind: 'recorded', incidentId, summary: 'älter als die letzte Meldung: nur abgelegt' };
  }
  if (incident.state === 'ended') {
    return { kind: 'recorded', incidentId, summary: 'Vorfall ist bereits beendet: nur abgelegt' };
  }
  if (isAllClear(warning)) {
    const ended = await updateIncidentRow(trx, incidentId, {
      state: 'ended',
      end_reason: warning.msgType === 'Cancel' ? 'cancel' : 'allclear',
      ended_at: now,
      updated_at: now,
    });
    return {
      kind: 'incident',
      incidentId,
      incident: ended,
      change: 'allclear',
      created: false,
      summary: 'Entwarnung',
    };
  }
  const updated = await updateIncidentRow(trx, incidentId, {
    ...incidentFields(warning),
    updated_at: now,
  });
  return {
    kind: 'incident',
    incidentId,
    incident: updated,
    change: 'update',
    created: false,
    summary: 'Aktualisierung',
  };
}

/**
 * Ends active incidents whose `expires` passed. DWD warnings mostly end this way; the all-clear
 * post is still drafted for a person to approve, never sent on its own.
 */
export async function expireIncidents(
  db: Kysely<Database>,
  now: Date,
): Promise<CrisisIncidentRow[]> {
  return db.transaction().execute(async (trx) => {
    const expired = await trx
      .updateTable('crisis_incidents')
      .set({ state: 'ended', end_reason: 'expired', ended_at: now, updated_at: now })
      .where('state', '=', 'active')
      .where('expires_at', '<=', now)
      .returningAll()
      .execute();
    for (const incident of expired) {
      await recordAudit(
        trx,
        systemActor(),
        {
          action: 'crisis.incident.expired',
          objectType: 'crisis-incident',
          objectId: incident.id,
          summary: `Warnung abgelaufen: ${incident.headline}`,
        },
        now,
      );
    }
    return expired;
  });
}
