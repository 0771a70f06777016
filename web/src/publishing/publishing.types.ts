// API shapes of the publishing module, mirroring server/src/publishing/*.schema.ts.
import type { ChannelGoal } from '../registry/registry.types.ts';

export const POST_STATUSES = [
  'draft',
  'in-review',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'partly-failed',
  'failed',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export interface PostTarget {
  channelId: string;
  channelName: string;
  channelHandle: string;
  platformKey: string;
  variantText: string | null;
  variantTitle: string | null;
  /** What will be sent: the variant, or the master text with link and hashtags. */
  effectiveText: string;
}

export interface Post {
  id: string;
  title: string;
  masterText: string;
  linkUrl: string | null;
  hashtags: string[];
  campaign: string | null;
  goal: ChannelGoal | null;
  status: PostStatus;
  scheduledAt: string | null;
  priority: number;
  targets: PostTarget[];
  mediaIds: string[];
  createdBy: string;
  createdByName: string | null;
  submittedBy: string | null;
  submittedByName: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: string | null;
  rejectionReason: string | null;
  needsApproval: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TargetInput {
  channelId: string;
  variantText: string | null;
  variantTitle: string | null;
}

export interface PostInput {
  title: string;
  masterText: string;
  linkUrl: string | null;
  hashtags: string[];
  campaign: string | null;
  goal: ChannelGoal | null;
  targets: TargetInput[];
  mediaIds: string[];
  /** ISO instant with offset; null: as soon as it is released. */
  scheduledAt: string | null;
}

export interface PostIssue {
  /** Null for problems of the whole post. */
  channelId: string | null;
  /** E.g. `targets.0.variantText`, `targets.1.media`, `scheduledAt`. */
  path: string;
  message: string;
}

export interface ChannelLimits {
  maxTextLength: number;
  maxImages: number;
  maxVideos: number;
  maxAltTextLength: number | null;
  maxHashtags: number | null;
  mediaRequired: boolean;
  maxTitleLength: number | null;
}

export interface ComposerChannel {
  id: string;
  name: string;
  handle: string;
  orgUnitId: string;
  platformKey: string;
  platformName: string;
  manual: boolean;
  connected: boolean;
  publishesWithoutApproval: boolean;
  limits: ChannelLimits | null;
}

export interface PostComment {
  id: string;
  authorId: string | null;
  authorName: string | null;
  body: string;
  createdAt: string;
}

export const DELIVERY_STATUSES = [
  'queued',
  'sending',
  'processing',
  'published',
  'failed',
  'unconfirmed',
  'cancelled',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Delivery {
  id: string;
  postId: string;
  channelId: string;
  channelName: string;
  platformKey: string | null;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  firstSentAt: string | null;
  publishedAt: string | null;
  externalId: string | null;
  url: string | null;
  failure: { kind: string; reason: string | null; code: string | null } | null;
  canEdit: boolean;
  canDelete: boolean;
}

export interface Suspension {
  suspended: boolean;
  reason: string | null;
  suspendedAt: string | null;
  suspendedBy: string | null;
  replanned?: number;
}

export interface PostListQuery {
  status?: PostStatus;
  channelId?: string;
  orgUnitId?: string;
  campaign?: string;
  /** ISO instants bounding scheduledAt. */
  from?: string;
  to?: string;
}
