import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { scoreOffensive } from '../moderation/classifier.model.ts';
import type { ChannelPolicy, ModerationDeps } from '../moderation/moderation.pipeline.ts';
import { listRuleRows, listTermRows } from '../moderation/netiquette.repository.ts';
import { textHash } from '../moderation/spam.signals.ts';
import { compileWordList } from '../moderation/wordlist.match.ts';
import { findChannelPolicies, findRecentTexts } from './ingest.repository.ts';

/**
 * The moderation inputs of one ingestion run, read from the database: the Netiquette as edited by
 * communications, the team's word list and the shipped classifier (null: without one). Loaded once per batch or poll
 * run, so an edited rule takes effect at the next one without a restart.
 */
export async function loadModerationDeps(
  db: Kysely<Database>,
  classifier: ((text: string) => number) | null = scoreOffensive,
): Promise<ModerationDeps> {
  const [rules, terms] = await Promise.all([listRuleRows(db), listTermRows(db)]);
  return {
    rules: rules.map((row) => ({
      id: row.id,
      title: row.title,
      text: row.text,
      titleEn: row.title_en,
      textEn: row.text_en,
      action: row.action,
    })),
    wordList: compileWordList(
      terms.map((row) => ({
        term: row.term,
        kind: row.kind,
        ruleId: row.rule_id,
        weight: row.weight,
        infix: row.infix,
      })),
    ),
    ...(classifier === null ? {} : { classifier }),
  };
}

/** Each channel's policy; a channel without settings only gets suggestions. */
export async function loadChannelPolicies(
  db: Kysely<Database>,
  channelIds: readonly string[],
): Promise<Map<string, ChannelPolicy>> {
  const stored = await findChannelPolicies(db, channelIds);
  return new Map(channelIds.map((id) => [id, stored.get(id) ?? 'suggest']));
}

const DAY_MS = 24 * 60 * 60 * 1000;
const RECENT_TEXTS = 500;

/**
 * Hashes of what the channel received in the last 24 hours: the same long text from several
 * accounts within a day is a copy-paste wave (spam signal). Ingestion adds each new text.
 */
export async function recentTextHashes(
  db: Kysely<Database>,
  channelId: string,
  now: Date,
): Promise<Set<string>> {
  const since = new Date(now.getTime() - DAY_MS);
  return new Set((await findRecentTexts(db, channelId, since, RECENT_TEXTS)).map(textHash));
}
