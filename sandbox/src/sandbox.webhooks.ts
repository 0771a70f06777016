import { createHmac, randomBytes } from 'node:crypto';

/**
 * Push notifications for new comments, so the inbox can react before its next poll.
 *
 * Meta (Facebook Pages `feed`, Instagram `comments`) really pushes: the sandbox performs Meta's
 * verification handshake and posts Meta's payload signed with `X-Hub-Signature-256`.
 * Mastodon and LinkedIn (like X) push nothing comparable to a server-side app (Mastodon's web
 * push is encrypted per browser subscription, LinkedIn's webhooks need an approved partner app,
 * X's the Account Activity API), so for them the sandbox sends a small sandbox-only event signed
 * with `X-Sandbox-Signature`. The inbox must keep polling those platforms with its cursors; a
 * webhook is only an acceleration there. Real Meta batches changes and retries for hours; the
 * sandbox sends one change per request and retries once.
 */

/** One new comment, mention or direct message addressed to a city account, platform-neutral. */
export interface SandboxCommentEvent {
  readonly platform: string;
  /** The network within the platform: `facebook`/`instagram` for meta, else the platform. */
  readonly network: string;
  /** The city account the comment is addressed to (page, IG user, organization, account id). */
  readonly accountId: string;
  readonly kind: 'comment' | 'mention' | 'direct-message';
  readonly commentId: string;
  /** The commented post; null for a mention or direct message without one. */
  readonly postId: string | null;
  readonly text: string;
  readonly authorId: string;
  /** Display name, or the handle where the platform shows only that (Instagram). */
  readonly authorName: string;
  readonly createdAt: Date;
  /** What happened to the comment; absent means it was just written. */
  readonly change?: 'created' | 'edited' | 'deleted';
}

/** Meta's `verb` of a feed change for each change of a comment. */
const META_VERBS = { created: 'add', edited: 'edited', deleted: 'remove' } as const;
const SANDBOX_TYPES = {
  created: 'comment.created',
  edited: 'comment.updated',
  deleted: 'comment.deleted',
} as const;

export type MetaObject = 'page' | 'instagram';

export interface WebhookSubscription {
  readonly id: string;
  readonly platform: string;
  readonly callbackUrl: string;
  /** `meta`: Meta's payload and X-Hub-Signature-256; `sandbox`: the generic sandbox event. */
  readonly format: 'meta' | 'sandbox';
  readonly objects: readonly MetaObject[];
  readonly secret: string;
  readonly createdAt: Date;
}

export interface WebhookDelivery {
  readonly id: string;
  readonly platform: string;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly commentId: string;
  readonly callbackUrl: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** HTTP status of the last attempt; null when it got no answer. */
  statusCode: number | null;
  error: string | null;
  lastAttemptAt: Date | null;
}

export interface WebhookOptions {
  /** Wait before the one retry (Meta retries far longer, for up to 36 hours). */
  readonly retryDelayMs?: number;
  readonly timeoutMs?: number;
}

const MAX_ATTEMPTS = 2;
/** The log is for looking at, not an archive: the oldest entries go first. */
const MAX_LOG_ENTRIES = 1000;

export function signBody(secret: string, body: string, algorithm = 'sha256'): string {
  return `${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`;
}

/** Meta's `feed` (Facebook) or `comments` (Instagram) change for one new comment. */
export function metaPayload(event: SandboxCommentEvent): {
  object: MetaObject;
  body: Record<string, unknown>;
} {
  const time = Math.floor(event.createdAt.getTime() / 1000);
  if (event.network === 'instagram') {
    const value = {
      from: { id: event.authorId, username: event.authorName },
      media: { id: event.postId, media_product_type: 'FEED' },
      id: event.commentId,
      text: event.text,
    };
    const entry = { id: event.accountId, time, changes: [{ field: 'comments', value }] };
    return { object: 'instagram', body: { object: 'instagram', entry: [entry] } };
  }
  const value = {
    from: { id: event.authorId, name: event.authorName },
    post: { id: event.postId, status_type: 'mobile_status_update', is_published: true },
    message: event.text,
    post_id: event.postId,
    comment_id: event.commentId,
    // A top-level comment's parent is the post itself.
    parent_id: event.postId,
    created_time: time,
    item: 'comment',
    verb: META_VERBS[event.change ?? 'created'],
  };
  const entry = { id: event.accountId, time, changes: [{ field: 'feed', value }] };
  return { object: 'page', body: { object: 'page', entry: [entry] } };
}

export function sandboxPayload(
  eventId: string,
  event: SandboxCommentEvent,
): Record<string, unknown> {
  return {
    id: eventId,
    type: SANDBOX_TYPES[event.change ?? 'created'],
    platform: event.platform,
    createdAt: new Date().toISOString(),
    data: {
      network: event.network,
      accountId: event.accountId,
      kind: event.kind,
      commentId: event.commentId,
      postId: event.postId,
      text: event.text,
      authorId: event.authorId,
      authorName: event.authorName,
      createdAt: event.createdAt.toISOString(),
    },
  };
}

export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return 'unknown error';
}

/** Subscriptions, asynchronous signed delivery with one retry, and the delivery log. */
export class SandboxWebhooks {
  readonly subscriptions: WebhookSubscription[] = [];
  readonly log: WebhookDelivery[] = [];
  readonly retryDelayMs: number;
  readonly timeoutMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Map<NodeJS.Timeout, WebhookDelivery>();
  private readonly closing = new AbortController();

