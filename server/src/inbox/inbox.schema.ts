import { z } from 'zod';

import { ruleIdSchema } from '../moderation/netiquette.schema.ts';
import { INBOX_ACTOR_KINDS, INBOX_ITEM_KINDS, VISIBILITY_STATES } from './inbox.table.ts';

/** The HTTP contract of the inbox (docs/inbox.md); the web client mirrors these shapes. */

const OUTCOMES = ['ok', 'flag', 'hide', 'escalate'] as const;
const STAGES = ['wordlist', 'classifier', 'pii', 'spam', 'offtopic'] as const;

const ref = z.object({ id: z.string(), name: z.string() });

export const inboxItemSchema = z.object({
  id: z.uuid(),
  channelId: z.uuid(),
  channelName: z.string(),
  platform: z.string(),
  kind: z.enum(INBOX_ITEM_KINDS),
  visibility: z.enum(['public', 'private']),
  externalId: z.string(),
  parentExternalId: z.string().nullable(),
  postExternalId: z.string().nullable(),
  postId: z.string().nullable(),
  authorHandle: z.string(),
  authorName: z.string().nullable(),
  text: z.string(),
  remoteCreatedAt: z.string(),
  receivedAt: z.string(),
  editedAt: z.string().nullable(),
  deletedUpstreamAt: z.string().nullable(),
  status: z.enum(['open', 'done']),
  assignee: ref.nullable(),
  orgUnit: ref.nullable(),
  verdict: z.object({
    outcome: z.enum(OUTCOMES),
    score: z.number(),
    ruleId: z.string().nullable(),
    ruleTitle: z.string().nullable(),
    reasons: z.array(
      z.object({
        stage: z.enum(STAGES),
        ruleId: z.string(),
        score: z.number(),
        detail: z.string(),
      }),
    ),
    personalData: z.array(z.string()),
    suggestPrivateChannel: z.boolean(),
  }),
  visibilityState: z.enum(VISIBILITY_STATES),
  hiddenRuleId: z.string().nullable(),
  caseId: z.string().nullable(),
  appealOpen: z.boolean(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

const uuidOrKeyword = z.union([z.uuid(), z.enum(['me', 'none'])]);

export const inboxListQuerySchema = z.object({
  status: z.enum(['open', 'done', 'all']).default('open'),
  channelId: z.uuid().optional(),
  platform: z.string().min(1).max(40).optional(),
  assigneeId: uuidOrKeyword.optional(),
  orgUnitId: z.uuid().optional(),
  verdict: z.enum(OUTCOMES).optional(),
  visibilityState: z.enum(VISIBILITY_STATES).optional(),
  kind: z.enum(INBOX_ITEM_KINDS).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type InboxListQuery = z.infer<typeof inboxListQuerySchema>;

export const inboxListSchema = z.object({
  items: z.array(inboxItemSchema),
  nextCursor: z.string().nullable(),
});

export const itemParamsSchema = z.object({ id: z.uuid() });

export const noteSchema = z.object({
  id: z.string(),
  author: ref.nullable(),
  text: z.string(),
  createdAt: z.string(),
});
export type InboxNote = z.infer<typeof noteSchema>;

export const replySchema = z.object({
  id: z.string(),
  text: z.string(),
  state: z.enum(['sent', 'failed']),
  failure: z.string().nullable(),
  author: ref.nullable(),
  createdAt: z.string(),
});
export type InboxReply = z.infer<typeof replySchema>;

export const actionSchema = z.object({
  id: z.string(),
  action: z.string(),
  actorKind: z.enum(INBOX_ACTOR_KINDS),
  actor: ref.nullable(),
  ruleId: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type InboxAction = z.infer<typeof actionSchema>;

export const inboxDetailSchema = z.object({
  item: inboxItemSchema,
  post: z
    .object({
      id: z.string().nullable(),
      externalId: z.string().nullable(),
      text: z.string().nullable(),
      url: z.string().nullable(),
    })
    .nullable(),
  thread: z.array(inboxItemSchema),
  notes: z.array(noteSchema),
  replies: z.array(replySchema),
  actions: z.array(actionSchema),
  capabilities: z.object({ reply: z.boolean(), hide: z.boolean() }),
});
export type InboxDetail = z.infer<typeof inboxDetailSchema>;

export const itemResponseSchema = z.object({ item: inboxItemSchema });

export const assignBodySchema = z.strictObject({
  assigneeId: z.uuid().nullable(),
  orgUnitId: z.uuid().nullable(),
});
export const statusBodySchema = z.strictObject({ status: z.enum(['open', 'done']) });
export const noteBodySchema = z.strictObject({ text: z.string().trim().min(1).max(4000) });
export const replyBodySchema = z.strictObject({ text: z.string().trim().min(1).max(5000) });
export const hideBodySchema = z.strictObject({
  ruleId: ruleIdSchema,
  reason: z.string().trim().max(1000).optional(),
});
const reason = z.string().trim().min(3, 'Bitte geben Sie eine Begründung an.').max(1000);
export const restoreBodySchema = z.strictObject({ reason });
export const appealBodySchema = z.strictObject({ text: z.string().trim().min(1).max(4000) });
export const appealDecisionBodySchema = z.strictObject({
  decision: z.enum(['restore', 'uphold']),
  reason,
});

export const inboxChannelSchema = z.object({
  channelId: z.string(),
  channelName: z.string(),
  platform: z.string(),
  policy: z.enum(['suggest', 'auto-hide']),
  canReadComments: z.boolean(),
  canHide: z.boolean(),
  canReply: z.boolean(),
  lastPolledAt: z.string().nullable(),
  lastOkAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type InboxChannel = z.infer<typeof inboxChannelSchema>;
export const channelParamsSchema = z.object({ channelId: z.uuid() });
export const channelPolicyBodySchema = z.strictObject({ policy: z.enum(['suggest', 'auto-hide']) });

export const cannedAnswerSchema = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  language: z.enum(['de', 'en']),
});
export type CannedAnswer = z.infer<typeof cannedAnswerSchema>;
export const cannedAnswerBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(120),
  text: z.string().trim().min(1).max(5000),
  language: z.enum(['de', 'en']),
});
export type CannedAnswerInput = z.infer<typeof cannedAnswerBodySchema>;
