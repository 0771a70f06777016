// Shapes of the consent API, taken from the server's schema as types only (erased at build time,
// so zod stays out of the bundle) to keep the page and the server from drifting apart.
import type {
  ConsentProof,
  ConsentSettings,
  ConsentSettingsInput,
  ConsentStats,
  WidgetConfig,
  WidgetServiceId,
} from '../../../server/src/consent/consent.schema.ts';

export type { ConsentProof, ConsentSettings, ConsentSettingsInput, ConsentStats, WidgetConfig };
export type { WidgetServiceId };
export type MatomoMode = NonNullable<ConsentSettingsInput['matomo']>['mode'];

/** The services the server accepts, in its order; the check below fails if the server adds one. */
export const SERVICE_IDS = [
  'youtube',
  'instagram',
  'facebook',
  'x',
  'mastodon',
  'tiktok',
  'linkedin',
] as const satisfies readonly WidgetServiceId[];

type Missing = Exclude<WidgetServiceId, (typeof SERVICE_IDS)[number]>;
// A compile-time check: `true` only when no service of the server is missing here.
export const SERVICE_IDS_COMPLETE: [Missing] extends [never] ? true : never = true;

/** Product names are not translated. */
export const SERVICE_NAMES: Readonly<Record<WidgetServiceId | 'matomo', string>> = {
  youtube: 'YouTube',
  instagram: 'Instagram',
  facebook: 'Facebook',
  x: 'X',
  mastodon: 'Mastodon',
  tiktok: 'TikTok',
  linkedin: 'LinkedIn',
  matomo: 'Matomo',
};

/** The pseudonymous id the widget stores and shows to the visitor: 32 lowercase hex digits. */
export const VISITOR_ID_PATTERN = /^[0-9a-f]{32}$/;

export const MIN_RETENTION_DAYS = 30;
export const MAX_RETENTION_DAYS = 3650;
