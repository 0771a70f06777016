import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { conflict, invalid, notFound } from '../errors/errors.ts';
import { draftAndAlert } from './crisis.intake.ts';
import type { IntakeDeps } from './crisis.intake.ts';
import { warningOf } from './crisis.queries.ts';
import {
  findCrisisPostRow,
  findIncidentRow,
  latestMessageRowOfIncident,
  listCrisisPostRows,
  updateIncidentRow,
} from './crisis.repository.ts';
import type { CrisisLegalBasis } from './crisis.table.ts';
import { availableLanguages } from './crisis.templates.ts';

/**
 * Ends an incident by hand (the issuer lifted it elsewhere, or the feed lost it): the all-clear
 * is drafted for approval. A warning merely missing from a feed never ends anything by itself.
 */
export async function endIncident(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  deps: IntakeDeps,
): Promise<void> {
  const now = deps.now();
  await db.transaction().execute(async (trx) => {
    const incident = await findIncidentRow(trx, id);
    if (incident === undefined) {
      throw notFound('Diesen Vorfall gibt es nicht.');
    }
    if (incident.state === 'ended') {
      throw conflict('Dieser Vorfall ist bereits beendet.');
    }
    await updateIncidentRow(trx, id, {
      state: 'ended',
      end_reason: 'manual',
      ended_at: now,
      updated_at: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'crisis.incident.ended',
        objectType: 'crisis-incident',
        objectId: id,
        summary: `Vorfall von Hand beendet: ${incident.headline}`,
      },
      now,
    );
  });
  const latest = await latestMessageRowOfIncident(db, id);
  if (latest !== undefined) {
    await draftAndAlert(db, id, latest.id, warningOf(latest), 'allclear', 'de', deps);
  }
}

/** The legal basis is set from the settings at creation; a specific norm may be named later. */
export async function setIncidentLegalBasis(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: { legalBasis: CrisisLegalBasis; legalNorm: string },
  now: Date = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const incident = await findIncidentRow(trx, id);
    if (incident === undefined) {
      throw notFound('Diesen Vorfall gibt es nicht.');
    }
    await updateIncidentRow(trx, id, {
      legal_basis: input.legalBasis,
      legal_norm: input.legalNorm,
      updated_at: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'crisis.incident.legal-basis',
        objectType: 'crisis-incident',
        objectId: id,
        summary: `Rechtsgrundlage: ${input.legalBasis === 'art6-1-c' ? 'Art. 6 Abs. 1 lit. c' : 'Art. 6 Abs. 1 lit. e'} DSGVO i. V. m. ${input.legalNorm}`,
      },
      now,
    );
  });
}

/**
 * Drafts the current state of the incident in another language the issuer provided (DWD: up to
 * eight). Nothing is machine-translated: a language the source lacks is refused.
 */
export async function addLanguage(
  db: Kysely<Database>,
  id: string,
  language: string,
  deps: IntakeDeps,
): Promise<void> {
  const incident = await findIncidentRow(db, id);
  const latest = await latestMessageRowOfIncident(db, id);
  if (incident === undefined || latest === undefined) {
    throw notFound('Diesen Vorfall gibt es nicht.');
  }
  const code = language.toLowerCase();
  if (!availableLanguages(warningOf(latest)).includes(code)) {
    throw invalid([
      {
        path: 'language',
        message:
          'Diese Sprache bietet die amtliche Meldung nicht an. Stadtfunk übersetzt Warnungen nicht maschinell.',
      },
    ]);
  }
  const posts = await listCrisisPostRows(db, id);
  const kind =
    incident.state === 'ended'
      ? 'allclear'
      : posts.some((p) => p.published_version !== null)
        ? 'update'
        : 'alert';
  await draftAndAlert(db, id, latest.id, warningOf(latest), kind, code, deps);
}

export async function rejectCrisisPost(
  db: Kysely<Database>,
  actor: Actor,
  postId: string,
  reason: string,
  now: Date = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const crisisPost = await findCrisisPostRow(trx, postId);
    if (crisisPost === undefined) {
      throw notFound('Diesen Warnbeitrag gibt es nicht.');
    }
    const updated = await trx
      .updateTable('posts')
      .set({ status: 'draft', rejection_reason: reason, updated_at: now })
      .where('id', '=', postId)
      .where('status', '=', 'in-review')
      .returning('id')
      .executeTakeFirst();
    if (updated === undefined) {
      throw conflict('Dieser Warnbeitrag wartet nicht (mehr) auf Freigabe.');
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'crisis.post.rejected',
        objectType: 'post',
        objectId: postId,
        summary: `Warnbeitrag abgelehnt: ${reason}`,
      },
      now,
    );
  });
}
