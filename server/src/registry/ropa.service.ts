import type { Kysely } from 'kysely';

import { listOrgUnits } from '../access/org-units.service.ts';
import type { Database } from '../database/database.types.ts';
import { forbidden } from '../errors/errors.ts';
import { channelScopeFor } from './channels.access.ts';
import { toChannel } from './channels.service.ts';
import type { Reader } from './channels.service.ts';
import {
  countryName,
  describeTransfer,
  distinct,
  DPIA_STATUS_LABELS,
  formatBerlinDate,
  formatCalendarDate,
  formatLegalBasis,
  formatMonths,
} from './documents.format.ts';
import { getOrganisationProfile } from './organisation.service.ts';
import { listPlatforms } from './platforms.service.ts';
import type { ChannelStatus } from './registry.enum.ts';
import { listChannelRows } from './registry.repository.ts';
import type { Channel, OrganisationProfile, Platform } from './registry.schema.ts';

/**
 * The record of processing activities (Art. 30(1) a–g) for the social-media processing: one
 * entry per platform, covering the channels there and the inquiries they bring into the CRM
 * (concept §8). CSV and PDF render this one model.
 */
export interface RopaEntry {
  readonly number: number;
  readonly platformKey: string;
  readonly activity: string;
  readonly description: string;
  readonly channels: readonly string[];
  readonly controller: string;
  readonly jointController: string;
  readonly dpo: string;
  readonly purposes: readonly string[];
  readonly legalBases: readonly string[];
  readonly dataSubjects: readonly string[];
  readonly dataCategories: readonly string[];
  readonly recipients: readonly string[];
  readonly transfers: readonly string[];
  readonly erasure: readonly string[];
  readonly securityMeasures: string;
  readonly dpia: string;
  readonly updatedAt: string;
}

export type RopaField = Exclude<keyof RopaEntry, 'platformKey'>;

/** Column and label order of both renderings; the letters are those of Art. 30(1). */
export const ROPA_FIELDS: readonly { readonly key: RopaField; readonly label: string }[] = [
  { key: 'number', label: 'Nr.' },
  { key: 'activity', label: 'Verarbeitungstätigkeit' },
  { key: 'description', label: 'Beschreibung' },
  { key: 'channels', label: 'Kanäle (zuständige Stelle)' },
  { key: 'controller', label: '(a) Verantwortlicher' },
  { key: 'jointController', label: '(a) Gemeinsam Verantwortliche' },
  { key: 'dpo', label: '(a) Datenschutzbeauftragte/r' },
  { key: 'purposes', label: '(b) Zwecke der Verarbeitung' },
  { key: 'legalBases', label: 'Rechtsgrundlagen' },
  { key: 'dataSubjects', label: '(c) Kategorien betroffener Personen' },
  { key: 'dataCategories', label: '(c) Kategorien personenbezogener Daten' },
  { key: 'recipients', label: '(d) Kategorien von Empfängern' },
  { key: 'transfers', label: '(e) Übermittlungen in Drittländer und Garantien' },
  { key: 'erasure', label: '(f) Fristen für die Löschung' },
  { key: 'securityMeasures', label: '(g) Technische und organisatorische Maßnahmen' },
  { key: 'dpia', label: 'Datenschutz-Folgenabschätzung' },
  { key: 'updatedAt', label: 'Stand' },
];

export const ROPA_TITLE = 'Verzeichnis von Verarbeitungstätigkeiten (Art. 30 Abs. 1 DSGVO)';
export const ROPA_FILENAME = 'verarbeitungsverzeichnis-social-media';

const STATUS_LABELS: Readonly<Record<ChannelStatus, string>> = {
  planned: 'geplant',
  active: 'aktiv',
  paused: 'pausiert',
  retired: 'eingestellt',
};

function jointControllerOf(platform: Platform): string {
  const op = platform.operator;
  const joint = platform.jointControllership;
  if (joint === null) {
    return `Keine gemeinsame Verantwortlichkeit. ${op.legalEntity}, ${op.address}, verarbeitet in eigener Verantwortung.`;
  }
  return (
    `${op.legalEntity}, ${op.address}; gemeinsame Verantwortlichkeit (Art. 26 DSGVO) für: ` +
    `${joint.scope}; Vereinbarung: ${joint.arrangementUrl}; wesentlicher Inhalt: ` +
    `${joint.essencePublishedUrl}; Anlaufstelle: ${joint.contactPoint}; Weiterleitung von ` +
    `Anfragen innerhalb von ${joint.forwardingDeadlineDays} Tagen`
  );
}

/** Art. 30(1)(c) is not stored per platform: these categories follow from concept §4 and §8. */
function dataSubjectsOf(platform: Platform): string[] {
  return [
    `Personen, die die Kanäle der Stadt auf ${platform.name} aufrufen, auch ohne Konto oder Anmeldung`,
    'Personen, die mit den Kanälen interagieren (Kommentare, Reaktionen, Nachrichten, Erwähnungen)',
    'Personen, die über die Kanäle Anfragen an die Stadt richten',
    ...(platform.targetGroups.length > 0
      ? [`Angesprochene Zielgruppen: ${platform.targetGroups.join('; ')}`]
      : []),
  ];
}

