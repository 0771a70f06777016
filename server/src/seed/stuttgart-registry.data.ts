import type { CreatePlatformInput, OrganisationProfile } from '../registry/registry.schema.ts';
import type { ChannelGoal, ChannelStatus } from '../registry/registry.enum.ts';

/**
 * Stuttgart's registry as the Social-Media-Konzept (Stand: Juli 2025) states it. Purposes quote
 * §2 and §10 word for word (including the concept's own spelling); everything else is the city's
 * to correct in the registry UI.
 */

const PUBLIC_TASK = { gdpr: 'Art. 6 Abs. 1 lit. e DSGVO', national: '§ 4 LDSG BW' };
const CONCEPT_DATE = '2025-07-01';
const NEXT_REVIEW = '2026-07-01';

/** §10, first paragraph: the test every platform must pass. */
const NECESSITY_PREAMBLE =
  'Der Einsatz sozialer Netzwerke erfolgt nur, wenn die damit verfolgten Kommunikations- und ' +
  'Informationsziele über klassische städtische Kanäle (Website, Amtsblatt, Pressearbeit) nicht ' +
  'gleich wirksam erreicht werden können.';

/** §8: inquiries through comments, messages, forms or chat are answered and kept in the CRM. */
const INQUIRY_PURPOSES: CreatePlatformInput['purposes'] = [
  {
    text:
      'Bearbeitung von Anfragen, die über Beiträge, Kommentare, Formulare oder Chatfunktionen an ' +
      'uns gerichtet werden, und Kommunikation mit den Anfragenden (Speicherung im CRM-System), ' +
      'um z.B. eine allgemeine Anfrage zu beantworten',
    legalBasis: PUBLIC_TASK,
  },
  {
    text: 'Bearbeitung von Anfragen, die auf den Abschluss eines Vertrages gerichtet sind',
    legalBasis: { gdpr: 'Art. 6 Abs. 1 lit. b DSGVO', national: null },
  },
];

/** §11: one DSFA covers the operation of the city's social-media channels. */
const DPIA: NonNullable<CreatePlatformInput['dpia']> = {
  documentRef: 'Datenschutz-Folgenabschätzung Betrieb städtischer Social-Media-Kanäle',
  version: '1.0',
  date: CONCEPT_DATE,
  status: 'in-review',
  nextReviewOn: NEXT_REVIEW,
};

const OPERATOR_STORAGE =
  'Die Plattformbetreiberin bestimmt die Speicherdauer eigenverantwortlich und informiert darüber ' +
  'in ihrer Datenschutzrichtlinie. Wie lange darüber hinaus Daten gespeichert werden, entzieht ' +
  'sich der Kenntnis der Landeshauptstadt Stuttgart.';

const AGENCIES = 'Agenturen als Auftragsverarbeiter nach Art. 28 DSGVO, soweit beauftragt';

const META = {
  legalEntity: 'Meta Platforms Ireland Limited',
  address: 'Merrion Road, Dublin 4, D04 X2K5, Irland',
};

const metaJointControllership: NonNullable<CreatePlatformInput['jointControllership']> = {
  arrangementUrl: 'https://www.facebook.com/legal/terms/page_controller_addendum',
  essencePublishedUrl: 'https://www.facebook.com/legal/terms/information_about_page_insights_data',
  scope: 'Seiten-Insights (Reichweiten- und Interaktionsanalyse)',
  contactPoint: 'Meta Platforms Ireland Limited über https://www.facebook.com/help/contact/',
  forwardingDeadlineDays: 7,
};

const usTransfer = (checkedOn: string): CreatePlatformInput['transfers'][number] => ({
  country: 'US',
  basis: 'eu-us-dpf',
  dpfCheckedOn: checkedOn,
  sccModule: null,
  notes: 'Ergänzend Standardvertragsklauseln der EU-Kommission laut Angaben der Betreiberin.',
});

function platform(
  key: string,
  name: string,
  fields: Omit<CreatePlatformInput, 'key' | 'name' | 'necessity' | 'dpia'> & {
    necessityReasoning: string;
  },
): CreatePlatformInput {
  const { necessityReasoning, ...rest } = fields;
  return {
    key,
    name,
    ...rest,
    necessity: {
      reasoning: `${NECESSITY_PREAMBLE} ${necessityReasoning}`,
      outcome: 'necessary',
      assessedOn: CONCEPT_DATE,
      nextReviewOn: NEXT_REVIEW,
    },
    dpia: DPIA,
  };
}

