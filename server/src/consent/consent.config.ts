import { createHash } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { getOrganisationProfile } from '../registry/organisation.service.ts';
import { listPlatformRows } from '../registry/registry.repository.ts';
import { WIDGET_SERVICE_IDS } from './consent.schema.ts';
import type { ConsentSettings, WidgetConfig, WidgetServiceId } from './consent.schema.ts';
import { getConsentSettings } from './consent.settings.ts';

/** YouTube plays 16:9; the others embed posts of a fixed height (TikTok's player is upright). */
const EMBED_KIND: Readonly<Record<WidgetServiceId, 'video' | 'post'>> = {
  youtube: 'video',
  instagram: 'post',
  facebook: 'post',
  x: 'post',
  mastodon: 'post',
  tiktok: 'post',
  linkedin: 'post',
};

export const PROOF_PATH = '/api/consent/proofs';

/** Sorted keys, no whitespace: the same config always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function configVersion(config: Omit<WidgetConfig, 'version'>): string {
  return createHash('sha256').update(canonicalJson(config)).digest('hex');
}

export interface ConfigOptions {
  /** Absolute URL of the server: the widget runs on the city website, another origin. */
  readonly publicUrl: string;
  /** Replaces the settings, e.g. the demo page's example Matomo. */
  readonly settings?: ConsentSettings;
}

/** The widget's configuration from the registry's platforms and profile plus the settings row. */
export async function buildWidgetConfig(
  db: Kysely<Database>,
  options: ConfigOptions,
): Promise<WidgetConfig> {
  const settings = options.settings ?? (await getConsentSettings(db));
  const profile = await getOrganisationProfile(db);
  const platforms = new Map((await listPlatformRows(db)).map((row) => [row.key, row]));
  const services = WIDGET_SERVICE_IDS.filter((id) => settings.services.includes(id)).flatMap(
    (id) => {
      const platform = platforms.get(id);
      return platform === undefined
        ? []
        : [
            {
              id,
              name: platform.name,
              operator: platform.operator.legalEntity,
              privacyPolicyUrl: platform.operator.privacyPolicyUrl,
              embed: EMBED_KIND[id],
            },
          ];
    },
  );
  const config: Omit<WidgetConfig, 'version'> = {
    services,
    ...(settings.matomo
      ? {
          matomo: {
            url: settings.matomo.url,
            siteId: settings.matomo.siteId,
            cookieless: settings.matomo.mode === 'cookieless',
          },
        }
      : {}),
    privacyNoticeUrl: profile.privacyNoticeUrl,
    imprintUrl: profile.imprintUrl,
    proofUrl: `${options.publicUrl}${PROOF_PATH}`,
  };
  return { version: configVersion(config), ...config };
}
