import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { notFound } from '../errors/errors.ts';
import type { CapWarning, ParseResult } from './cap.model.ts';
import { MAX_INPUT_BYTES } from './cap.model.ts';
import { findFeedRow, listFeedRows } from './crisis.repository.ts';
import type { Feed, FeedInput } from './crisis.schema.ts';
import type { CrisisFeedRow } from './crisis.table.ts';
import { parseWarnings, processWarning, sha256 } from './crisis.intake.ts';
import type { IntakeDeps, IntakeOutcome } from './crisis.intake.ts';
import { canonicalIdentifier } from './incidents.service.ts';
import { parseNinaDashboard, parseNinaWarningDetails } from './nina.parse.ts';
import { isZip, readZip } from './crisis.zip.ts';

const FETCH_TIMEOUT_MS = 15_000;
/** The DWD's full archive of current warnings is a few MB; a single message far less. */
const MAX_FEED_BYTES = 20 * 1024 * 1024;
/** A NINA dashboard rarely lists more than a few dozen warnings for one Kreis. */
const MAX_NINA_DETAILS = 50;

function toFeed(row: CrisisFeedRow): Feed {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    pollSeconds: row.poll_seconds,
    enabled: row.enabled,
    lastPolledAt: row.last_polled_at?.toISOString() ?? null,
    lastOkAt: row.last_ok_at?.toISOString() ?? null,
    lastError: row.last_error,
    lastCounts: row.last_counts,
  };
}

export async function listFeeds(db: Kysely<Database>): Promise<Feed[]> {
  return (await listFeedRows(db)).map(toFeed);
}

export async function saveFeed(
  db: Kysely<Database>,
  actor: Actor,
  id: string | null,
  input: FeedInput,
  now: Date = new Date(),
): Promise<Feed> {
  return db.transaction().execute(async (trx) => {
    const values = {
      name: input.name,
      kind: input.kind,
      url: input.url,
      poll_seconds: input.pollSeconds,
      enabled: input.enabled,
      updated_at: now,
    };
    const row =
      id === null
        ? await trx
            .insertInto('crisis_feeds')
            .values({ ...values, last_counts: JSON.stringify(null), created_at: now })
            .returningAll()
            .executeTakeFirstOrThrow()
        : await trx
            .updateTable('crisis_feeds')
            .set(values)
            .where('id', '=', id)
            .returningAll()
            .executeTakeFirst();
    if (row === undefined) {
      throw notFound('Diese Warnquelle gibt es nicht.');
    }
    await recordAudit(
      trx,
      actor,
      {
        action: id === null ? 'crisis.feed.created' : 'crisis.feed.updated',
        objectType: 'crisis-feed',
        objectId: row.id,
        summary: `Warnquelle „${input.name}“ (${input.kind}) gespeichert`,
      },
      now,
    );
    return toFeed(row);
  });
}

export async function deleteFeed(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('crisis_feeds')
      .where('id', '=', id)
      .returning('name')
      .executeTakeFirst();
    if (row === undefined) {
      throw notFound('Diese Warnquelle gibt es nicht.');
    }
    await recordAudit(trx, actor, {
      action: 'crisis.feed.deleted',
      objectType: 'crisis-feed',
      objectId: id,
      summary: `Warnquelle „${row.name}“ gelöscht`,
    });
  });
}

class FeedFetchError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'FeedFetchError';
  }
}

async function fetchBytes(fetcher: typeof fetch, url: string): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetcher(url, {
      headers: { accept: 'application/xml, application/json, application/zip, */*' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    throw new FeedFetchError(
      error instanceof Error && error.name === 'TimeoutError'
        ? 'Zeitüberschreitung beim Abruf'
        : 'Quelle nicht erreichbar',
    );
  }
  if (!response.ok) {
    throw new FeedFetchError(`Quelle antwortet mit HTTP ${String(response.status)}`);
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_FEED_BYTES) {
    throw new FeedFetchError('Antwort ist größer als 20 MB');
  }
  return bytes;
}

async function fetchText(fetcher: typeof fetch, url: string): Promise<string> {
  const bytes = await fetchBytes(fetcher, url);
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new FeedFetchError('Antwort ist größer als 5 MB');
  }
  return bytes.toString('utf8');
}

/**
 * A CAP feed answer: one message, a BBK array, or a ZIP of CAP files (the DWD's form, one XML
 * per message). Each message is hashed as its own source.
 */
async function fetchCapDocuments(fetcher: typeof fetch, url: string): Promise<Fetched[]> {
  const bytes = await fetchBytes(fetcher, url);
  if (!isZip(bytes)) {
    if (bytes.length > MAX_INPUT_BYTES) {
      throw new FeedFetchError('Antwort ist größer als 5 MB');
    }
    const text = bytes.toString('utf8');
    const hash = sha256(text);
    return parseWarnings(text).map((warning) => ({ warning, hash }));
  }
  const archive = readZip(bytes);
  if (!archive.ok) {
    throw new FeedFetchError(archive.reason);
  }
  return archive.entries
    .filter((entry) => entry.name.toLowerCase().endsWith('.xml'))
    .flatMap((entry) => {
      const text = entry.data.toString('utf8');
      const hash = sha256(text);
      return parseWarnings(text).map((warning) => ({ warning, hash }));
    });
}

