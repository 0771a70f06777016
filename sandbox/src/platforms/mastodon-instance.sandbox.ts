import { accountJson } from './mastodon-entities.sandbox.ts';
import type { MastodonState } from './mastodon-state.sandbox.ts';
import { CITY_ACCOUNT_ID, SUPPORTED_IMAGE_TYPES } from './mastodon-state.sandbox.ts';

/** `GET /api/v2/instance` of a Mastodon 4.4 server, with the limits from the sandbox settings. */
export function mastodonInstanceJson(
  state: MastodonState,
  baseUrl: string,
): Record<string, unknown> {
  const { settings } = state;
  const domain = new URL(baseUrl).host;
  return {
    domain,
    title: 'Stadtfunk-Sandbox (Mastodon)',
    version: '4.4.0',
    source_url: 'https://github.com/mastodon/mastodon',
    description: 'Simulierte Mastodon-Instanz für Tests – nichts verlässt diesen Rechner.',
    usage: { users: { active_month: 1 } },
    thumbnail: { url: `${baseUrl}/packs/media/images/preview.png`, blurhash: null, versions: {} },
    icon: [],
    languages: ['de', 'en'],
    configuration: {
      urls: { streaming: baseUrl.replace(/^http/, 'ws'), status: null },
      vapid: { public_key: 'sandbox' },
      accounts: { max_featured_tags: 10, max_pinned_statuses: settings.maxPinnedStatuses },
      statuses: {
        max_characters: settings.maxCharacters,
        max_media_attachments: settings.maxMediaAttachments,
        characters_reserved_per_url: settings.charactersReservedPerUrl,
      },
      media_attachments: {
        supported_mime_types: SUPPORTED_IMAGE_TYPES,
        description_limit: settings.descriptionLimit,
        image_size_limit: settings.imageSizeLimit,
        image_matrix_limit: 33_177_600,
        video_size_limit: 103_809_024,
        video_frame_rate_limit: 120,
        video_matrix_limit: 8_294_400,
      },
      polls: {
        max_options: 4,
        max_characters_per_option: 50,
        min_expiration: 300,
        max_expiration: 2_629_746,
      },
      translation: { enabled: false },
    },
    registrations: { enabled: false, approval_required: false, message: null },
    api_versions: { mastodon: 6 },
    contact: {
      email: 'sandbox@example.org',
      account: accountJson(state.account(CITY_ACCOUNT_ID), baseUrl, 0),
    },
    rules: [],
  };
}
