import type { Capability, ConnectorDescriptor, PlatformKey, PlatformLimits } from './connector.ts';
import { LINKEDIN_CAPABILITIES, LINKEDIN_LIMITS } from './linkedin/linkedin.limits.ts';
import { MASTODON_CAPABILITIES } from './mastodon/mastodon.connector.ts';
import { instanceLimitsFrom, toPlatformLimits } from './mastodon/mastodon.limits.ts';
import {
  FACEBOOK_CAPABILITIES,
  FACEBOOK_LIMITS,
  INSTAGRAM_CAPABILITIES,
  INSTAGRAM_LIMITS,
} from './meta/meta.limits.ts';
import { TIKTOK_CAPABILITIES, TIKTOK_LIMITS } from './tiktok/tiktok.limits.ts';
import { X_CAPABILITIES, X_LIMITS } from './x/x.limits.ts';
import { XING_DESCRIPTOR } from './xing/xing.descriptor.ts';
import { YOUTUBE_CAPABILITIES, YOUTUBE_LIMITS } from './youtube/youtube.limits.ts';

/**
 * What each platform offers Stadtfunk and what a city must apply for there, in one table: the
 * source of docs/platforms.md (`npm run docs:platforms`). Capabilities and limits are the
 * connectors' own data; a test keeps both in step with the connectors.
 */
export interface PlatformEntry extends ConnectorDescriptor {
  readonly name: string;
  /** Static limits; for Mastodon the defaults, since each instance reports its own. */
  readonly limits: PlatformLimits;
  readonly limitsNote: string | null;
  readonly tokenLifetime: string;
  /** What the city must register, apply for or have reviewed before the connector works. */
  readonly applyFor: readonly string[];
  /** What the tests could only check against the sandbox, not against the real platform. */
  readonly unverified: readonly string[];
}

const api = (capabilities: ReadonlySet<Capability>) => ({ mode: 'api' as const, capabilities });

