import type { ConfiguredLegalBasis } from './cases.table.ts';

/**
 * Legal bases of a case as data (concept §8): the GDPR point together with the national norm,
 * never a bare enum, because the rights that apply follow from it (Art. 21 objection only for
 * lit. e/f; Art. 20 portability only for lit. a/b). Further bases are added in the settings.
 */

export const DEFAULT_LEGAL_BASIS = 'art6-1-e';

export const BUILT_IN_LEGAL_BASES: readonly ConfiguredLegalBasis[] = [
  {
    key: 'art6-1-e',
    gdpr: 'Art. 6 Abs. 1 lit. e DSGVO',
    // Wording of § 4 LDSG BW believed to match § 4 HmbDSG (task of the controller); verify.
    national: '§ 4 LDSG BW',
    label: 'Allgemeine Anfrage (öffentliche Aufgabe)',
    labelEn: 'General inquiry (public task)',
    objection: true,
    portability: false,
  },
  {
    key: 'art6-1-b',
    gdpr: 'Art. 6 Abs. 1 lit. b DSGVO',
    national: null,
    label: 'Anfrage auf Abschluss eines Vertrags',
    labelEn: 'Inquiry aimed at a contract',
    objection: false,
    portability: true,
  },
];

export type DataSubjectRight =
  | 'access'
  | 'rectification'
  | 'erasure'
  | 'restriction'
  | 'objection'
  | 'portability'
  | 'complaint';

export interface RightInfo {
  readonly right: DataSubjectRight;
  readonly article: string;
  readonly label: string;
  readonly labelEn: string;
}

const RIGHTS: Readonly<Record<DataSubjectRight, RightInfo>> = {
  access: { right: 'access', article: 'Art. 15 DSGVO', label: 'Auskunft', labelEn: 'Access' },
  rectification: {
    right: 'rectification',
    article: 'Art. 16 DSGVO',
    label: 'Berichtigung',
    labelEn: 'Rectification',
  },
  erasure: { right: 'erasure', article: 'Art. 17 DSGVO', label: 'Löschung', labelEn: 'Erasure' },
  restriction: {
    right: 'restriction',
    article: 'Art. 18 DSGVO',
    label: 'Einschränkung der Verarbeitung',
    labelEn: 'Restriction of processing',
  },
  portability: {
    right: 'portability',
    article: 'Art. 20 DSGVO',
    label: 'Datenübertragbarkeit',
    labelEn: 'Data portability',
  },
  objection: {
    right: 'objection',
    article: 'Art. 21 DSGVO',
    label: 'Widerspruch',
    labelEn: 'Objection',
  },
  complaint: {
    right: 'complaint',
    article: 'Art. 77 DSGVO',
    label: 'Beschwerde bei der Aufsichtsbehörde (LfDI Baden-Württemberg)',
    labelEn: 'Complaint to the supervisory authority (LfDI Baden-Württemberg)',
  },
};

export function legalBasesWith(
  extra: readonly ConfiguredLegalBasis[],
): readonly ConfiguredLegalBasis[] {
  const builtIn = new Set(BUILT_IN_LEGAL_BASES.map((basis) => basis.key));
  return [...BUILT_IN_LEGAL_BASES, ...extra.filter((basis) => !builtIn.has(basis.key))];
}

export function findLegalBasis(
  bases: readonly ConfiguredLegalBasis[],
  key: string,
): ConfiguredLegalBasis | undefined {
  return bases.find((basis) => basis.key === key);
}

/** "Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 4 LDSG BW" */
export function citationOf(basis: ConfiguredLegalBasis): string {
  return basis.national === null ? basis.gdpr : `${basis.gdpr} i. V. m. ${basis.national}`;
}

export function rightsFor(basis: ConfiguredLegalBasis): RightInfo[] {
  const rights: DataSubjectRight[] = ['access', 'rectification', 'erasure', 'restriction'];
  if (basis.portability) {
    rights.push('portability');
  }
  if (basis.objection) {
    rights.push('objection');
  }
  rights.push('complaint');
  return rights.map((right) => RIGHTS[right]);
}

export type NoticeLanguage = 'de' | 'en';

/** Sets the notice apart from the reply (Art. 21(4): "clearly and separately"). */
export const NOTICE_SEPARATOR = '\n\n――――――――――\n\n';

/** The Art. 21(4) objection notice, with the legal basis and the privacy-notice link filled in. */
export function objectionNotice(
  basis: ConfiguredLegalBasis,
  privacyNoticeUrl: string,
  language: NoticeLanguage,
): string {
  const citation = citationOf(basis);
  if (language === 'en') {
    return [
      'Your right to object (Art. 21 GDPR)',
      `We process your data to answer your inquiry on the basis of ${citation}. You have the right to object to this processing at any time on grounds relating to your particular situation. We will then no longer process your data unless we can demonstrate compelling legitimate grounds for the processing which override your interests, rights and freedoms, or the processing serves the establishment, exercise or defence of legal claims. You can send your objection without any formal requirements to the Landeshauptstadt Stuttgart, for example by replying to this message.`,
      `Privacy notice: ${privacyNoticeUrl}`,
    ].join('\n\n');
  }
  return [
    'Hinweis auf Ihr Widerspruchsrecht (Art. 21 DSGVO)',
    `Wir verarbeiten Ihre Daten zur Beantwortung Ihrer Anfrage auf Grundlage von ${citation}. Sie haben das Recht, aus Gründen, die sich aus Ihrer besonderen Situation ergeben, jederzeit gegen diese Verarbeitung Widerspruch einzulegen. Wir verarbeiten Ihre Daten dann nicht mehr, es sei denn, wir können zwingende schutzwürdige Gründe für die Verarbeitung nachweisen, die Ihre Interessen, Rechte und Freiheiten überwiegen, oder die Verarbeitung dient der Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen. Den Widerspruch können Sie formlos an die Landeshauptstadt Stuttgart richten, zum Beispiel als Antwort auf diese Nachricht.`,
    `Datenschutzerklärung: ${privacyNoticeUrl}`,
  ].join('\n\n');
}

/** The privacy-notice line every first reply carries (Art. 13), also where no objection applies. */
export function privacyNoticeLine(privacyNoticeUrl: string, language: NoticeLanguage): string {
  return language === 'en'
    ? `How we process your data: ${privacyNoticeUrl}`
    : `Informationen zur Verarbeitung Ihrer Daten: ${privacyNoticeUrl}`;
}
