/**
 * One verdict per incoming item: word lists, the injected classifier, personal data, spam and
 * off-topic signals, each citing a Netiquette rule. The outcome never exceeds what the cited rule
 * allows, there is no delete outcome, and only 'hide' is ever applied automatically.
 */
import { actionRank, NETIQUETTE_RULE_IDS } from './netiquette.model.ts';
import type { NetiquetteAction, NetiquetteRule } from './netiquette.model.ts';
import { detectPersonalData, PERSONAL_DATA_LABELS, personalDataKinds } from './pii.detect.ts';
import type { PersonalDataKind } from './pii.detect.ts';
import { offTopicSignal, spamSignals } from './spam.signals.ts';
import { normaliseText } from './text.normalise.ts';
import { matchNormalised } from './wordlist.match.ts';
import type { CompiledWordList, WordListMatch } from './wordlist.match.ts';

export type ChannelPolicy = 'suggest' | 'auto-hide';
export type ModerationOutcome = 'ok' | NetiquetteAction;
export type ModerationStage = 'wordlist' | 'classifier' | 'pii' | 'spam' | 'offtopic';

export interface ModerationInput {
  readonly text: string;
  /** The post the comment answers; enables the off-topic signal. */
  readonly postText?: string;
  /** textHash() of recent texts; enables the duplicate signal. */
  readonly recentHashes?: ReadonlySet<string> | readonly string[];
  readonly channelPolicy: ChannelPolicy;
  /** Default 'public'. Direct messages are 'private': personal data there is expected, not hidden. */
  readonly visibility?: 'public' | 'private';
}

export interface ModerationThresholds {
  /** A rule's combined score from which a person should look. */
  readonly flag: number;
  /** A rule's combined score from which the rule's own action (hide, escalate) is proposed. */
  readonly hide: number;
}

export const DEFAULT_THRESHOLDS: ModerationThresholds = { flag: 0.5, hide: 0.8 };

export interface ModerationDeps {
  readonly rules: readonly NetiquetteRule[];
  readonly wordList: CompiledWordList;
  /** Probability 0..1 that the text is offensive; absent when no model is loaded. */
  readonly classifier?: (text: string) => number;
  readonly thresholds?: Partial<ModerationThresholds>;
}

export interface ModerationReason {
  readonly stage: ModerationStage;
  readonly ruleId: string;
  readonly score: number;
  /** German, for staff; never contains the personal data itself. */
  readonly detail: string;
}

export interface Verdict {
  readonly outcome: ModerationOutcome;
  readonly score: number;
  readonly ruleId: string | null;
  readonly reasons: readonly ModerationReason[];
  readonly personalData: readonly PersonalDataKind[];
  readonly suggestPrivateChannel: boolean;
  /** True only for 'hide' on an 'auto-hide' channel; everything else waits for a person. */
  readonly autoApply: boolean;
}

/** Classifier probabilities below this are noise and not reported as a reason. */
const CLASSIFIER_FLOOR = 0.3;
const OUTCOME_RANK: Readonly<Record<ModerationOutcome, number>> = {
  ok: -1,
  flag: actionRank('flag'),
  hide: actionRank('hide'),
  escalate: actionRank('escalate'),
};

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

function quoteTerms(list: CompiledWordList, matches: readonly WordListMatch[]): string {
  const labels = new Set<string>();
  for (const match of matches) {
    const isRegex = list.entries.some((e) => e.term === match.term && e.kind === 'regex');
    labels.add(isRegex ? 'ein Muster' : `„${match.term}“`);
  }
  return [...labels].slice(0, 5).join(', ');
}

function wordListReasons(list: CompiledWordList, matches: readonly WordListMatch[]) {
  const byRule = new Map<string, WordListMatch[]>();
  for (const match of matches) {
    byRule.set(match.ruleId, [...(byRule.get(match.ruleId) ?? []), match]);
  }
  return [...byRule].map(([ruleId, hits]): ModerationReason => ({
    stage: 'wordlist',
    ruleId,
    score: round(1 - hits.reduce((keep, hit) => keep * (1 - hit.weight), 1)),
    detail: `Treffer in der Wortliste: ${quoteTerms(list, hits)}.`,
  }));
}

function classifierReason(
  classifier: ((text: string) => number) | undefined,
  text: string,
): ModerationReason | null {
  if (!classifier) {
    return null;
  }
  let probability: number;
  try {
    probability = classifier(text);
  } catch {
    // A broken model must not stop moderation; the other stages still decide.
    return null;
  }
  if (!Number.isFinite(probability) || probability < CLASSIFIER_FLOOR) {
    return null;
  }
  const score = round(Math.min(1, probability));
  return {
    stage: 'classifier',
    ruleId: NETIQUETTE_RULE_IDS.insult,
    score,
    detail: `Der Klassifikator schätzt den Text mit ${Math.round(score * 100)} % als beleidigend ein.`,
  };
}