export const PLATFORM_CATALOGUE: readonly PlatformEntry[] = [
  {
    key: 'mastodon',
    name: 'Mastodon',
    ...api(MASTODON_CAPABILITIES),
    limits: toPlatformLimits(
      instanceLimitsFrom({
        configuration: {
          statuses: { maxCharacters: 500, maxMediaAttachments: 4, charactersReservedPerUrl: 23 },
        },
      }),
    ),
    limitsNote:
      'Defaults of a stock instance; the connector reads the real limits from the instance (`/api/v2/instance`).',
    tokenLifetime: 'unlimited (until revoked)',
    applyFor: [
      'Nothing to apply for: Stadtfunk registers its app on the instance at the first "Verbinden" (`POST /api/v1/apps`).',
      'An account on an instance whose operator allows institutional accounts (ideally one run by or for the public sector).',
      'Scopes `read:accounts read:statuses read:notifications write:statuses write:media write:accounts` (pinning needs `write:accounts`); an app registered with fewer scopes is registered again at the next "Verbinden".',
    ],
    unverified: [
      'The timing of the 504 race after which a status exists although the proxy gave up (mastodon#21840); the sandbox simulates it as a dropped answer.',
    ],
  },
  {
    key: 'x',
    name: 'X',
    ...api(X_CAPABILITIES),
    limits: X_LIMITS,
    limitsNote: 'Weighted length (`twitter-text`): URLs count 23, emoji and CJK count 2.',
    tokenLifetime: '2 hours, renewed automatically (rotating refresh token, `offline.access`)',
    applyFor: [
      'A developer account and a project with an app in the X developer portal; the callback URL `<PUBLIC_URL>/api/connections/callback` registered for OAuth 2.0.',
      'A paid access tier for the posting volume and for reading replies and mentions; the free tier allows very few posts a day.',
      'Scopes: `tweet.read tweet.write users.read media.write offline.access tweet.moderate.write` (hiding replies); channels connected before hiding was added must be connected again.',
    ],
    unverified: [
      'Error bodies and rate-limit headers of the paid tiers.',
      'Whether the recent-posts listing used after an unknown outcome sees a post immediately.',
      'Which access tier reads mentions today (published limit 300 per 15 minutes; older Basic-tier figures say 10), whether hidden replies still appear in mentions, and the error bodies of the hidden-replies endpoint.',
    ],
  },
  {
    key: 'facebook',
    name: 'Facebook (Seiten)',
    ...api(FACEBOOK_CAPABILITIES),
    limits: FACEBOOK_LIMITS,
    limitsNote: null,
    tokenLifetime: 'Page token without expiry (derived from a long-lived user token)',
    applyFor: [
      'A Meta app of type "Business", Business Verification of the city, and App Review (Advanced Access) for `pages_manage_posts`, `pages_read_engagement`, `pages_manage_engagement`, `pages_read_user_content`, and `read_insights` for the Page statistics (aggregated numbers only).',
      'A Page with at least 100 followers: Meta returns no Page Insights below that. Channels connected before `read_insights` was requested must be connected again to grant it.',
      'The callback URL registered under Facebook Login; page admins with two-factor authentication and, where required, Page Publishing Authorization.',
      'For comment webhooks: a subscription of the app to the Page (`subscribed_apps`) with a verify token and the app secret.',
    ],
    unverified: [
      'The exact App Review outcome per permission and some error subcodes (e.g. of code 10/200 permission errors, and whether a missing `read_insights` answers 10 or 200).',
      'Which Page Insights metrics still answer at a given time (Meta retired page_impressions* and page_fan* in 2025; page_media_view, page_post_engagements, page_daily_follows_unique, page_daily_unfollows_unique, page_follows are used) and how Meta cuts days at window boundaries (Pacific time).',
      'Whether a page post created by another tool (not this app) can be edited; the sandbox lets the app edit every page post.',
      'Webhook payload details (`feed` values) and Meta’s retry schedule.',
    ],
  },
  {
    key: 'instagram',
    name: 'Instagram (Business)',
    ...api(INSTAGRAM_CAPABILITIES),
    limits: INSTAGRAM_LIMITS,
    limitsNote:
      'Publishing cap read at run time (`content_publishing_limit`, 50 posts per 24 hours at the time of writing); media must be at a public URL Meta fetches.',
    tokenLifetime: 'Page token without expiry (same Meta app as Facebook)',
    applyFor: [
      'The same Meta app with App Review for `instagram_basic`, `instagram_content_publish`, `instagram_manage_comments`, and `instagram_manage_insights` for the account statistics (aggregated numbers only); channels connected earlier must be connected again to grant it.',
      'An Instagram professional (Business) account linked to the city’s Facebook Page.',
    ],
    unverified: [
      'Container error subcodes beyond those documented; the real processing time of video containers.',
      'The exact error bodies of account insights (an unknown metric, a total-only metric without `metric_type=total_value`, more than 30 days per call) and the code for a missing `instagram_manage_insights`; a period over 30 days is added up window by window, so reach counts a person once per window.',
    ],
  },
  {
    key: 'linkedin',
    name: 'LinkedIn (Unternehmensseite)',
    ...api(LINKEDIN_CAPABILITIES),
    limits: LINKEDIN_LIMITS,
    limitsNote: null,
    tokenLifetime: '60 days, no renewal (reminders 14, 7 and 1 day ahead)',
    applyFor: [
      'A LinkedIn developer app verified by an admin of the city’s Company Page.',
      'The "Community Management API" product (access request and technical sign-off) for `w_organization_social`, `r_organization_social`, `rw_organization_admin`; without it the app can neither post for the Page nor read comments.',
      'Programmatic refresh tokens only for approved partners: otherwise someone reconnects every 60 days.',
    ],
    unverified: [
      'Whether the author finder lists a new post immediately; without the Community Management API an unknown outcome stays undecidable (a person resolves it).',
      'The `LinkedIn-Version` the real API accepts at a given time (versions retire after about a year).',
    ],
  },
  {
    key: 'youtube',
    name: 'YouTube',
    ...api(YOUTUBE_CAPABILITIES),
    limits: YOUTUBE_LIMITS,
    limitsNote:
      'Description counted in UTF-8 bytes; `<` and `>` are refused. Quota: 10 000 units a day, reset at midnight Pacific time.',
    tokenLifetime: '1 hour, renewed automatically (refresh token does not rotate)',
    applyFor: [
      'A Google Cloud project with the YouTube Data API v3 and YouTube Analytics API enabled, and an OAuth consent screen verified by Google for the scopes `youtube.upload`, `youtube.force-ssl` (restricted: may need a security assessment), `youtube.readonly`, `yt-analytics.readonly`.',
      'The YouTube API audit: projects created after 28 July 2020 upload only private videos until audited; a quota extension where 10 000 units a day are not enough.',
    ],
    unverified: [
      'Exact error bodies (quota, chunk errors), whether new uploads appear in the uploads playlist at once, and whether the API exposes channel links.',
    ],
  },
  {
    key: 'tiktok',
    name: 'TikTok',
    ...api(TIKTOK_CAPABILITIES),
    limits: TIKTOK_LIMITS,
    limitsNote:
      'Video or up to 35 photos, never both; the video duration cap comes from `creator_info` before each post.',
    tokenLifetime: 'as TikTok answers (`expires_in`), renewed automatically with the refresh token',
    applyFor: [
      'A TikTok for Developers app with Login Kit and the Content Posting API (Direct Post), scopes `video.publish`, `video.upload`, `user.info.basic`, `user.info.profile`, `user.info.stats`, `video.list` approved.',
      'The audit for public posting: an unaudited app may only post as SELF_ONLY to private accounts (at most five users a day).',
      'Verification of the domain or URL prefix from which TikTok pulls photos (PULL_FROM_URL).',
    ],
    unverified: [
      'HTTP status per error code, Retry-After on 429, the daily posting cap, and whether private or photo posts appear in `video.list`.',
    ],
  },
  {
    ...XING_DESCRIPTOR,
    name: 'Xing (manuell)',
    limitsNote:
      'No official limit found for posts on Xing pages; 420 characters is a conservative ceiling.',
    tokenLifetime: '—',
    applyFor: [
      'Nothing: Xing closed its public API (only the job-ads API remains). Stadtfunk creates a task with the text, reminds the responsible people and records the published URL.',
    ],
    unverified: ['Xing’s real text and image limits for company-page posts.'],
  },
];

export function catalogueEntry(key: PlatformKey): PlatformEntry | undefined {
  return PLATFORM_CATALOGUE.find((entry) => entry.key === key);
}
