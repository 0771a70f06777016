// The configuration the Stadtfunk server generates from the registry for one city website.
// The widget trusts its shape (the server validates it); readConfig only finds it on the page.
import type { Texts } from './widget.texts.ts';

/** How an embed is sized: a 16:9 player or a post of fixed height (data-height, px). */
export type EmbedKind = 'video' | 'post';

export interface ServiceConfig {
  /** Platform id of the registry: youtube, instagram, facebook, x, mastodon, tiktok, linkedin. */
  readonly id: string;
  readonly name: string;
  /** Legal entity that receives the data when the embed loads. */
  readonly operator: string;
  readonly privacyPolicyUrl: string;
  readonly embed: EmbedKind;
}

export interface MatomoConfig {
  /** Base URL of the Matomo instance, ending in a slash. */
  readonly url: string;
  readonly siteId: string;
  /** Track without cookies before consent (requireCookieConsent); otherwise load only after consent. */
  readonly cookieless: boolean;
}

export interface WidgetConfig {
  /** Hash of the configuration: a new version asks visitors again. */
  readonly version: string;
  /** Overrides the page's lang attribute. */
  readonly lang?: 'de' | 'en';
  /** Services of the category "Inhalte aus sozialen Medien", one toggle each. */
  readonly services: readonly ServiceConfig[];
  readonly matomo?: MatomoConfig;
  readonly privacyNoticeUrl: string;
  readonly imprintUrl: string;
  /** Where each choice is sent as a consent proof; no proof is sent without it. */
  readonly proofUrl?: string;
  /** Per-language overrides of the built-in texts. */
  readonly texts?: { readonly de?: Partial<Texts>; readonly en?: Partial<Texts> };
}

declare global {
  interface Window {
    StadtfunkConsentConfig?: WidgetConfig;
  }
}

/**
 * The config fetched from the script tag's data-config URL, else `window.StadtfunkConsentConfig`,
 * else `<script type="application/json" id="stadtfunk-consent-config">` on the page.
 */
export function readConfig(fetched?: unknown): WidgetConfig | undefined {
  const json = document.getElementById('stadtfunk-consent-config')?.textContent;
  const config = (fetched ??
    window.StadtfunkConsentConfig ??
    (json ? JSON.parse(json) : undefined)) as WidgetConfig | undefined;
  return config && typeof config.version === 'string' && Array.isArray(config.services)
    ? config
    : undefined;
}

/** Key under which Matomo's choice is stored next to the services' ids. */
export const STATISTICS = 'matomo';
