// Shapes of the crisis API, taken from the server's schema as types only (erased at build time,
// so zod stays out of the bundle) to keep the pages and the server from drifting apart.
import type {
  CrisisPost,
  CrisisSettings,
  CrisisSettingsInput,
  CrisisStatus,
  Feed,
  FeedInput,
  ImportResult,
  Incident,
  IncidentDetail,
} from '../../../server/src/crisis/crisis.schema.ts';

export type {
  CrisisPost,
  CrisisSettings,
  CrisisSettingsInput,
  CrisisStatus,
  Feed,
  FeedInput,
  ImportResult,
  Incident,
  IncidentDetail,
};
export type Delivery = CrisisPost['deliveries'][number];
export type Target = CrisisPost['targets'][number];
export type SourceMessage = IncidentDetail['messages'][number];
export type LegalBasis = CrisisSettings['legalBasis'];
export type FeedKind = FeedInput['kind'];
export type ImportOutcome = ImportResult['outcomes'][number];

/** What "Jetzt abrufen" answers (the route has no response schema; see feeds.service.ts). */
export interface PollResult {
  feedId: string;
  ok: boolean;
  error: string | null;
  counts: Record<string, number>;
}

export const LEGAL_BASES = ['art6-1-c', 'art6-1-e'] as const satisfies readonly LegalBasis[];
export const FEED_KINDS = [
  'cap-xml',
  'bbk-json',
  'nina-dashboard',
] as const satisfies readonly FeedKind[];

/** Deliveries in these states are still moving; the board keeps asking while any is. */
export const MOVING_STATUSES: ReadonlySet<string> = new Set(['queued', 'sending', 'processing']);

export const BOARD_POLL_MS = 2000;
export const STATUS_POLL_MS = 30_000;
