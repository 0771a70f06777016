/** Controlled vocabularies of the registry, named after the Social-Media-Konzept. */

/** Concept §1: the goals a channel serves. */
export const CHANNEL_GOALS = [
  'transparenz',
  'buergernaehe',
  'reichweite',
  'junge-zielgruppen',
  'beteiligung',
  'krisenkommunikation',
  'arbeitgebermarke',
  'stadtbild',
] as const;
export type ChannelGoal = (typeof CHANNEL_GOALS)[number];

export const CHANNEL_GOAL_LABELS: Readonly<Record<ChannelGoal, string>> = {
  transparenz: 'Förderung der Transparenz kommunaler Arbeit',
  buergernaehe: 'Stärkung der Bürgernähe und des Dialogs',
  reichweite: 'Erweiterung der Reichweite städtischer Informationen',
  'junge-zielgruppen': 'Ansprache neuer, insbesondere jüngerer Zielgruppen',
  beteiligung: 'Bewerbung von Beteiligungsformaten und Veranstaltungen',
  krisenkommunikation: 'Krisenkommunikation, Warnhinweise, aktuelle Meldungen',
  arbeitgebermarke: 'Starke Arbeitgebermarke',
  stadtbild: 'Attraktives Stadtbild',
};

export const CHANNEL_STATUSES = ['planned', 'active', 'paused', 'retired'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

export const NECESSITY_OUTCOMES = [
  'necessary',
  'necessary-with-conditions',
  'not-necessary',
] as const;
export type NecessityOutcome = (typeof NECESSITY_OUTCOMES)[number];

export const DPIA_STATUSES = ['draft', 'in-review', 'signed-off', 'outdated'] as const;
export type DpiaStatus = (typeof DPIA_STATUSES)[number];

/** Art. 45 / 46(2)(c) / 47 / 49 and the EU-US Data Privacy Framework (2023/1795). */
export const TRANSFER_BASES = [
  'adequacy',
  'eu-us-dpf',
  'scc-2021-914',
  'bcr',
  'art49-derogation',
] as const;
export type TransferBasis = (typeof TRANSFER_BASES)[number];

export const SCC_MODULES = ['1', '2', '3', '4'] as const;

export const PROFILE_NOTICE_METHODS = ['api', 'manual'] as const;

export const REVIEW_SUBJECTS = ['necessity', 'dpia', 'concept'] as const;
export type ReviewSubject = (typeof REVIEW_SUBJECTS)[number];
