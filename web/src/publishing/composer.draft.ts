// The composer's editable state and its mapping to and from the API, plus the client's own
// approximation of the derived text and its length (the server's count decides).
import type { ChannelGoal } from '../registry/registry.types.ts';
import { berlinDateTime, berlinToIso } from './composer.time.ts';
import type {
  ComposerChannel,
  Post,
  PostInput,
  PostIssue,
  TargetInput,
} from './publishing.types.ts';

export interface ComposerDraft {
  title: string;
  masterText: string;
  linkUrl: string;
  hashtags: string[];
  campaign: string;
  goal: ChannelGoal | '';
  targets: TargetInput[];
  mediaIds: string[];
  date: string;
  time: string;
}

export const EMPTY_DRAFT: ComposerDraft = {
  title: '',
  masterText: '',
  linkUrl: '',
  hashtags: [],
  campaign: '',
  goal: '',
  targets: [],
  mediaIds: [],
  date: '',
  time: '',
};

export function draftFromPost(post: Post): ComposerDraft {
  const when = post.scheduledAt === null ? null : berlinDateTime(post.scheduledAt);
  return {
    title: post.title,
    masterText: post.masterText,
    linkUrl: post.linkUrl ?? '',
    hashtags: post.hashtags,
    campaign: post.campaign ?? '',
    goal: post.goal ?? '',
    targets: post.targets.map((target) => ({
      channelId: target.channelId,
      variantText: target.variantText,
      variantTitle: target.variantTitle,
    })),
    mediaIds: post.mediaIds,
    date: when?.date ?? '',
    time: when?.time ?? '',
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The body for create and update; an unusable time is sent as null and flagged locally. */
export function toPostInput(draft: ComposerDraft): PostInput {
  const when = berlinToIso(draft.date, draft.time);
  return {
    title: draft.title.trim(),
    masterText: draft.masterText,
    linkUrl: orNull(draft.linkUrl),
    hashtags: draft.hashtags,
    campaign: orNull(draft.campaign),
    goal: draft.goal === '' ? null : draft.goal,
    targets: draft.targets.map((target) => ({
      channelId: target.channelId,
      variantText: target.variantText,
      variantTitle: target.variantTitle === null ? null : orNull(target.variantTitle),
    })),
    mediaIds: draft.mediaIds,
    scheduledAt: when.kind === 'ok' ? when.iso : null,
  };
}

/** What live validation sends; an invalid link would fail the whole request, so it is left out. */
export function toValidateInput(draft: ComposerDraft) {
  const input = toPostInput(draft);
  return {
    title: input.title,
    masterText: input.masterText,
    linkUrl: input.linkUrl !== null && isHttpUrl(input.linkUrl) ? input.linkUrl : null,
    hashtags: input.hashtags.filter((tag) => HASHTAG.test(tag)),
    targets: input.targets,
    mediaIds: input.mediaIds,
  };
}

export const HASHTAG = /^#?[\p{L}\p{N}_]{1,100}$/u;

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function hashtag(tag: string): string {
  const bare = tag.trim().replace(/^#+/, '');
  return bare === '' ? '' : `#${bare}`;
}

/** Same rule as the server (posts.content.ts): master text, then link and missing hashtags. */
export function deriveText(draft: Pick<ComposerDraft, 'masterText' | 'linkUrl' | 'hashtags'>) {
  const text = draft.masterText.trim();
  const link = draft.linkUrl.trim();
  const parts = [text];
  if (link !== '' && !text.includes(link)) {
    parts.push(link);
  }
  const lower = text.toLowerCase();
  const tags = draft.hashtags
    .map(hashtag)
    .filter((tag) => tag !== '' && !lower.includes(tag.toLowerCase()));
  if (tags.length > 0) {
    parts.push(tags.join(' '));
  }
  return parts.join('\n\n');
}

export function effectiveText(draft: ComposerDraft, target: TargetInput): string {
  return target.variantText ?? deriveText(draft);
}

const URL_PATTERN = /https?:\/\/\S+/g;
/** Platforms that count every link as 23 characters (t.co on X, Mastodon's own rule). */
const SHORT_LINKS: ReadonlySet<string> = new Set(['x', 'mastodon']);

/** Approximate length as the platform counts it; X's weighting of wide characters is ignored. */
export function approximateLength(text: string, platformKey: string): number {
  const counted = SHORT_LINKS.has(platformKey) ? text.replace(URL_PATTERN, 'x'.repeat(23)) : text;
  return Array.from(counted).length;
}

export function withHashtag(tags: readonly string[], raw: string): string[] {
  const tag = hashtag(raw);
  if (tag === '' || tags.some((other) => other.toLowerCase() === tag.toLowerCase())) {
    return [...tags];
  }
  return [...tags, tag];
}

/** The channels chosen, in the order the channel list shows them. */
export function selectedChannels(
  channels: readonly ComposerChannel[],
  draft: ComposerDraft,
): ComposerChannel[] {
  return channels.filter((channel) =>
    draft.targets.some((target) => target.channelId === channel.id),
  );
}

/** Where an issue belongs in the form: a post field, or a field of one channel's variant. */
export type IssueField =
  | { scope: 'post'; field: string }
  | {
      scope: 'channel';
      channelId: string;
      field: 'variantText' | 'variantTitle' | 'media' | 'channelId';
    };

export interface LocatedIssue {
  readonly at: IssueField;
  readonly message: string;
}

const CHANNEL_FIELDS = ['variantText', 'variantTitle', 'media', 'channelId'] as const;

/**
 * Places an issue (path like `targets.1.media`) next to its field. `sentTargets` are the targets
 * of the request that produced it, because the index refers to them, not to the current draft.
 */
export function locateIssue(
  issue: Pick<PostIssue, 'path' | 'message'> & { channelId?: string | null },
  sentTargets: readonly TargetInput[],
): LocatedIssue {
  const match = /^targets\.(\d+)\.(\w+)/.exec(issue.path);
  if (match !== null) {
    const channelId = issue.channelId ?? sentTargets[Number(match[1])]?.channelId;
    const field = CHANNEL_FIELDS.find((candidate) => candidate === match[2]) ?? 'variantText';
    if (channelId !== undefined) {
      return { at: { scope: 'channel', channelId, field }, message: issue.message };
    }
  }
  const field = issue.path.split('.')[0] ?? '';
  return { at: { scope: 'post', field: field === '' ? 'post' : field }, message: issue.message };
}

/** A stable key per field, used for element ids and for looking messages up. */
export function issueKey(at: IssueField): string {
  return at.scope === 'post' ? at.field : `channel-${at.channelId}-${at.field}`;
}

export function messagesAt(issues: readonly LocatedIssue[], key: string): string[] {
  return issues.filter((issue) => issueKey(issue.at) === key).map((issue) => issue.message);
}