/** NINA serves details next to the dashboard: …/dashboard/{ARS}.json → …/warnings/{id}.json. */
export function ninaDetailsUrl(dashboardUrl: string, id: string): string {
  return dashboardUrl.replace(
    /\/dashboard\/[^/]+\.json(\?.*)?$/,
    `/warnings/${encodeURIComponent(id)}.json`,
  );
}

interface Fetched {
  readonly warning: ParseResult<CapWarning>;
  readonly hash: string;
}

/**
 * NINA keeps one id across Alert → Update and counts `version` up: each new version becomes a
 * message of its own that references the previous one, so the lifecycle sees an update.
 */
function asNinaRevision(warning: CapWarning, version: number | undefined): CapWarning {
  if (version === undefined || version <= 1) {
    return warning;
  }
  return {
    ...warning,
    identifier: `${warning.identifier}#v${String(version)}`,
    msgType: warning.msgType === 'Alert' ? 'Update' : warning.msgType,
    references: [
      ...warning.references,
      { sender: warning.sender, identifier: warning.identifier, sent: undefined },
    ],
  };
}

async function fetchNina(
  db: Kysely<Database>,
  fetcher: typeof fetch,
  feed: CrisisFeedRow,
): Promise<Fetched[]> {
  const dashboard = parseNinaDashboard(await fetchText(fetcher, feed.url));
  if (!dashboard.ok) {
    throw new FeedFetchError(dashboard.refusal.reason);
  }
  const fetched: Fetched[] = [];
  for (const item of dashboard.value.items.slice(0, MAX_NINA_DETAILS)) {
    const version =
      item.version !== undefined && item.version > 1 ? `#v${String(item.version)}` : '';
    const known = await db
      .selectFrom('crisis_messages')
      .select('id')
      .where('identifier', '=', `${canonicalIdentifier(item.id)}${version}`)
      .executeTakeFirst();
    if (known !== undefined) {
      continue;
    }
    const text = await fetchText(fetcher, ninaDetailsUrl(feed.url, item.id));
    const parsed = parseNinaWarningDetails(text);
    fetched.push({
      warning: parsed.ok ? { ok: true, value: asNinaRevision(parsed.value, item.version) } : parsed,
      hash: sha256(text),
    });
  }
  return fetched;
}

export interface PollResult {
  readonly feedId: string;
  readonly ok: boolean;
  readonly error: string | null;
  readonly counts: Readonly<Record<string, number>>;
}

/** Fetches one feed and runs every warning in it through the fast path. Never throws. */
export async function pollFeed(
  db: Kysely<Database>,
  feed: CrisisFeedRow,
  deps: IntakeDeps,
): Promise<PollResult> {
  const fetcher = deps.fetch ?? fetch;
  const now = deps.now();
  const counts: Record<string, number> = {};
  let error: string | null = null;
  try {
    const fetched: Fetched[] =
      feed.kind === 'nina-dashboard'
        ? await fetchNina(db, fetcher, feed)
        : await fetchCapDocuments(fetcher, feed.url);
    const area = await db.selectFrom('crisis_settings').select('ars').executeTakeFirstOrThrow();
    for (const item of fetched) {
      const outcome: IntakeOutcome = item.warning.ok
        ? await processWarning(
            db,
            {
              warning: item.warning.value,
              sourceHash: item.hash,
              feedId: feed.id,
              ...(feed.kind === 'nina-dashboard'
                ? {
                    match: {
                      concerns: true,
                      by: 'ars' as const,
                      reason: `aus dem NINA-Dashboard für ARS ${area.ars}`,
                    },
                  }
                : {}),
            },
            deps,
          )
        : { kind: 'refused', refusal: item.warning.refusal };
      counts[outcome.kind] = (counts[outcome.kind] ?? 0) + 1;
    }
  } catch (caught) {
    if (!(caught instanceof FeedFetchError)) {
      throw caught;
    }
    error = caught.reason;
  }
  await db
    .updateTable('crisis_feeds')
    .set({
      last_polled_at: now,
      ...(error === null ? { last_ok_at: now } : {}),
      last_error: error,
      last_counts: JSON.stringify(counts),
    })
    .where('id', '=', feed.id)
    .execute();
  return { feedId: feed.id, ok: error === null, error, counts };
}

/** Polls every enabled feed whose interval has passed. */
export async function pollDueFeeds(db: Kysely<Database>, deps: IntakeDeps): Promise<PollResult[]> {
  const now = deps.now().getTime();
  const due = (await listFeedRows(db)).filter(
    (feed) =>
      feed.enabled &&
      (feed.last_polled_at === null ||
        feed.last_polled_at.getTime() + feed.poll_seconds * 1000 <= now + 1000),
  );
  const results: PollResult[] = [];
  for (const feed of due) {
    results.push(await pollFeed(db, feed, deps));
  }
  return results;
}

export async function pollFeedNow(
  db: Kysely<Database>,
  id: string,
  deps: IntakeDeps,
): Promise<PollResult> {
  const feed = await findFeedRow(db, id);
  if (feed === undefined) {
    throw notFound('Diese Warnquelle gibt es nicht.');
  }
  return pollFeed(db, feed, deps);
}
