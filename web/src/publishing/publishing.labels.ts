// Display names for post states and platforms, shared by calendar, list, composer and post page.
import type { MessageKey } from '../i18n/i18n.messages.ts';
import type { BadgeTone } from '../registry/registry.badges.tsx';
import type { Post, PostStatus } from './publishing.types.ts';

export const POST_STATUS_LABELS: Record<PostStatus, MessageKey> = {
  draft: 'postStatus.draft',
  'in-review': 'postStatus.in-review',
  approved: 'postStatus.approved',
  scheduled: 'postStatus.scheduled',
  publishing: 'postStatus.publishing',
  published: 'postStatus.published',
  'partly-failed': 'postStatus.partly-failed',
  failed: 'postStatus.failed',
};

export const POST_STATUS_TONES: Record<PostStatus, BadgeTone> = {
  draft: 'neutral',
  'in-review': 'warn',
  approved: 'good',
  scheduled: 'good',
  publishing: 'good',
  published: 'good',
  'partly-failed': 'bad',
  failed: 'bad',
};

/** The states in which the server accepts a new time (PUT /api/posts/:id/schedule). */
export const MOVABLE_STATUSES: ReadonlySet<PostStatus> = new Set([
  'draft',
  'in-review',
  'approved',
  'scheduled',
]);

export function isMovable(post: Pick<Post, 'status'>): boolean {
  return MOVABLE_STATUSES.has(post.status);
}

/** Short marks for the calendar, where full platform names do not fit; names stay proper nouns. */
const PLATFORMS: Readonly<Record<string, { short: string; name: string }>> = {
  mastodon: { short: 'MA', name: 'Mastodon' },
  x: { short: 'X', name: 'X' },
  facebook: { short: 'FB', name: 'Facebook' },
  instagram: { short: 'IG', name: 'Instagram' },
  linkedin: { short: 'LI', name: 'LinkedIn' },
  youtube: { short: 'YT', name: 'YouTube' },
  tiktok: { short: 'TT', name: 'TikTok' },
  xing: { short: 'XI', name: 'Xing' },
};

export function platformMark(platformKey: string): { short: string; name: string } {
  return (
    PLATFORMS[platformKey] ?? { short: platformKey.slice(0, 2).toUpperCase(), name: platformKey }
  );
}
