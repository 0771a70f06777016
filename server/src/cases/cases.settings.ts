import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { invalid } from '../errors/errors.ts';
import { OVERVIEW_PATH } from '../registry/documents.html.ts';
import { BUILT_IN_LEGAL_BASES, citationOf, legalBasesWith } from './cases.legal.ts';
import {
  findCaseSettingsRow,
  recomputeCategoryDeadlines,
  updateCaseSettingsRow,
} from './cases.repository.ts';
import { categoriesOf } from './cases.retention.ts';
import type { RetentionSettings } from './cases.retention.ts';
import type { CaseSettings, UpdateCaseSettingsInput } from './cases.schema.ts';
import type { CaseCategory, ConfiguredLegalBasis } from './cases.table.ts';

/** The settings a case operation works with, read once per transaction. */
export interface EffectiveCaseSettings extends RetentionSettings {
  readonly legalBases: readonly ConfiguredLegalBasis[];
  readonly privacyNoticeUrl: string;
}

export async function loadCaseSettings(
  db: Kysely<Database>,
  publicUrl: string,
): Promise<EffectiveCaseSettings> {
  const row = await findCaseSettingsRow(db);
  return {
    defaultRetentionMonths: row.default_retention_months,
    categories: categoriesOf(row),
    legalBases: legalBasesWith(row.extra_legal_bases),
    // The registry's public privacy notices for social media, unless the city set another page.
    privacyNoticeUrl: row.privacy_notice_url ?? `${publicUrl}${OVERVIEW_PATH}`,
  };
}

function toCaseSettings(settings: EffectiveCaseSettings): CaseSettings {
  const builtIn = new Set(BUILT_IN_LEGAL_BASES.map((basis) => basis.key));
  return {
    defaultRetentionMonths: settings.defaultRetentionMonths,
    categories: settings.categories.map((c) => ({ ...c })),
    legalBases: settings.legalBases.map((basis) => ({
      ...basis,
      builtIn: builtIn.has(basis.key),
      citation: citationOf(basis),
    })),
    privacyNoticeUrl: settings.privacyNoticeUrl,
  };
}

export async function getCaseSettings(
  db: Kysely<Database>,
  publicUrl: string,
): Promise<CaseSettings> {
  return toCaseSettings(await loadCaseSettings(db, publicUrl));
}

/**
 * Changes retention, categories, extra legal bases or the privacy-notice link. Stored deadlines
 * of closed cases follow a changed retention at once, so the sweep keeps reading only its index.
 */
export async function updateCaseSettings(
  db: Kysely<Database>,
  actor: Actor,
  input: UpdateCaseSettingsInput,
  publicUrl: string,
  now: Date = new Date(),
): Promise<CaseSettings> {
  return db.transaction().execute(async (trx) => {
    const before = await loadCaseSettings(trx, publicUrl);
    if (input.extraLegalBases?.some((b) => BUILT_IN_LEGAL_BASES.some((x) => x.key === b.key))) {
      throw invalid([
        {
          path: 'extraLegalBases',
          message: 'Eingebaute Rechtsgrundlagen lassen sich nicht ersetzen.',
        },
      ]);
    }
    if (input.categories !== undefined) {
      const keys = input.categories.map((c) => c.key);
      if (new Set(keys).size !== keys.length) {
        throw invalid([{ path: 'categories', message: 'Jede Kategorie nur einmal.' }]);
      }
    }
    await updateCaseSettingsRow(trx, {
      ...(input.defaultRetentionMonths === undefined
        ? {}
        : { default_retention_months: input.defaultRetentionMonths }),
      ...(input.categories === undefined ? {} : { categories: JSON.stringify(input.categories) }),
      ...(input.extraLegalBases === undefined
        ? {}
        : { extra_legal_bases: JSON.stringify(input.extraLegalBases) }),
      ...(input.privacyNoticeUrl === undefined
        ? {}
        : { privacy_notice_url: input.privacyNoticeUrl }),
      updated_by: actor.userId,
      updated_at: now,
    });
    const after = await loadCaseSettings(trx, publicUrl);
    await recomputeDeadlinesIfChanged(trx, before, after);
    await recordAudit(
      trx,
      actor,
      {
        action: 'case-settings.update',
        objectType: 'case-settings',
        objectId: null,
        summary: `Einstellungen für Fälle geändert (Aufbewahrung Standard ${after.defaultRetentionMonths} Monate)`,
      },
      now,
    );
    return toCaseSettings(after);
  });
}

async function recomputeDeadlinesIfChanged(
  db: Kysely<Database>,
  before: RetentionSettings,
  after: RetentionSettings,
): Promise<void> {
  const own = (categories: readonly CaseCategory[]) =>
    new Map(
      categories.filter((c) => c.retentionMonths !== null).map((c) => [c.key, c.retentionMonths]),
    );
  const ownBefore = own(before.categories);
  const ownAfter = own(after.categories);
  const keys = new Set([...ownBefore.keys(), ...ownAfter.keys()]);
  for (const key of keys) {
    if (ownBefore.get(key) !== ownAfter.get(key)) {
      await recomputeCategoryDeadlines(
        db,
        key,
        ownAfter.get(key) ?? after.defaultRetentionMonths,
        [],
      );
    }
  }
  if (before.defaultRetentionMonths !== after.defaultRetentionMonths) {
    await recomputeCategoryDeadlines(db, null, after.defaultRetentionMonths, [...ownAfter.keys()]);
  }
}
