import type { SandboxPost } from '../sandbox.store.ts';
import type {
  MastodonAccount,
  MastodonMedia,
  MastodonNotification,
  MastodonSettings,
  MastodonStatusMeta,
} from './mastodon-state.sandbox.ts';
import { SUPPORTED_IMAGE_TYPES } from './mastodon-state.sandbox.ts';

/**
 * Mastodon's JSON entities (snake_case, as the real API sends them) and its text rules: how a
 * status is rendered to HTML and how its length is counted. Written independently of the
 * connector, so a disagreement between the two shows up in the tests.
 */

const URL_PATTERN = /https?:\/\/[^\s<>"]+/gu;
const TRAILING_PUNCTUATION = /[.,;:!?'")\]]+$/u;
const REMOTE_MENTION = /(^|[^\p{L}\p{N}_/])@([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]/giu;
const segmenter = new Intl.Segmenter('de', { granularity: 'grapheme' });

/** URLs as Mastodon's extractor finds them: with a scheme, without trailing punctuation. */
function urlsIn(text: string): { start: number; end: number; url: string }[] {
  const found: { start: number; end: number; url: string }[] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    found.push({ start: match.index, end: match.index + url.length, url });
  }
  return found;
}

/**
 * StatusLengthValidator: grapheme clusters of spoiler text plus text, every URL counted as
 * `characters_reserved_per_url`, remote mentions counted without their domain.
 */
export function mastodonLength(
  text: string,
  spoilerText: string,
  settings: MastodonSettings,
): number {
  let countable = '';
  let cursor = 0;
  for (const { start, end } of urlsIn(text)) {
    countable += text.slice(cursor, start) + 'x'.repeat(settings.charactersReservedPerUrl);
    cursor = end;
  }
  countable += text.slice(cursor);
  countable = countable.replace(REMOTE_MENTION, '$1@$2');
  return [...segmenter.segment(spoilerText + countable)].length;
}

/** Ruby's String#length: code points (validations such as the alt-text limit count these). */
export function codePointLength(text: string): number {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/gu, '_').length;
}

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** One URL the way Mastodon's TextFormatter links it: scheme hidden, long paths shortened. */
function linkHtml(url: string): string {
  const schemeEnd = url.indexOf('//') + 2;
  const prefix = url.slice(0, schemeEnd) + (url.slice(schemeEnd).startsWith('www.') ? 'www.' : '');
  const rest = url.slice(prefix.length);
  const visible = rest.slice(0, 30);
  const hidden = rest.slice(30);
  const visibleClass = hidden === '' ? '' : 'ellipsis';
  return `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">${escapeHtml(prefix)}</span><span class="${visibleClass}">${escapeHtml(visible)}</span><span class="invisible">${escapeHtml(hidden)}</span></a>`;
}

function inlineHtml(line: string, baseUrl: string): string {
  let html = '';
  let cursor = 0;
  const pattern =
    /(https?:\/\/[^\s<>"]+)|(^|[^\p{L}\p{N}_/])@([a-z0-9_]+)(?:@([a-z0-9.-]+[a-z0-9]))?|(^|[^\p{L}\p{N}_&/])#([\p{L}\p{N}_]+)/giu;
  for (const match of line.matchAll(pattern)) {
    const [whole, url, mentionLead, username, domain, tagLead, tag] = match;
    html += escapeHtml(line.slice(cursor, match.index));
    if (url !== undefined) {
      const clean = url.replace(TRAILING_PUNCTUATION, '');
      html += linkHtml(clean) + escapeHtml(url.slice(clean.length));
    } else if (username !== undefined) {
      const profile =
        domain === undefined ? `${baseUrl}/@${username}` : `https://${domain}/@${username}`;
      html += `${escapeHtml(mentionLead ?? '')}<span class="h-card" translate="no"><a href="${escapeHtml(profile)}" class="u-url mention">@<span>${escapeHtml(username)}</span></a></span>`;
    } else if (tag !== undefined) {
      html += `${escapeHtml(tagLead ?? '')}<a href="${escapeHtml(`${baseUrl}/tags/${tag.toLowerCase()}`)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(tag)}</span></a>`;
    }
    cursor = match.index + whole.length;
  }
  return html + escapeHtml(line.slice(cursor));
}

/** Plain text → the status `content` HTML: paragraphs on blank lines, `<br />` on line breaks. */
export function contentHtml(text: string, baseUrl: string): string {
  const paragraphs = text.trim().split(/\n{2,}/u);
  return paragraphs
    .map(
      (paragraph) =>
        `<p>${paragraph
          .split('\n')
          .map((line) => inlineHtml(line, baseUrl))
          .join('<br />')}</p>`,
    )
    .join('');
}

export function accountJson(
  account: MastodonAccount,
  baseUrl: string,
  statusesCount: number,
): Record<string, unknown> {
  const acct = account.domain === null ? account.username : `${account.username}@${account.domain}`;
  const url =
    account.domain === null
      ? `${baseUrl}/@${account.username}`
      : `https://${account.domain}/@${account.username}`;
  return {
    id: account.id,
    username: account.username,
    acct,
    display_name: account.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    created_at: account.createdAt.toISOString(),
    note: account.note === '' ? '' : contentHtml(account.note, baseUrl),
    url,
    uri: url,
    avatar: `${baseUrl}/avatars/original/missing.png`,
    avatar_static: `${baseUrl}/avatars/original/missing.png`,
    header: `${baseUrl}/headers/original/missing.png`,
    header_static: `${baseUrl}/headers/original/missing.png`,
    followers_count: 0,
    following_count: 0,
    statuses_count: statusesCount,
    last_status_at: null,
    emojis: [],
    fields: account.fields.map((field) => ({
      name: field.name,
      value: field.value.startsWith('http')
        ? inlineHtml(field.value, baseUrl)
        : escapeHtml(field.value),
      verified_at: null,
    })),
  };
}

/** verify_credentials adds `source` with the unrendered note and fields. */
export function credentialAccountJson(
  account: MastodonAccount,
  baseUrl: string,
  statusesCount: number,
): Record<string, unknown> {
  return {
    ...accountJson(account, baseUrl, statusesCount),
    source: {
      privacy: 'public',
      sensitive: false,
      language: 'de',
      note: account.note,
      fields: account.fields.map((field) => ({ ...field, verified_at: null })),
      follow_requests_count: 0,
    },
  };
}

export function mediaJson(media: MastodonMedia, baseUrl: string): Record<string, unknown> {
  const extension = media.mimeType.split('/')[1] ?? 'bin';
  return {
    id: media.id,
    type: SUPPORTED_IMAGE_TYPES.includes(media.mimeType) ? 'image' : 'unknown',
    url: `${baseUrl}/system/media_attachments/files/${media.id}/original.${extension}`,
    preview_url: `${baseUrl}/system/media_attachments/files/${media.id}/small.${extension}`,
    remote_url: null,
    meta: {},
    description: media.description,
    blurhash: null,
  };
}

export interface StatusParts {
  readonly post: SandboxPost;
  readonly meta: MastodonStatusMeta;
  readonly account: Record<string, unknown>;
  readonly media: readonly MastodonMedia[];
  readonly repliesCount: number;
  /** When the last edit happened; null for a status never edited. */
  readonly editedAt: Date | null;
  /** Only for the author's own statuses (StatusSerializer's `pinnable?`); undefined omits it. */
  readonly pinned?: boolean | undefined;
}

export function statusJson(
  parts: StatusParts,
  baseUrl: string,
  withSource = false,
): Record<string, unknown> {
  const { post, meta, account } = parts;
  const url = `${String(account['url'])}/${post.id}`;
  return {
    id: post.id,
    uri: url,
    url,
    created_at: post.createdAt.toISOString(),
    account,
    content: contentHtml(post.text, baseUrl),
    visibility: meta.visibility,
    sensitive: meta.sensitive,
    spoiler_text: meta.spoilerText,
    media_attachments: parts.media.map((media) => mediaJson(media, baseUrl)),
    application: null,
    mentions: [],
    tags: [],
    emojis: [],
    reblogs_count: 0,
    favourites_count: 0,
    replies_count: parts.repliesCount,
    in_reply_to_id: meta.inReplyToId,
    in_reply_to_account_id: meta.inReplyToAccountId,
    reblog: null,
    poll: null,
    card: null,
    language: meta.language,
    // Only the delete (and edit source) responses carry the plain text.
    text: withSource ? post.text : null,
    edited_at: parts.editedAt?.toISOString() ?? null,
    ...(parts.pinned === undefined ? {} : { pinned: parts.pinned }),
  };
}

export function notificationJson(
  notification: MastodonNotification,
  account: Record<string, unknown>,
  status: Record<string, unknown>,
): Record<string, unknown> {
  return {
    id: notification.id,
    type: notification.type,
    group_key: `ungrouped-${notification.id}`,
    created_at: notification.createdAt.toISOString(),
    account,
    status,
  };
}
