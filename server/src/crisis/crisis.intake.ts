import { createHash } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { MailLog, Mailer } from '../mail/mailer.ts';
import type { CityMatch } from './area.filter.ts';
import { parseCapXml } from './cap.parse.ts';
import type { CapWarning, ParseResult, Refusal } from './cap.model.ts';
import { refuse } from './cap.model.ts';
import { alertApprovers } from './crisis.alerts.ts';
import { draftCrisisPost } from './crisis.drafts.ts';
import { getCrisisSettings, ingestSettingsOf } from './crisis.settings.ts';
import { ingestWarning } from './incidents.service.ts';
import type { IngestOutcome } from './incidents.service.ts';
import { parseBbkCapJson, parseJsonText, parseMowasFeed } from './mowas.parse.ts';
import { parseNinaWarningDetails } from './nina.parse.ts';

export interface IntakeDeps {
  readonly mailer: Mailer | undefined;
  readonly publicUrl: string;
  readonly log: MailLog;
  readonly fetch?: typeof fetch;
  readonly now: () => Date;
}

export type IntakeOutcome = IngestOutcome | { readonly kind: 'refused'; readonly refusal: Refusal };

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The public page's entry of one incident: the link every warning post carries. */
export function incidentUrl(publicUrl: string, incidentId: string): string {
  return `${publicUrl}/warnungen#warnung-${incidentId}`;
}

/**
 * Every warning in a document, whatever the source format: CAP 1.2 XML, a BBK feed (JSON array),
 * one BBK CAP-JSON object or NINA warning details. Bad items are refused one by one.
 */
export function parseWarnings(content: string): readonly ParseResult<CapWarning>[] {
  const start = content.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) {
    return [parseCapXml(content)];
  }
  if (start.startsWith('[')) {
    const feed = parseMowasFeed(content);
    return feed.ok ? feed.value : [feed];
  }
  if (start.startsWith('{')) {
    const json = parseJsonText(content);
    if (!json.ok) {
      return [json];
    }
    const bbk = parseBbkCapJson(json.value);
    return [bbk.ok ? bbk : parseNinaWarningDetails(json.value as object)];
  }
  return [refuse('not-cap', start === '' ? 'Leere Eingabe' : 'Weder XML noch JSON')];
}

/**
 * One warning through the whole fast path: incident lifecycle, the drafted post, the alert to
 * the approvers. Returns what happened to it.
 */
export async function processWarning(
  db: Kysely<Database>,
  input: { warning: CapWarning; sourceHash: string; feedId: string | null; match?: CityMatch },
  deps: IntakeDeps,
): Promise<IntakeOutcome> {
  const settings = await getCrisisSettings(db);
  const now = deps.now();
  const outcome = await ingestWarning(db, input, ingestSettingsOf(settings), now);
  if (outcome.kind !== 'incident') {
    return outcome;
  }
  await draftAndAlert(
    db,
    outcome.incident.id,
    outcome.messageId,
    input.warning,
    outcome.change,
    'de',
    deps,
  );
  return outcome;
}

export async function draftAndAlert(
  db: Kysely<Database>,
  incidentId: string,
  messageId: string,
  warning: CapWarning,
  change: 'alert' | 'update' | 'allclear',
  language: string,
  deps: IntakeDeps,
): Promise<string | undefined> {
  const now = deps.now();
  const draft = await draftCrisisPost(
    db,
    {
      incidentId,
      messageId,
      warning,
      change,
      language,
      detailsUrl: incidentUrl(deps.publicUrl, incidentId),
    },
    now,
  );
  if (draft === undefined) {
    return undefined;
  }
  await alertApprovers(
    db,
    {
      postId: draft.postId,
      incidentId,
      headline: draft.incident.headline,
      severity: draft.incident.severity,
      kind: draft.kind,
      test: draft.incident.status !== 'Actual',
      escalation: false,
    },
    { ...deps, now },
  );
  return draft.postId;
}

/** A document pasted or uploaded by a person (drills, or a feed Stadtfunk cannot reach). */
export async function importContent(
  db: Kysely<Database>,
  content: string,
  deps: IntakeDeps,
): Promise<IntakeOutcome[]> {
  const hash = sha256(content);
  const outcomes: IntakeOutcome[] = [];
  for (const result of parseWarnings(content)) {
    outcomes.push(
      result.ok
        ? await processWarning(db, { warning: result.value, sourceHash: hash, feedId: null }, deps)
        : { kind: 'refused', refusal: result.refusal },
    );
  }
  return outcomes;
}
