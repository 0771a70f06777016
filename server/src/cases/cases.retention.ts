import type { CaseCategory, CaseStatus, HoldKind } from './cases.table.ts';

/**
 * The retention clock (concept §13): data are kept while the inquiry is processed and six months
 * after processing ends (the case is closed), then deleted. A legal hold or statutory retention
 * duty suspends deletion; reopening stops the clock. `delete_after` is stored and recomputed on
 * every change that affects it, so the daily sweep reads only what is due (an index range).
 */

export const DEFAULT_RETENTION_MONTHS = 6;

export const DEFAULT_CATEGORIES: readonly CaseCategory[] = [
  {
    key: 'general',
    label: 'Allgemeine Anfrage',
    labelEn: 'General inquiry',
    retentionMonths: null,
  },
  { key: 'service', label: 'Bürgerservice', labelEn: 'Citizen services', retentionMonths: null },
  { key: 'complaint', label: 'Beschwerde', labelEn: 'Complaint', retentionMonths: null },
  { key: 'contract', label: 'Vertragsanfrage', labelEn: 'Contract inquiry', retentionMonths: null },
];

export interface RetentionSettings {
  readonly defaultRetentionMonths: number;
  readonly categories: readonly CaseCategory[];
}

export function categoriesOf(settings: {
  categories: readonly CaseCategory[];
}): readonly CaseCategory[] {
  return settings.categories.length > 0 ? settings.categories : DEFAULT_CATEGORIES;
}

export function retentionMonthsFor(settings: RetentionSettings, category: string): number {
  const entry = categoriesOf(settings).find((c) => c.key === category);
  return entry?.retentionMonths ?? settings.defaultRetentionMonths;
}

/** Calendar months in UTC; the 31st plus one month is the last day of the shorter month. */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

export interface RetentionState {
  readonly status: CaseStatus;
  readonly closedAt: Date | null;
  readonly holdKind: HoldKind | null;
  readonly category: string;
}

/** Null while open or waiting (the clock has not started) and while a hold applies. */
export function computeDeleteAfter(
  state: RetentionState,
  settings: RetentionSettings,
): Date | null {
  if (state.status !== 'closed' || state.closedAt === null || state.holdKind !== null) {
    return null;
  }
  return addMonths(state.closedAt, retentionMonthsFor(settings, state.category));
}

/** The rule the deletion log names, e.g. `retention:6m:closed` — no personal data. */
export function ruleApplied(settings: RetentionSettings, category: string): string {
  const months = retentionMonthsFor(settings, category);
  const own =
    (categoriesOf(settings).find((c) => c.key === category)?.retentionMonths ?? null) !== null;
  return `Aufbewahrung ${months} Monate nach Abschluss (${own ? `Kategorie ${category}` : 'Standard § 13'})`;
}

/** A hold whose review date has passed must be looked at again; the dashboard lists it. */
export function holdReviewDue(reviewOn: string | null, now: Date): boolean {
  return reviewOn !== null && reviewOn <= now.toISOString().slice(0, 10);
}