export const STUTTGART_PLATFORMS: readonly CreatePlatformInput[] = [
  platform('facebook', 'Facebook', {
    operator: {
      ...META,
      privacyPolicyUrl: 'https://www.facebook.com/privacy/policy/',
      cookiePolicyUrl: 'https://www.facebook.com/privacy/policies/cookies/',
      rightsContact: 'https://www.facebook.com/help/contact/540977946302970',
    },
    purposes: [
      { text: 'Informationen, Beteiligung, Dialog', legalBasis: PUBLIC_TASK },
      ...INQUIRY_PURPOSES,
    ],
    targetGroups: [
      'Zielgruppen über 25 Jahren',
      'Stuttgarterinnen und Stuttgarter, Gäste und Besucher',
    ],
    recipients: ['Meta Platforms Ireland Limited (Plattformbetreiberin)', AGENCIES],
    necessityReasoning:
      'Facebook/Instagram: Hohe Reichweite bei Zielgruppen über 25 Jahren, zentrale Plattformen für ' +
      'Service-Informationen, Beteiligungsmöglichkeiten und Projekten mit Bezug zum Alltag der ' +
      'Stuttgarterinnen und Stuttgarter sowie Veranstaltungskommunikation',
    jointControllership: metaJointControllership,
    transfers: [usTransfer(CONCEPT_DATE)],
    storagePeriods: OPERATOR_STORAGE,
  }),
  platform('instagram', 'Instagram', {
    operator: {
      ...META,
      privacyPolicyUrl: 'https://privacycenter.instagram.com/policy',
      cookiePolicyUrl: 'https://privacycenter.instagram.com/policies/cookies/',
      rightsContact: 'https://help.instagram.com/contact/',
    },
    purposes: [
      {
        text: 'visuelle Einblicke in Projekte, Veranstaltungen, Stadtleben',
        legalBasis: PUBLIC_TASK,
      },
      ...INQUIRY_PURPOSES,
    ],
    targetGroups: [
      'Zielgruppen über 25 Jahren',
      'Stuttgarterinnen und Stuttgarter, Gäste und Besucher',
    ],
    recipients: ['Meta Platforms Ireland Limited (Plattformbetreiberin)', AGENCIES],
    necessityReasoning:
      'Facebook/Instagram: Hohe Reichweite bei Zielgruppen über 25 Jahren, zentrale Plattformen für ' +
      'Service-Informationen, Beteiligungsmöglichkeiten und Projekten mit Bezug zum Alltag der ' +
      'Stuttgarterinnen und Stuttgarter sowie Veranstaltungskommunikation',
    jointControllership: {
      ...metaJointControllership,
      scope: 'Insights (Reichweiten- und Interaktionsanalyse)',
    },
    transfers: [usTransfer(CONCEPT_DATE)],
    storagePeriods: OPERATOR_STORAGE,
  }),
  platform('mastodon', 'Mastodon', {
    operator: {
      legalEntity:
        'Betreiber der Mastodon-Instanz social.bund.de: Der Bundesbeauftragte für den Datenschutz und die Informationsfreiheit',
      address: 'Graurheindorfer Straße 153, 53117 Bonn',
      privacyPolicyUrl: 'https://social.bund.de/privacy-policy',
      cookiePolicyUrl: null,
      rightsContact: 'https://social.bund.de/about',
    },
    purposes: [{ text: 'aktuelle Meldungen', legalBasis: PUBLIC_TASK }, ...INQUIRY_PURPOSES],
    targetGroups: ['Allgemeine Öffentlichkeit'],
    recipients: [
      'Betreiber der Mastodon-Instanz',
      'Andere Mastodon-Instanzen, denen Inhalte föderiert werden',
      AGENCIES,
    ],
    necessityReasoning: 'Mastodon: Aktuelle Meldungen',
    jointControllership: null,
    transfers: [],
    storagePeriods: OPERATOR_STORAGE,
  }),
  platform('youtube', 'YouTube', {
    operator: {
      legalEntity: 'Google Ireland Limited',
      address: 'Gordon House, Barrow Street, Dublin 4, Irland',
      privacyPolicyUrl: 'https://policies.google.com/privacy',
      cookiePolicyUrl: 'https://policies.google.com/technologies/cookies',
      rightsContact: 'https://support.google.com/policies/contact/general_privacy_form',
    },
    purposes: [
      {
        text: 'Videobeiträge zu Projekten, Veranstaltungen, Stadtentwicklung',
        legalBasis: PUBLIC_TASK,
      },
      ...INQUIRY_PURPOSES,
    ],
    targetGroups: ['Interessierte an Projekten, Veranstaltungen und Stadtentwicklung'],
    recipients: ['Google Ireland Limited (Plattformbetreiberin)', AGENCIES],
    necessityReasoning: 'YouTube: Zentrale Videoplattform zur Vertiefung komplexer Themen',
    jointControllership: null,
    transfers: [usTransfer(CONCEPT_DATE)],
    storagePeriods: OPERATOR_STORAGE,
  }),
  platform('tiktok', 'TikTok', {
    operator: {
      legalEntity: 'TikTok Technology Limited',
      address: '10 Earlsfort Terrace, Dublin, D02 T380, Irland',
      privacyPolicyUrl: 'https://www.tiktok.com/legal/page/eea/privacy-policy/de',
      cookiePolicyUrl: 'https://www.tiktok.com/legal/page/global/cookie-policy/de',
      rightsContact: 'https://www.tiktok.com/legal/report/privacy',
    },
    purposes: [
      { text: 'kreative, videobasierte Ansprache junger Zielgruppen', legalBasis: PUBLIC_TASK },
      ...INQUIRY_PURPOSES,
    ],
    targetGroups: ['Altersgruppe unter 30 Jahren'],
    recipients: ['TikTok Technology Limited (Plattformbetreiberin)', AGENCIES],
    necessityReasoning:
      'TikTok: Spezifische Reichweite in der Altersgruppe unter 30 Jahren, visuelle, unterhaltsame ' +
      'und niedrigschwellige Ansprache, Kommunikation in einer Altersgruppe, die klassische ' +
      'städtische Kanäle nicht oder kaum nutzt.',
    jointControllership: {
      arrangementUrl:
        'https://www.tiktok.com/legal/page/global/tiktok-analytics-joint-controller-addendum/de',
      essencePublishedUrl:
        'https://www.tiktok.com/legal/page/global/tiktok-analytics-joint-controller-addendum/de',
      scope: 'Analysedaten (Reichweiten- und Interaktionsanalyse)',
      contactPoint: 'TikTok Technology Limited über https://www.tiktok.com/legal/report/privacy',
      forwardingDeadlineDays: 7,
    },
    transfers: [
      { country: 'US', basis: 'scc-2021-914', dpfCheckedOn: null, sccModule: '1', notes: null },
      { country: 'SG', basis: 'scc-2021-914', dpfCheckedOn: null, sccModule: '1', notes: null },
      {
        country: 'CN',
        basis: 'scc-2021-914',
        dpfCheckedOn: null,
        sccModule: '1',
        notes: 'Fernzugriff aus China laut Datenschutzrichtlinie der Betreiberin.',
      },
    ],
    storagePeriods: OPERATOR_STORAGE,
  }),
  platform('linkedin', 'LinkedIn', {
    operator: {
      legalEntity: 'LinkedIn Ireland Unlimited Company',
      address: 'Wilton Plaza, Wilton Place, Dublin 2, Irland',
      privacyPolicyUrl: 'https://de.linkedin.com/legal/privacy-policy',
      cookiePolicyUrl: 'https://de.linkedin.com/legal/cookie-policy',
      rightsContact: 'https://www.linkedin.com/help/linkedin/ask/TSO-DPO',
    },
    purposes: [
      {
        text: 'Personalrecuiting, Fachkräftekommunikation, Netzwerkarbeit',
        legalBasis: PUBLIC_TASK,
      },
      ...INQUIRY_PURPOSES,
    ],
    targetGroups: ['Fachkräfte, Bewerberinnen und Bewerber'],
    recipients: ['LinkedIn Ireland Unlimited Company (Plattformbetreiberin)', AGENCIES],
    necessityReasoning:
      'LinkedIn / Xing: Personalrecuiting, Fachkräftekommunikation, Netzwerkarbeit',
    jointControllership: {
      arrangementUrl: 'https://legal.linkedin.com/pages-joint-controller-addendum',
      essencePublishedUrl: 'https://legal.linkedin.com/pages-joint-controller-addendum',
      scope: 'Seiten-Analysen (Page Insights)',
      contactPoint:
        'LinkedIn Ireland Unlimited Company über https://www.linkedin.com/help/linkedin/ask/TSO-DPO',
      forwardingDeadlineDays: 7,
    },
    transfers: [usTransfer(CONCEPT_DATE)],
    storagePeriods: OPERATOR_STORAGE,
  }),
  platform('xing', 'Xing', {
    operator: {
      legalEntity: 'New Work SE',
      address: 'Am Strandkai 1, 20457 Hamburg',
      privacyPolicyUrl: 'https://privacy.xing.com/de/datenschutzerklaerung',
      cookiePolicyUrl: 'https://privacy.xing.com/de/datenschutzerklaerung',
      rightsContact: 'https://privacy.xing.com/de/datenschutzerklaerung',
    },
    purposes: [
      {
        text: 'Personalrecuiting, Fachkräftekommunikation, Netzwerkarbeit',
        legalBasis: PUBLIC_TASK,
      },
      ...INQUIRY_PURPOSES,
    ],
    targetGroups: ['Fachkräfte, Bewerberinnen und Bewerber'],
    recipients: ['New Work SE (Plattformbetreiberin)', AGENCIES],
    necessityReasoning:
      'LinkedIn / Xing: Personalrecuiting, Fachkräftekommunikation, Netzwerkarbeit',
    jointControllership: null,
    transfers: [],
    storagePeriods: OPERATOR_STORAGE,
  }),
  platform('x', 'X', {
    operator: {
      legalEntity: 'Twitter International Unlimited Company',
      address: 'One Cumberland Place, Fenian Street, Dublin 2, D02 AX07, Irland',
      privacyPolicyUrl: 'https://x.com/de/privacy',
      cookiePolicyUrl: 'https://help.x.com/de/rules-and-policies/x-cookies',
      rightsContact: 'https://help.x.com/de/forms/privacy',
    },
    purposes: [
      {
        text: 'Krisenkommunikation',
        legalBasis: {
          gdpr: 'Art. 6 Abs. 1 lit. e oder lit. c DSGVO',
          national: 'einer spezialgesetzlichen Rechtsvorschrift',
        },
      },
      ...INQUIRY_PURPOSES,
    ],
    targetGroups: ['Allgemeine Öffentlichkeit in Krisenlagen', 'Medien'],
    recipients: ['Twitter International Unlimited Company (Plattformbetreiberin)', AGENCIES],
    necessityReasoning: 'X: Krisenkommunikation',
    jointControllership: null,
    transfers: [
      { country: 'US', basis: 'scc-2021-914', dpfCheckedOn: null, sccModule: '1', notes: null },
    ],
    storagePeriods: OPERATOR_STORAGE,
  }),
];