function dataCategoriesOf(platform: Platform): string[] {
  const joint = platform.jointControllership;
  return [
    'Öffentliche Profilangaben (Name oder Pseudonym, Nutzername, Profilbild)',
    'Inhalte von Kommentaren, Beiträgen, Reaktionen und Nachrichten',
    'Zu Anfragen im CRM-System: Name, Kontaktdaten, Anliegen, Kommunikationsverlauf',
    ...(joint
      ? [`Zusammengefasste, anonyme Statistiken aus der gemeinsamen Verarbeitung (${joint.scope})`]
      : []),
    `Nutzungs- und Gerätedaten, die ${platform.operator.legalEntity} mit Cookies und ähnlichen Techniken in eigener Verantwortung erhebt`,
  ];
}

function dpiaOf(platform: Platform): string {
  const dpia = platform.dpia;
  if (dpia === null) {
    return 'Keine DSFA erfasst';
  }
  const signOff = platform.dpiaSignOff
    ? `, freigegeben am ${formatBerlinDate(platform.dpiaSignOff.signedOffAt)}`
    : '';
  return (
    `${dpia.documentRef}, Version ${dpia.version} vom ${formatCalendarDate(dpia.date)}; ` +
    `Status: ${DPIA_STATUS_LABELS[dpia.status]}${signOff}; nächste Überprüfung: ` +
    formatCalendarDate(dpia.nextReviewOn)
  );
}

function entryOf(
  number: number,
  org: OrganisationProfile,
  platform: Platform,
  channels: readonly string[],
): RopaEntry {
  const op = platform.operator;
  const countries = distinct(platform.transfers.map((t) => countryName(t.country)));
  return {
    number,
    platformKey: platform.key,
    activity: `Betrieb des Kanals auf ${platform.name}`,
    description:
      `Betrieb der Kanäle der ${org.controllerName} auf ${platform.name} und Bearbeitung der ` +
      'Anfragen, die über diese Kanäle eingehen, im CRM-System',
    channels,
    controller:
      `${org.controllerName}, ${org.controllerAddress}, E-Mail ${org.controllerEmail}` +
      (org.controllerPhone ? `, Telefon ${org.controllerPhone}` : ''),
    jointController: jointControllerOf(platform),
    dpo: org.dpoContact,
    purposes: platform.purposes.map((purpose) => purpose.text),
    legalBases: distinct(platform.purposes.map((purpose) => formatLegalBasis(purpose.legalBasis))),
    dataSubjects: dataSubjectsOf(platform),
    dataCategories: dataCategoriesOf(platform),
    recipients: [
      ...platform.recipients,
      ...(countries.length > 0 ? [`Empfänger in Drittländern: ${countries.join(', ')}`] : []),
    ],
    transfers:
      platform.transfers.length > 0
        ? platform.transfers.map(describeTransfer)
        : ['Keine Übermittlung in Drittländer bekannt'],
    erasure: [
      `Anfragen im CRM-System: während der Bearbeitung und ${formatMonths(org.inquiryRetentionMonths)} ` +
        'nach deren Ende, danach Löschung, soweit keine gesetzliche Aufbewahrungspflicht besteht',
      `Bei ${op.legalEntity}: ${platform.storagePeriods ?? 'bestimmt die Betreiberin eigenverantwortlich; die Stadt hat darauf keinen Einfluss'}`,
    ],
    securityMeasures: org.securityMeasures,
    dpia: dpiaOf(platform),
    updatedAt: formatBerlinDate(platform.updatedAt),
  };
}

function channelLine(channel: Channel, units: ReadonlyMap<string, string>): string {
  return `${channel.name} (${channel.handle}), ${units.get(channel.orgUnitId) ?? 'unbekannte Stelle'}, ${STATUS_LABELS[channel.status]}`;
}

/** The row model of the record; retired channels are no longer part of the processing. */
export async function buildRopa(db: Kysely<Database>): Promise<RopaEntry[]> {
  const org = await getOrganisationProfile(db);
  const units = new Map((await listOrgUnits(db)).map((unit) => [unit.id, unit.name]));
  const channels = (await listChannelRows(db, 'all'))
    .map(toChannel)
    .filter((c) => c.status !== 'retired');
  return (await listPlatforms(db)).map((platform, index) =>
    entryOf(
      index + 1,
      org,
      platform,
      channels.filter((c) => c.platformId === platform.id).map((c) => channelLine(c, units)),
    ),
  );
}

/**
 * The record covers every channel, so only roles that read the whole registry may export it;
 * department editors and agencies hold `registry.read` for their own channels only.
 */
export async function assertRopaReader(db: Kysely<Database>, reader: Reader): Promise<void> {
  if ((await channelScopeFor(db, reader)) !== 'all') {
    throw forbidden(
      'Das Verarbeitungsverzeichnis steht der Abteilung Kommunikation und dem Datenschutz zur Verfügung.',
    );
  }
}