  constructor(options: WebhookOptions = {}) {
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  subscribe(input: Omit<WebhookSubscription, 'id' | 'createdAt'>): WebhookSubscription {
    const subscription: WebhookSubscription = {
      ...input,
      id: `sub_${randomBytes(8).toString('hex')}`,
      createdAt: new Date(),
    };
    this.subscriptions.push(subscription);
    return subscription;
  }

  unsubscribe(platform: string): void {
    for (let index = this.subscriptions.length - 1; index >= 0; index -= 1) {
      if (this.subscriptions[index]?.platform === platform) {
        this.subscriptions.splice(index, 1);
      }
    }
  }

  /** Starts delivery to every matching subscription and returns at once; never throws. */
  publish(event: SandboxCommentEvent): void {
    if (this.closing.signal.aborted) {
      return;
    }
    for (const subscription of this.subscriptions) {
      if (subscription.platform !== event.platform) {
        continue;
      }
      const request = this.buildRequest(subscription, event);
      if (request === undefined) {
        continue;
      }
      const delivery: WebhookDelivery = {
        id: `dlv_${randomBytes(8).toString('hex')}`,
        platform: event.platform,
        subscriptionId: subscription.id,
        eventId: request.eventId,
        commentId: event.commentId,
        callbackUrl: subscription.callbackUrl,
        state: 'pending',
        attempts: 0,
        statusCode: null,
        error: null,
        lastAttemptAt: null,
      };
      this.log.push(delivery);
      if (this.log.length > MAX_LOG_ENTRIES) {
        this.log.shift();
      }
      this.attempt(delivery, request.body, request.headers);
    }
  }

  deliveries(platform: string): WebhookDelivery[] {
    return this.log.filter((entry) => entry.platform === platform);
  }

  /** Resolves once no delivery is in flight or waiting for its retry (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.timers.size > 0) {
      await Promise.race([...this.inFlight, new Promise((resolve) => setTimeout(resolve, 10))]);
    }
  }

  /** Aborts requests in flight and drops pending retries, so nothing outlives app.close(). */
  close(): void {
    this.closing.abort();
    for (const [timer, delivery] of this.timers) {
      clearTimeout(timer);
      delivery.state = 'failed';
      delivery.error = `${delivery.error ?? 'failed'}; no retry, the sandbox was stopped`;
    }
    this.timers.clear();
  }

  private buildRequest(
    subscription: WebhookSubscription,
    event: SandboxCommentEvent,
  ): { eventId: string; body: string; headers: Record<string, string> } | undefined {
    if (subscription.format === 'meta') {
      const { object, body } = metaPayload(event);
      // Instagram's `comments` field announces new comments only.
      const unannounced = object === 'instagram' && (event.change ?? 'created') !== 'created';
      if (!subscription.objects.includes(object) || unannounced) {
        return undefined;
      }
      const raw = JSON.stringify(body);
      return {
        // Meta sends no event id; the comment id identifies the notification.
        eventId: event.commentId,
        body: raw,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'facebookexternalua',
          'x-hub-signature': signBody(subscription.secret, raw, 'sha1'),
          'x-hub-signature-256': signBody(subscription.secret, raw),
        },
      };
    }
    const eventId = `evt_${randomBytes(10).toString('hex')}`;
    const raw = JSON.stringify(sandboxPayload(eventId, event));
    return {
      eventId,
      body: raw,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Stadtfunk-Sandbox-Webhooks',
        'x-sandbox-event-id': eventId,
        'x-sandbox-signature': signBody(subscription.secret, raw),
      },
    };
  }

  private attempt(delivery: WebhookDelivery, body: string, headers: Record<string, string>): void {
    const running = this.send(delivery, body, headers).finally(() => {
      this.inFlight.delete(running);
    });
    this.inFlight.add(running);
  }

  private async send(
    delivery: WebhookDelivery,
    body: string,
    headers: Record<string, string>,
  ): Promise<void> {
    delivery.attempts += 1;
    delivery.lastAttemptAt = new Date();
    // A controller held by a timer, not AbortSignal.timeout inside AbortSignal.any: on Node 20
    // garbage collection can drop that chain and the request then never times out.
    const attempt = new AbortController();
    const abort = (): void => {
      attempt.abort();
    };
    const timer = setTimeout(abort, this.timeoutMs);
    this.closing.signal.addEventListener('abort', abort, { once: true });
    try {
      const response = await fetch(delivery.callbackUrl, {
        method: 'POST',
        body,
        headers,
        redirect: 'manual',
        signal: attempt.signal,
      });
      // The receiver's answer body is of no interest; read it so the connection is released.
      await response.arrayBuffer().catch(() => undefined);
      delivery.statusCode = response.status;
      delivery.error = response.ok ? null : `HTTP ${response.status}`;
    } catch (error) {
      delivery.statusCode = null;
      delivery.error = errorText(error);
    } finally {
      clearTimeout(timer);
      this.closing.signal.removeEventListener('abort', abort);
    }
    if (delivery.error === null) {
      delivery.state = 'delivered';
      return;
    }
    if (delivery.attempts >= MAX_ATTEMPTS || this.closing.signal.aborted) {
      delivery.state = 'failed';
      return;
    }
    const retry = setTimeout(() => {
      this.timers.delete(retry);
      this.attempt(delivery, body, headers);
    }, this.retryDelayMs * delivery.attempts);
    retry.unref();
    this.timers.set(retry, delivery);
  }
}