export const STUTTGART_PROFILE: OrganisationProfile = {
  controllerName: 'Landeshauptstadt Stuttgart',
  controllerAddress: 'Marktplatz 1, 70173 Stuttgart',
  controllerEmail: 'poststelle@stuttgart.de',
  controllerPhone: '0711 216-0',
  dpoContact:
    'Datenschutzbeauftragte/r der Landeshauptstadt Stuttgart, Marktplatz 1, 70173 Stuttgart, datenschutz@stuttgart.de',
  privacyNoticeUrl: 'https://www.stuttgart.de/datenschutz',
  imprintUrl: 'https://www.stuttgart.de/impressum',
  netiquetteUrl: 'https://www.stuttgart.de/netiquette',
  supervisoryAuthority:
    'Der Landesbeauftragte für den Datenschutz und die Informationsfreiheit Baden-Württemberg, ' +
    'Lautenschlagerstraße 20, 70173 Stuttgart, poststelle@lfdi.bwl.de',
  inquiryRetentionMonths: 6,
  securityMeasures:
    'Informationssicherheitskonzept nach dem Stand der Technik, niedergelegt in der „Leitlinie zur ' +
    'Informationssicherheit“ (Konzept §12); Rollen- und Rechtekonzept, Anmeldung mit ' +
    'argon2id-Passwörtern oder Single Sign-on, verschlüsselte Speicherung von Kontaktdaten und ' +
    'Zugangsdaten (AES-256-GCM), manipulationssicheres Audit-Log, Löschung nach Fristablauf.',
  conceptVersion: 'Stand: Juli 2025',
  conceptReviewedOn: CONCEPT_DATE,
  conceptNextReviewOn: NEXT_REVIEW,
};

