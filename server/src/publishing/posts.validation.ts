import type { Kysely } from 'kysely';

import { channelConnector } from '../connections/connections.target.ts';
import type { Database } from '../database/database.types.ts';
import type { PlatformKey, PlatformLimits } from '../platforms/connector.ts';
import { PLATFORM_KEYS } from '../platforms/connector.ts';
import { catalogueEntry } from '../platforms/platforms.catalogue.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { deriveText } from './posts.content.ts';
import type { TargetChannelRow } from './posts.repository.ts';
import type { PostIssue } from './posts.schema.ts';

/** Platforms that refuse a post without a title (the video's title on YouTube). */
const TITLE_REQUIRED: ReadonlySet<string> = new Set(['youtube']);
/** Characters a platform refuses in title and text (YouTube: invalidTitle/invalidDescription). */
const FORBIDDEN: Readonly<Record<string, RegExp>> = { youtube: /[<>]/ };
const HASHTAG = /(^|\s)#[\p{L}\p{N}_]+/gu;
/** Instance limits change rarely; the editor validates on every pause in typing. */
const LIMITS_TTL_MS = 10 * 60_000;

const cache = new Map<string, { limits: PlatformLimits; until: number }>();

function asKey(key: string): PlatformKey | undefined {
  return PLATFORM_KEYS.find((candidate) => candidate === key);
}

export function platformName(key: string): string {
  const platform = asKey(key);
  return (platform === undefined ? undefined : catalogueEntry(platform)?.name) ?? key;
}

/**
 * The limits a channel's text is checked against: the catalogue's, and for Mastodon the
 * instance's own when the channel is connected (its defaults otherwise).
 */
export async function limitsForChannel(
  db: Kysely<Database>,
  channel: Pick<TargetChannelRow, 'channel_id' | 'platform_key' | 'connection_status'>,
  keys: readonly EncryptionKey[],
  now: number = Date.now(),
): Promise<PlatformLimits | undefined> {
  const platform = asKey(channel.platform_key);
  const entry = platform === undefined ? undefined : catalogueEntry(platform);
  if (entry === undefined) {
    return undefined;
  }
  if (platform !== 'mastodon' || channel.connection_status !== 'connected') {
    return entry.limits;
  }
  const cached = cache.get(channel.channel_id);
  if (cached !== undefined && cached.until > now) {
    return cached.limits;
  }
  try {
    const { connector, auth } = await channelConnector(db, channel.channel_id, keys);
    const limits = await connector.limits(auth);
    cache.set(channel.channel_id, { limits, until: now + LIMITS_TTL_MS });
    return limits;
  } catch {
    // The instance is unreachable: check against the defaults rather than not at all.
    return entry.limits;
  }
}

export interface ContentToCheck {
  readonly masterText: string;
  readonly linkUrl: string | null;
  readonly hashtags: readonly string[];
  readonly title: string;
  readonly mediaCount: number;
}

/** Text, title and media presence of one target against its platform's limits. */
export function textIssues(
  content: ContentToCheck,
  target: {
    readonly index: number;
    readonly channelId: string;
    readonly channelName: string;
    readonly platformKey: string;
    readonly variantText: string | null;
    readonly variantTitle: string | null;
  },
  limits: PlatformLimits,
): PostIssue[] {
  const issues: PostIssue[] = [];
  const name = platformName(target.platformKey);
  const where = `für ${target.channelName} (${name})`;
  const add = (field: string, message: string) => {
    issues.push({ channelId: target.channelId, path: `targets.${target.index}.${field}`, message });
  };
  const text = target.variantText ?? deriveText(content);
  const length = limits.countLength(text);
  if (length > limits.maxTextLength) {
    add(
      'variantText',
      `Der Text ist ${where} ${length - limits.maxTextLength} Zeichen zu lang (höchstens ${limits.maxTextLength}). Bitte kürzen Sie ihn oder schreiben Sie eine eigene Fassung für diesen Kanal.`,
    );
  }
  if (text.trim() === '' && content.mediaCount === 0) {
    add('variantText', `Der Beitrag ${where} ist leer. Bitte schreiben Sie einen Text.`);
  }
  if (limits.mediaRequired && content.mediaCount === 0) {
    add(
      'media',
      `${name} veröffentlicht nur mit Bild oder Video. Bitte fügen Sie ein passendes Medium hinzu oder entfernen Sie ${target.channelName} aus den Kanälen.`,
    );
  }
  const title = (target.variantTitle ?? content.title).trim();
  if (TITLE_REQUIRED.has(target.platformKey) && title === '') {
    add('variantTitle', `${name} braucht einen Titel. Bitte geben Sie ihn ${where} an.`);
  }
  if (limits.maxTitleLength !== null && Array.from(title).length > limits.maxTitleLength) {
    add(
      'variantTitle',
      `Der Titel ist ${where} zu lang (höchstens ${limits.maxTitleLength} Zeichen). Bitte kürzen Sie ihn.`,
    );
  }
  const forbidden = FORBIDDEN[target.platformKey];
  if (forbidden !== undefined && (forbidden.test(text) || forbidden.test(title))) {
    add(
      'variantText',
      `${name} lehnt spitze Klammern (< >) in Titel und Text ab. Bitte entfernen Sie sie ${where}.`,
    );
  }
  if (limits.maxHashtags !== null) {
    const count = [...text.matchAll(HASHTAG)].length;
    if (count > limits.maxHashtags) {
      add(
        'variantText',
        `${where}: ${count} Hashtags, ${name} erlaubt höchstens ${limits.maxHashtags}. Bitte streichen Sie ${count - limits.maxHashtags}.`,
      );
    }
  }
  return issues;
}

/** Channel state that blocks publishing: paused or retired, or an API channel not connected. */
export function channelIssues(target: {
  readonly index: number;
  readonly channelId: string;
  readonly channelName: string;
  readonly status: string;
  readonly connectionStatus: string;
  readonly manual: boolean;
}): PostIssue[] {
  const path = `targets.${target.index}.channelId`;
  if (target.status !== 'active') {
    return [
      {
        channelId: target.channelId,
        path,
        message: `Der Kanal ${target.channelName} ist nicht aktiv. Bitte wählen Sie einen aktiven Kanal.`,
      },
    ];
  }
  if (!target.manual && target.connectionStatus !== 'connected') {
    return [
      {
        channelId: target.channelId,
        path,
        message: `Der Kanal ${target.channelName} ist nicht mit der Plattform verbunden. Bitte lassen Sie ihn im Register verbinden (Kanal → „Verbinden“).`,
      },
    ];
  }
  return [];
}
