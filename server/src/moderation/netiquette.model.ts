/**
 * The Netiquette as data (concept §14): every moderation decision cites one of these rules, and a
 * rule's action is the strongest outcome it allows. A public authority hides, flags or escalates;
 * it never deletes, so there is no delete action.
 */

/** Ordered from mildest to strongest; a rule allows its own action and every milder one. */
export const NETIQUETTE_ACTIONS = ['flag', 'hide', 'escalate'] as const;
export type NetiquetteAction = (typeof NETIQUETTE_ACTIONS)[number];

export interface NetiquetteRule {
  /** Stable slug; decisions and the audit log refer to it, so it never changes once used. */
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly titleEn: string;
  readonly textEn: string;
  readonly action: NetiquetteAction;
}

/** The ids the detectors cite; the editor may change texts and actions but should keep these. */
export const NETIQUETTE_RULE_IDS = {
  insult: 'beleidigung',
  discrimination: 'diskriminierung',
  threat: 'bedrohung',
  personalData: 'personenbezogene-daten',
  spam: 'spam-werbung',
  offTopic: 'themenfremd',
  illegal: 'rechtswidrige-inhalte',
  copyright: 'urheberrecht',
  impersonation: 'identitaetstaeuschung',
} as const;
export type NetiquetteRuleId = (typeof NETIQUETTE_RULE_IDS)[keyof typeof NETIQUETTE_RULE_IDS];

/**
 * Default rules. Concept §14 only states the principles (on topic, factual, respectful) and links
 * the city's Netiquette page; the catalogue below follows the usual municipal Netiquette.
 */
export const STUTTGART_NETIQUETTE: readonly NetiquetteRule[] = [
  {
    id: NETIQUETTE_RULE_IDS.insult,
    title: 'Keine Beleidigungen',
    text: 'Bitte bleiben Sie sachlich und respektvoll. Beleidigungen, Beschimpfungen und herabwürdigende Äußerungen über andere Personen – auch über Mitarbeitende der Stadtverwaltung – werden ausgeblendet.',
    titleEn: 'No insults',
    textEn:
      'Please stay factual and respectful. Insults, abuse and degrading remarks about other people, including city staff, will be hidden.',
    action: 'hide',
  },
  {
    id: NETIQUETTE_RULE_IDS.discrimination,
    title: 'Keine Diskriminierung und Hetze',
    text: 'Äußerungen, die Menschen wegen ihrer Herkunft, Hautfarbe, Religion, Weltanschauung, Behinderung, ihres Alters, Geschlechts oder ihrer sexuellen Identität herabsetzen oder zu Hass aufstacheln, werden ausgeblendet.',
    titleEn: 'No discrimination or hate speech',
    textEn:
      'Statements that demean people because of their origin, colour, religion, beliefs, disability, age, gender or sexual identity, or that incite hatred, will be hidden.',
    action: 'hide',
  },
  {
    id: NETIQUETTE_RULE_IDS.threat,
    title: 'Keine Drohungen und Gewaltaufrufe',
    text: 'Drohungen, Gewaltaufrufe und die Verherrlichung von Gewalt sind nicht erlaubt. Solche Beiträge werden geprüft und können zur Anzeige gebracht werden.',
    titleEn: 'No threats or calls to violence',
    textEn:
      'Threats, calls to violence and the glorification of violence are not allowed. Such posts are reviewed and may be reported to the police.',
    action: 'escalate',
  },
  {
    id: NETIQUETTE_RULE_IDS.personalData,
    title: 'Keine persönlichen Daten',
    text: 'Bitte veröffentlichen Sie keine persönlichen Daten – weder Ihre eigenen noch die anderer Personen (z. B. Telefonnummern, E-Mail-Adressen, Anschriften, Bankverbindungen, Geburtsdaten, Kfz-Kennzeichen). Zu Ihrem Schutz blenden wir solche Kommentare aus. Für persönliche Anliegen nutzen Sie bitte die Direktnachricht oder unser Kontaktformular.',
    titleEn: 'No personal data',
    textEn:
      "Please do not publish personal data, neither your own nor anyone else's (e.g. phone numbers, e-mail addresses, postal addresses, bank details, dates of birth, licence plates). To protect you, we hide such comments. For personal matters, please use a direct message or our contact form.",
    action: 'hide',
  },
  {
    id: NETIQUETTE_RULE_IDS.spam,
    title: 'Keine Werbung und kein Spam',
    text: 'Kommerzielle Werbung, Kettenbriefe, wiederholt gepostete Inhalte und massenhafte Links sind nicht erlaubt und werden ausgeblendet.',
    titleEn: 'No advertising or spam',
    textEn:
      'Commercial advertising, chain letters, repeatedly posted content and mass links are not allowed and will be hidden.',
    action: 'hide',
  },
  {
    id: NETIQUETTE_RULE_IDS.offTopic,
    title: 'Beim Thema bleiben',
    text: 'Kommentare sollen sich auf den jeweiligen Beitrag beziehen. Für andere Anliegen erreichen Sie uns per Direktnachricht oder über das Kontaktformular.',
    titleEn: 'Stay on topic',
    textEn:
      'Comments should relate to the post they answer. For other matters, please reach us by direct message or through the contact form.',
    action: 'flag',
  },
  {
    id: NETIQUETTE_RULE_IDS.illegal,
    title: 'Keine rechtswidrigen Inhalte',
    text: 'Strafbare Inhalte – etwa verfassungsfeindliche Symbole und Parolen, Volksverhetzung oder Aufrufe zu Straftaten – werden geprüft und gegebenenfalls zur Anzeige gebracht.',
    titleEn: 'No unlawful content',
    textEn:
      'Criminal content, such as symbols and slogans of unconstitutional organisations, incitement to hatred or calls to commit crimes, is reviewed and may be reported to the police.',
    action: 'escalate',
  },
  {
    id: NETIQUETTE_RULE_IDS.copyright,
    title: 'Urheberrechte achten',
    text: 'Bitte veröffentlichen Sie nur Texte, Bilder und Videos, an denen Sie die Rechte haben. Hinweise auf Urheberrechtsverletzungen prüfen wir.',
    titleEn: 'Respect copyright',
    textEn:
      'Please only publish texts, images and videos you hold the rights to. We review reports of copyright infringements.',
    action: 'flag',
  },
  {
    id: NETIQUETTE_RULE_IDS.impersonation,
    title: 'Keine falsche Identität',
    text: 'Geben Sie sich nicht als eine andere Person, Behörde oder Organisation aus – insbesondere nicht als Stadtverwaltung oder deren Mitarbeitende.',
    titleEn: 'No impersonation',
    textEn:
      'Do not pretend to be another person, authority or organisation, in particular the city administration or its staff.',
    action: 'flag',
  },
];

/** How strong an outcome is; used to cap a desired outcome at what the cited rule allows. */
export function actionRank(action: NetiquetteAction): number {
  return NETIQUETTE_ACTIONS.indexOf(action);
}

/** Looks a rule up by id in the (possibly edited) rule set. */
export function findRule(rules: readonly NetiquetteRule[], id: string): NetiquetteRule | undefined {
  return rules.find((rule) => rule.id === id);
}