export interface SeedChannel {
  readonly platform: string;
  readonly name: string;
  readonly handle: string;
  readonly url: string;
  /** Org unit code from the organisation seed. */
  readonly unit: string;
  readonly goals: readonly ChannelGoal[];
  readonly status: ChannelStatus;
  readonly selfPublishing: boolean;
}

export const STUTTGART_CHANNELS: readonly SeedChannel[] = [
  {
    platform: 'facebook',
    name: 'Stadt Stuttgart',
    handle: 'stadtstuttgart',
    url: 'https://www.facebook.com/stadtstuttgart',
    unit: 'OT',
    goals: ['transparenz', 'buergernaehe', 'reichweite', 'beteiligung'],
    status: 'active',
    selfPublishing: true,
  },
  {
    platform: 'instagram',
    name: 'Stadt Stuttgart',
    handle: 'stadtstuttgart',
    url: 'https://www.instagram.com/stadtstuttgart/',
    unit: 'OT',
    goals: ['stadtbild', 'junge-zielgruppen', 'beteiligung'],
    status: 'active',
    selfPublishing: true,
  },
  {
    platform: 'mastodon',
    name: 'Stadt Stuttgart',
    handle: 'stadtstuttgart@social.bund.de',
    url: 'https://social.bund.de/@stadtstuttgart',
    unit: 'OT',
    goals: ['krisenkommunikation', 'transparenz'],
    status: 'active',
    selfPublishing: true,
  },
  {
    platform: 'youtube',
    name: 'Stadt Stuttgart',
    handle: '@stadtstuttgart',
    url: 'https://www.youtube.com/@stadtstuttgart',
    unit: 'OT',
    goals: ['transparenz', 'stadtbild'],
    status: 'active',
    selfPublishing: true,
  },
  {
    platform: 'tiktok',
    name: 'Stadt Stuttgart',
    handle: '@stadtstuttgart',
    url: 'https://www.tiktok.com/@stadtstuttgart',
    unit: 'OT',
    goals: ['junge-zielgruppen', 'stadtbild'],
    status: 'active',
    selfPublishing: true,
  },
  {
    platform: 'x',
    name: 'Stadt Stuttgart',
    handle: '@stadtstuttgart',
    url: 'https://x.com/stadtstuttgart',
    unit: 'OT',
    goals: ['krisenkommunikation'],
    status: 'active',
    selfPublishing: true,
  },
  {
    platform: 'linkedin',
    name: 'Landeshauptstadt Stuttgart – Karriere',
    handle: 'landeshauptstadt-stuttgart',
    url: 'https://www.linkedin.com/company/landeshauptstadt-stuttgart/',
    unit: 'AMT10',
    goals: ['arbeitgebermarke'],
    status: 'active',
    selfPublishing: false,
  },
  {
    platform: 'xing',
    name: 'Landeshauptstadt Stuttgart – Karriere',
    handle: 'landeshauptstadtstuttgart',
    url: 'https://www.xing.com/pages/landeshauptstadtstuttgart',
    unit: 'AMT10',
    goals: ['arbeitgebermarke'],
    status: 'active',
    selfPublishing: false,
  },
  {
    platform: 'instagram',
    name: 'Kulturamt Stuttgart',
    handle: 'kulturamt.stuttgart',
    url: 'https://www.instagram.com/kulturamt.stuttgart/',
    unit: 'AMT41',
    goals: ['beteiligung', 'stadtbild'],
    status: 'planned',
    selfPublishing: false,
  },
];
