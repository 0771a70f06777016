import { z } from 'zod';

import type { RemoteComment } from '../platforms/connector.ts';

/**
 * Pushed notifications to platform-neutral changes. Lenient where platforms add fields, strict
 * where ingestion needs a value: a change without id or text is a problem (the payload goes to
 * the quarantine), a change that is not about a comment (likes, the page's own posts) is ignored.
 * Problems name fields, never the values (they may be personal data).
 */

export type WebhookChange =
  | {
      readonly type: 'upsert';
      readonly platform: string;
      readonly accountId: string;
      readonly comment: RemoteComment;
    }
  | {
      readonly type: 'delete';
      readonly platform: string;
      readonly accountId: string;
      readonly externalId: string;
    };

export interface ParsedWebhook {
  readonly changes: readonly WebhookChange[];
  /** Why (parts of) the payload could not be read; empty when everything was understood. */
  readonly problems: readonly string[];
  readonly ignored: number;
}

/** The raw body as JSON, or the reason it is none. */
export function parseJsonBody(raw: Uint8Array): { ok: true; body: unknown } | { ok: false } {
  try {
    return { ok: true, body: JSON.parse(Buffer.from(raw).toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

const idSchema = z.union([z.string().min(1), z.number().transform(String)]);

const metaEnvelope = z.object({
  object: z.string(),
  entry: z.array(
    z.object({
      id: idSchema,
      time: z.number().optional(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })).default([]),
    }),
  ),
});

const facebookFeedValue = z.object({
  item: z.string(),
  verb: z.string(),
  comment_id: idSchema.optional(),
  post_id: idSchema.optional(),
  parent_id: idSchema.optional(),
  message: z.string().optional(),
  created_time: z.union([z.number(), z.string()]).optional(),
  from: z.object({ id: idSchema, name: z.string().optional() }).optional(),
});

const instagramCommentValue = z.object({
  id: idSchema,
  text: z.string(),
  parent_id: idSchema.optional(),
  media: z.object({ id: idSchema }).optional(),
  from: z.object({ id: idSchema, username: z.string().optional() }).optional(),
});

function fieldsOf(error: z.ZodError): string {
  const paths = new Set(error.issues.map((issue) => issue.path.join('.') || '(Wurzel)'));
  return [...paths].slice(0, 5).join(', ');
}

function metaTime(value: number | string | undefined, fallback: number | undefined): Date {
  if (typeof value === 'number') {
    return new Date(value * 1000);
  }
  if (typeof value === 'string') {
    return new Date(value);
  }
  return new Date((fallback ?? Number.NaN) * 1000);
}

type ChangeRead =
  { readonly change: WebhookChange } | { readonly problem: string } | { readonly ignored: true };

function facebookChange(
  accountId: string,
  entryTime: number | undefined,
  raw: unknown,
): ChangeRead {
  const parsed = facebookFeedValue.safeParse(raw);
  if (!parsed.success) {
    return { problem: `Facebook-Änderung unlesbar (Felder: ${fieldsOf(parsed.error)})` };
  }
  const value = parsed.data;
  if (value.item !== 'comment' || value.verb === 'hide' || value.verb === 'unhide') {
    // Reactions, the page's own posts, and hiding (done by us or by the page's staff).
    return { ignored: true };
  }
  if (value.comment_id === undefined) {
    return { problem: 'Facebook-Kommentar ohne comment_id' };
  }
  if (value.verb === 'remove' || value.verb === 'delete') {
    return {
      change: {
        type: 'delete',
        platform: 'facebook',
        accountId,
        externalId: value.comment_id,
      } satisfies WebhookChange,
    };
  }
  if (value.verb !== 'add' && value.verb !== 'edited') {
    return { ignored: true };
  }
  if (value.message === undefined) {
    return { problem: 'Facebook-Kommentar ohne message' };
  }
  const postId = value.post_id ?? null;
  return {
    change: {
      type: 'upsert',
      platform: 'facebook',
      accountId,
      comment: {
        externalId: value.comment_id,
        // A top-level comment's parent is the post itself.
        parentExternalId:
          value.parent_id === undefined || value.parent_id === postId ? null : value.parent_id,
        postExternalId: postId,
        authorHandle: value.from?.id ?? 'unknown',
        authorName: value.from?.name ?? null,
        text: value.message,
        createdAt: metaTime(value.created_time, entryTime),
        kind: 'comment',
      },
    } satisfies WebhookChange,
  };
}

function instagramChange(
  accountId: string,
  entryTime: number | undefined,
  raw: unknown,
): ChangeRead {
  const parsed = instagramCommentValue.safeParse(raw);
  if (!parsed.success) {
    return { problem: `Instagram-Kommentar unlesbar (Felder: ${fieldsOf(parsed.error)})` };
  }
  const value = parsed.data;
  return {
    change: {
      type: 'upsert',
      platform: 'instagram',
      accountId,
      comment: {
        externalId: value.id,
        parentExternalId: value.parent_id ?? null,
        postExternalId: value.media?.id ?? null,
        // As the connector reads it: Instagram shows the handle only.
        authorHandle: value.from?.username ?? 'unknown',
        authorName: null,
        text: value.text,
        createdAt: metaTime(undefined, entryTime),
        kind: 'comment',
      },
    } satisfies WebhookChange,
  };
}

/** Meta's `page` (Facebook `feed`) and `instagram` (`comments`) notifications. */
export function parseMetaPayload(body: unknown): ParsedWebhook {
  const envelope = metaEnvelope.safeParse(body);
  if (!envelope.success) {
    return {
      changes: [],
      problems: [`Meta-Umschlag unlesbar (Felder: ${fieldsOf(envelope.error)})`],
      ignored: 0,
    };
  }
  const { object, entry } = envelope.data;
  if (object !== 'page' && object !== 'instagram') {
    return { changes: [], problems: ['Unbekanntes Meta-Objekt'], ignored: 0 };
  }
  const changes: WebhookChange[] = [];
  const problems: string[] = [];
  let ignored = 0;
  for (const item of entry) {
    for (const change of item.changes) {
      const wanted = object === 'page' ? change.field === 'feed' : change.field === 'comments';
      if (!wanted) {
        ignored += 1;
        continue;
      }
      const read =
        object === 'page'
          ? facebookChange(item.id, item.time, change.value)
          : instagramChange(item.id, item.time, change.value);
      if ('change' in read) {
        changes.push(read.change);
      } else if ('problem' in read) {
        problems.push(read.problem);
      } else {
        ignored += 1;
      }
    }
  }
  return { changes, problems, ignored };
}

const sandboxEvent = z.object({
  id: z.string().optional(),
  type: z.enum(['comment.created', 'comment.updated', 'comment.deleted']),
  platform: z.string().min(1),
  data: z.object({
    network: z.string().min(1),
    accountId: idSchema,
    kind: z.enum(['comment', 'mention', 'direct-message']),
    commentId: idSchema,
    postId: idSchema.nullable(),
    text: z.string(),
    authorId: idSchema,
    authorName: z.string().nullable().optional(),
    createdAt: z.iso.datetime({ offset: true }),
  }),
});

/** The sandbox's own event (Mastodon, X, LinkedIn … in `npm start`); `platform` from the URL. */
export function parseSandboxPayload(platform: string, body: unknown): ParsedWebhook {
  const parsed = sandboxEvent.safeParse(body);
  if (!parsed.success) {
    return {
      changes: [],
      problems: [`Sandbox-Ereignis unlesbar (Felder: ${fieldsOf(parsed.error)})`],
      ignored: 0,
    };
  }
  const event = parsed.data;
  if (event.platform !== platform) {
    return {
      changes: [],
      problems: ['Plattform des Ereignisses passt nicht zur Adresse'],
      ignored: 0,
    };
  }
  // Meta's sandbox speaks for two networks; everywhere else the network is the platform.
  const key = platform === 'meta' ? event.data.network : platform;
  const { data } = event;
  if (event.type === 'comment.deleted') {
    return {
      changes: [
        { type: 'delete', platform: key, accountId: data.accountId, externalId: data.commentId },
      ],
      problems: [],
      ignored: 0,
    };
  }
  return {
    changes: [
      {
        type: 'upsert',
        platform: key,
        accountId: data.accountId,
        comment: {
          externalId: data.commentId,
          parentExternalId: data.postId,
          postExternalId: data.postId,
          authorHandle: data.authorId,
          authorName: data.authorName ?? null,
          text: data.text,
          createdAt: new Date(data.createdAt),
          kind: data.kind,
        },
      },
    ],
    problems: [],
    ignored: 0,
  };
}