interface RuleDecision {
  ruleId: string;
  outcome: ModerationOutcome;
  score: number;
}

/** Caps the wanted outcome at the rule's action; an unknown rule can only be flagged. */
function decide(
  ruleId: string,
  score: number,
  forced: boolean,
  rules: ReadonlyMap<string, NetiquetteRule>,
  thresholds: ModerationThresholds,
): RuleDecision {
  const allowed: NetiquetteAction = rules.get(ruleId)?.action ?? 'flag';
  let outcome: ModerationOutcome = 'ok';
  if (forced || score >= thresholds.hide) {
    outcome = allowed;
  } else if (score >= thresholds.flag) {
    outcome = 'flag';
  }
  return { ruleId, outcome, score };
}

const ruleMaps = new WeakMap<readonly NetiquetteRule[], ReadonlyMap<string, NetiquetteRule>>();

/** The same rule array is passed for every item: index it once. */
function rulesById(rules: readonly NetiquetteRule[]): ReadonlyMap<string, NetiquetteRule> {
  let map = ruleMaps.get(rules);
  if (!map) {
    map = new Map(rules.map((rule) => [rule.id, rule]));
    ruleMaps.set(rules, map);
  }
  return map;
}

/** Moderates one item; pure and synchronous, so it can run in the ingester's hot path. */
export function moderate(input: ModerationInput, deps: ModerationDeps): Verdict {
  const thresholds = { ...DEFAULT_THRESHOLDS, ...deps.thresholds };
  const rules = rulesById(deps.rules);
  const reasons: ModerationReason[] = [];

  const normalised = normaliseText(input.text);
  reasons.push(...wordListReasons(deps.wordList, matchNormalised(deps.wordList, normalised)));
  const classified = classifierReason(deps.classifier, input.text);
  if (classified) {
    reasons.push(classified);
  }

  const personalData = personalDataKinds(detectPersonalData(input.text));
  const isPublic = input.visibility !== 'private';
  if (isPublic && personalData.length > 0) {
    const labels = personalData.map((kind) => PERSONAL_DATA_LABELS[kind]).join(', ');
    reasons.push({
      stage: 'pii',
      ruleId: NETIQUETTE_RULE_IDS.personalData,
      score: 1,
      detail: `Personenbezogene Daten im öffentlichen Kommentar (${labels}). Zum Schutz der schreibenden Person ausblenden und einen privaten Kanal anbieten.`,
    });
  }

  const spam = spamSignals(input.text, {
    normalised: normalised.text,
    ...(input.recentHashes ? { recentHashes: input.recentHashes } : {}),
  });
  if (spam.length > 0) {
    reasons.push({
      stage: 'spam',
      ruleId: NETIQUETTE_RULE_IDS.spam,
      score: round(1 - spam.reduce((keep, signal) => keep * (1 - signal.score), 1)),
      detail: spam.map((signal) => signal.reason).join(' '),
    });
  }
  const offTopic =
    input.postText === undefined
      ? null
      : offTopicSignal(input.text, input.postText, normalised.text);
  if (offTopic) {
    reasons.push({
      stage: 'offtopic',
      ruleId: NETIQUETTE_RULE_IDS.offTopic,
      score: round(offTopic.score),
      detail: offTopic.reason,
    });
  }

  // Independent evidence for the same rule adds up (noisy-or): a list hit plus the classifier.
  const keepByRule = new Map<string, number>();
  for (const reason of reasons) {
    keepByRule.set(reason.ruleId, (keepByRule.get(reason.ruleId) ?? 1) * (1 - reason.score));
  }
  let best: RuleDecision = { ruleId: '', outcome: 'ok', score: 0 };
  let maxScore = 0;
  for (const [ruleId, keep] of keepByRule) {
    const score = round(1 - keep);
    maxScore = Math.max(maxScore, score);
    const forced =
      ruleId === NETIQUETTE_RULE_IDS.personalData && isPublic && personalData.length > 0;
    const decision = decide(ruleId, score, forced, rules, thresholds);
    const stronger =
      OUTCOME_RANK[decision.outcome] > OUTCOME_RANK[best.outcome] ||
      (decision.outcome === best.outcome && decision.score > best.score);
    if (decision.outcome !== 'ok' && stronger) {
      best = decision;
    }
  }

  return {
    outcome: best.outcome,
    score: best.outcome === 'ok' ? maxScore : best.score,
    ruleId: best.outcome === 'ok' ? null : best.ruleId,
    reasons,
    personalData,
    suggestPrivateChannel: isPublic && personalData.length > 0,
    autoApply: input.channelPolicy === 'auto-hide' && best.outcome === 'hide',
  };
}
