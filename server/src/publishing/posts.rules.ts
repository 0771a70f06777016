import type { RoleGrant } from '../access/access.policy.ts';
import type { ChannelFilter } from '../registry/registry.repository.ts';
import type { PostStatus } from './posts.table.ts';

/**
 * The workflow rules of concept §3 as pure functions: who may publish where without approval,
 * when a post needs communications' approval, which transitions exist. The service applies them.
 */

/** Roles that publish on every channel (central channels and, for communications, all). */
const PUBLISHING_ROLES = new Set(['communications', 'online-team']);

export interface RuleChannel {
  readonly channel_id: string;
  readonly org_unit_id: string;
  readonly self_publishing: boolean;
}

/**
 * Whether a person may send a post to a channel without anyone's approval: the central roles
 * everywhere; a department editor on a self-publishing channel of their own unit; an agency never.
 */
export function canPublishOn(
  roles: readonly RoleGrant[],
  scope: ChannelFilter | 'all',
  channel: RuleChannel,
): boolean {
  if (roles.some((grant) => PUBLISHING_ROLES.has(grant.role))) {
    return true;
  }
  const isEditor = roles.some((grant) => grant.role === 'department-editor');
  return (
    isEditor &&
    channel.self_publishing &&
    scope !== 'all' &&
    scope.orgUnitIds.includes(channel.org_unit_id)
  );
}

export function needsApproval(
  roles: readonly RoleGrant[],
  scope: ChannelFilter | 'all',
  channels: readonly RuleChannel[],
): boolean {
  return channels.some((channel) => !canPublishOn(roles, scope, channel));
}

/** Approving is for communications, and never for the post's own author or submitter. */
export function mayApprove(
  approver: { id: string; roles: readonly RoleGrant[] },
  post: { created_by: string | null; submitted_by: string | null },
): 'yes' | 'not-approver' | 'own-post' {
  if (!approver.roles.some((grant) => grant.role === 'communications')) {
    return 'not-approver';
  }
  if (approver.id === post.created_by || approver.id === post.submitted_by) {
    return 'own-post';
  }
  return 'yes';
}

/** Content may change until the outbox takes over. */
export const EDITABLE: ReadonlySet<PostStatus> = new Set([
  'draft',
  'in-review',
  'approved',
  'scheduled',
]);

/**
 * The status after an edit: an approved or scheduled post goes back to review when the editor
 * could not have published it without approval (concept: any edit after approval is re-approved).
 */
export function statusAfterEdit(status: PostStatus, editorNeedsApproval: boolean): PostStatus {
  if ((status === 'approved' || status === 'scheduled') && editorNeedsApproval) {
    return 'in-review';
  }
  return status;
}

/** Where a released post goes: scheduled when it has a time, otherwise approved (waiting). */
export function releasedStatus(scheduledAt: Date | null): PostStatus {
  return scheduledAt === null ? 'approved' : 'scheduled';
}

/** A small grace for clocks and network: "now" typed a moment ago is not in the past. */
export const PAST_TOLERANCE_MS = 60_000;

export function isInPast(when: Date, now: Date): boolean {
  return when.getTime() < now.getTime() - PAST_TOLERANCE_MS;
}
