import type { DpiaStatus } from './registry.enum.ts';
import type { LegalBasis, Platform } from './registry.schema.ts';

/**
 * German wording shared by the public notice and the record of processing activities, so both
 * documents name legal bases and safeguards identically.
 */

type Transfer = Platform['transfers'][number];

const BERLIN = 'Europe/Berlin';
const regionNames = new Intl.DisplayNames(['de'], { type: 'region' });

/** "Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 4 LDSG BW" (Art. 13(1)(c)). */
export function formatLegalBasis(basis: LegalBasis): string {
  const gdpr = /DSGVO/.test(basis.gdpr) ? basis.gdpr : `${basis.gdpr} DSGVO`;
  const national = basis.national?.trim();
  return national ? `${gdpr} i. V. m. ${national}` : gdpr;
}

const letters = (basis: LegalBasis): string[] =>
  [...basis.gdpr.matchAll(/lit\.\s*([a-f])\b/g)].map((match) => match[1] ?? '');

/** Art. 21(1): objection is possible only against processing based on Art. 6(1)(e) or (f). */
export function allowsObjection(basis: LegalBasis): boolean {
  return letters(basis).some((letter) => letter === 'e' || letter === 'f');
}

/** Art. 20(1)(a): portability applies to processing based on consent or a contract. */
export function allowsPortability(basis: LegalBasis): boolean {
  return letters(basis).some((letter) => letter === 'a' || letter === 'b');
}

/** Art. 7(3): consent can be withdrawn. */
export function isConsent(basis: LegalBasis): boolean {
  return letters(basis).includes('a');
}

export function countryName(code: string): string {
  const name = regionNames.of(code);
  return name === undefined || name === code ? code : `${name} (${code})`;
}

/** The safeguard of one transfer in the words of Art. 45–49 and the Commission's decisions. */
export function transferSafeguard(transfer: Transfer): string {
  switch (transfer.basis) {
    case 'adequacy':
      return 'Angemessenheitsbeschluss der EU-Kommission (Art. 45 DSGVO)';
    case 'eu-us-dpf':
      return (
        'Angemessenheitsbeschluss zum EU-US Data Privacy Framework (Durchführungsbeschluss (EU) ' +
        '2023/1795); Zertifizierung der Empfängerin geprüft am ' +
        formatCalendarDate(transfer.dpfCheckedOn ?? '')
      );
    case 'scc-2021-914':
      return (
        'Standardvertragsklauseln der EU-Kommission (Durchführungsbeschluss (EU) 2021/914, ' +
        `Modul ${transfer.sccModule ?? '–'}; Art. 46 Abs. 2 lit. c DSGVO)`
      );
    case 'bcr':
      return 'Verbindliche interne Datenschutzvorschriften (Binding Corporate Rules, Art. 47 DSGVO)';
    case 'art49-derogation':
      return 'Ausnahme für bestimmte Fälle nach Art. 49 DSGVO';
  }
}

/** "Vereinigte Staaten (US): <safeguard>. <notes>" */
export function describeTransfer(transfer: Transfer): string {
  const notes = transfer.notes?.trim();
  return `${countryName(transfer.country)}: ${transferSafeguard(transfer)}${notes ? `. ${notes}` : ''}`;
}

/** A calendar date as stored ("2025-07-01") in German form, without any time-zone shift. */
export function formatCalendarDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${match[3] ?? ''}.${match[2] ?? ''}.${match[1] ?? ''}` : date;
}

/** An instant as the date it was in Stuttgart. */
export function formatBerlinDate(instant: Date | string): string {
  return new Intl.DateTimeFormat('de-DE', {
    timeZone: BERLIN,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(instant));
}

/** The same day as `formatBerlinDate`, for a `<time datetime>` attribute ("2026-11-25"). */
export function berlinIsoDate(instant: Date | string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BERLIN }).format(new Date(instant));
}

export function formatBerlinDateTime(instant: Date): string {
  const time = new Intl.DateTimeFormat('de-DE', {
    timeZone: BERLIN,
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);
  return `${formatBerlinDate(instant)}, ${time} Uhr`;
}

export function formatMonths(months: number): string {
  return months === 1 ? '1 Monat' : `${months} Monate`;
}

export const DPIA_STATUS_LABELS: Readonly<Record<DpiaStatus, string>> = {
  draft: 'Entwurf',
  'in-review': 'in Prüfung',
  'signed-off': 'freigegeben',
  outdated: 'veraltet',
};

/** The distinct values in first-seen order: several purposes often share one legal basis. */
export function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}
