import { createHash } from 'node:crypto';

import { createRestAPIClient } from 'masto';
import type { mastodon } from 'masto';

import { PlatformError } from '../connector.ts';
import type {
  Capability,
  ChannelAuth,
  Connector,
  LookupResult,
  Page,
  PublishResult,
  RemoteComment,
  TokenSet,
} from '../connector.ts';
import { comparableText, htmlToText } from './mastodon.content.ts';
import {
  classifyMastodonError,
  isMastodonNotFound,
  mastodonCall,
  withDeadline,
} from './mastodon.errors.ts';
import { InstanceLimitsCache, instanceLimitsFrom, toPlatformLimits } from './mastodon.limits.ts';
import { buildAuthorizationStart, requestMastodonToken } from './mastodon.oauth.ts';
import type { MastodonTokenResponse } from './mastodon.oauth.ts';
import { editMastodonStatus, pinMastodonStatus } from './mastodon.posts.ts';

/** Only what this connector implements and its tests cover. */
export const MASTODON_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'text',
  'images',
  'alt-text',
  'edit',
  'delete',
  'pin',
  'reply',
  'read-comments',
  'read-direct-messages',
  'read-profile',
  'idempotency-key',
]);

export interface MastodonConnectorOptions {
  /** The channel's instance, e.g. `https://social.bund.de` (or the sandbox in tests and demos). */
  readonly instanceUrl: string;
  /** From registering Stadtfunk as an app on that instance (`registerMastodonApp`). */
  readonly clientId: string;
  readonly clientSecret: string;
  /** Per request; after sending, a timeout makes a publish's outcome unknown. */
  readonly timeoutMs: number;
  /** How long the instance's limits are reused; 5 minutes unless said otherwise. */
  readonly limitsTtlMs?: number;
  readonly now?: () => Date;
}

/** How far back of `since` a status still counts as ours: the instance's clock may differ. */
const CLOCK_SKEW_TOLERANCE_MS = 2 * 60 * 1000;
/** Pages of 40 statuses searched after an unknown outcome before giving up as undecidable. */
const LOOKUP_PAGES = 5;
const PAGE_SIZE = 40;

function byIdDescending(a: { id: string }, b: { id: string }): number {
  const left = BigInt(a.id);
  const right = BigInt(b.id);
  return left < right ? 1 : left > right ? -1 : 0;
}

function linksIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s<>"]+/gu)].map((match) =>
    match[0].replace(/[.,;:!?'")\]]+$/u, ''),
  );
}

function toComment(
  notification: mastodon.v1.Notification,
  status: mastodon.v1.Status,
  ownAccountId: string,
): RemoteComment {
  const repliesToUs = status.inReplyToAccountId === ownAccountId;
  return {
    externalId: status.id,
    parentExternalId: status.inReplyToId ?? null,
    // The replied-to status is ours (a post, or one of our replies further down a thread).
    postExternalId: repliesToUs ? (status.inReplyToId ?? null) : null,
    authorHandle: notification.account.acct,
    authorName: notification.account.displayName === '' ? null : notification.account.displayName,
    text: htmlToText(status.content),
    createdAt: new Date(status.createdAt),
    kind: status.visibility === 'direct' ? 'direct-message' : repliesToUs ? 'comment' : 'mention',
  };
}

/**
 * The Mastodon connector over masto. One per instance and app registration; the channel's token
 * comes with every call. Methods other than `publish` throw `PlatformError`.
 */
export function createMastodonConnector(options: MastodonConnectorOptions): Connector {
  const now = options.now ?? (() => new Date());
  const limitsCache = new InstanceLimitsCache(options.limitsTtlMs ?? 5 * 60 * 1000, () =>
    now().getTime(),
  );
  const api = (accessToken: string | null): mastodon.rest.Client =>
    createRestAPIClient({
      url: options.instanceUrl,
      timeout: options.timeoutMs,
      ...(accessToken === null ? {} : { accessToken }),
    });

  // Every call carries the connector's deadline (see withDeadline).
  const call = <T>(kind: 'read' | 'write', fn: () => PromiseLike<T>): Promise<T> =>
    mastodonCall(kind, fn, options.timeoutMs);

  const ownAccountId = async (client: mastodon.rest.Client, auth: ChannelAuth): Promise<string> =>
    auth.accountId ?? (await call('read', () => client.v1.accounts.verifyCredentials())).id;

  const tokenSet = async (response: MastodonTokenResponse): Promise<TokenSet> => {
    const client = api(response.access_token);
    const account = await call('read', () => client.v1.accounts.verifyCredentials());
    return {
      accessToken: response.access_token,
      refreshToken: response.refresh_token ?? null,
      expiresAt:
        response.expires_in === undefined
          ? null
          : new Date(now().getTime() + response.expires_in * 1000),
      accountId: account.id,
    };
  };

  const connector: Connector = {
    key: 'mastodon',
    mode: 'api',
    capabilities: MASTODON_CAPABILITIES,

    async limits(auth) {
      const client = api(auth.accessToken);
      const limits = await limitsCache.get(async () =>
        instanceLimitsFrom(await call('read', () => client.v2.instance.fetch())),
      );
      return toPlatformLimits(limits);
    },

    authorizationUrl(redirectUri) {
      return Promise.resolve(
        buildAuthorizationStart(options.instanceUrl, options.clientId, redirectUri),
      );
    },

    async exchangeCode(code, redirectUri, codeVerifier) {
      const response = await requestMastodonToken(
        options.instanceUrl,
        {
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          client_id: options.clientId,
          client_secret: options.clientSecret,
          ...(codeVerifier === null ? {} : { code_verifier: codeVerifier }),
        },
        options.timeoutMs,
      );
      return tokenSet(response);
    },

    /**
     * Mastodon's tokens do not expire: without a refresh token this checks that the token still
     * works (a revoked one fails with auth-expired) and hands it back unchanged.
     */
    async refresh(auth) {
      if (auth.refreshToken !== null) {
        const response = await requestMastodonToken(
          options.instanceUrl,
          {
            grant_type: 'refresh_token',
            refresh_token: auth.refreshToken,
            client_id: options.clientId,
            client_secret: options.clientSecret,
          },
          options.timeoutMs,
        );
        return tokenSet(response);
      }
      const client = api(auth.accessToken);
      const account = await call('read', () => client.v1.accounts.verifyCredentials());
      return {
        accessToken: auth.accessToken,
        refreshToken: null,
        expiresAt: null,
        accountId: account.id,
      };
    },

    async publish(auth, request): Promise<PublishResult> {
      const client = api(auth.accessToken);
      const mediaIds: string[] = [];
      for (const item of request.media) {
        if (item.kind !== 'image') {
          const reason = 'Video wird über diesen Mastodon-Connector nicht unterstützt.';
          return { status: 'failed', failure: { kind: 'rejected', reason, platformCode: null } };
        }
        try {
          // Images are processed synchronously (200 with a URL), so no polling is needed.
          const uploaded = await withDeadline(
            client.v2.media.create({
              file: new Blob([new Uint8Array(item.data)], { type: item.mimeType }),
              // masto would send a null description as the string "null": leave it out instead.
              ...(item.altText === null ? {} : { description: item.altText }),
              skipPolling: true,
            }),
            options.timeoutMs,
          );
          mediaIds.push(uploaded.id);
        } catch (error) {
          // An unattached upload is invisible and expires, so a lost answer here is harmless.
          return { status: 'failed', failure: classifyMastodonError(error, 'read', now()) };
        }
      }
      try {
        const status = await withDeadline(
          client.v1.statuses.create(
            {
              status: request.text,
              mediaIds,
              visibility: 'public',
              ...(request.inReplyTo ? { inReplyToId: request.inReplyTo } : {}),
            },
            // Same key on every retry: within an hour the instance returns the first status.
            { requestInit: { headers: { 'Idempotency-Key': request.idempotencyKey } } },
          ),
          options.timeoutMs,
        );
        return { status: 'published', externalId: status.id, url: status.url ?? null };
      } catch (error) {
        return { status: 'failed', failure: classifyMastodonError(error, 'write', now()) };
      }
    },

    /** Mastodon publishes synchronously; this only confirms that a status exists. */
    async checkStatus(auth, pendingRef): Promise<PublishResult> {
      const client = api(auth.accessToken);
      try {
        const status = await withDeadline(
          client.v1.statuses.$select(pendingRef).fetch(),
          options.timeoutMs,
        );
        return { status: 'published', externalId: status.id, url: status.url ?? null };
      } catch (error) {
        return { status: 'failed', failure: classifyMastodonError(error, 'read', now()) };
      }
    },

    async findPublished(auth, request, since): Promise<LookupResult> {
      const client = api(auth.accessToken);
      const accountId = await ownAccountId(client, auth);
      const wanted = comparableText(request.text);
      const earliest = since.getTime() - CLOCK_SKEW_TOLERANCE_MS;
      let maxId: string | undefined;
      for (let page = 0; page < LOOKUP_PAGES; page += 1) {
        const statuses = await call('read', () =>
          client.v1.accounts.$select(accountId).statuses.list({
            limit: PAGE_SIZE,
            excludeReplies: true,
            excludeReblogs: true,
            ...(maxId === undefined ? {} : { maxId }),
          }),
        );
        for (const status of [...statuses].sort(byIdDescending)) {
          if (Date.parse(status.createdAt) < earliest) {
            return { status: 'absent' };
          }
          if (comparableText(htmlToText(status.content)) === wanted) {
            return { status: 'found', externalId: status.id, url: status.url ?? null };
          }
        }
        const oldest = statuses.at(-1);
        if (statuses.length < PAGE_SIZE || oldest === undefined) {
          return { status: 'absent' };
        }
        maxId = oldest.id;
      }
      return { status: 'undecidable' };
    },

    async deletePost(auth, externalId) {
      const client = api(auth.accessToken);
      try {
        await client.v1.statuses.$select(externalId).remove();
      } catch (error) {
        // Deleting is repeatable, so a lost answer is merely transient.
        const failure = classifyMastodonError(error, 'read', now());
        const alreadyGone = failure.kind === 'rejected' && isMastodonNotFound(error);
        if (!alreadyGone) {
          throw new PlatformError(failure);
        }
      }
    },

    editPost(auth, externalId, text) {
      return editMastodonStatus(api(auth.accessToken), externalId, text, options.timeoutMs);
    },

    pinPost(auth, externalId, pinned) {
      return pinMastodonStatus(api(auth.accessToken), externalId, pinned, now(), options.timeoutMs);
    },

    /**
     * Mentions of the account, which include replies to its statuses and direct messages.
     * `cursor` is the newest notification id seen; without one, the latest page is returned.
     */
    async readComments(auth, cursor): Promise<Page<RemoteComment>> {
      const client = api(auth.accessToken);
      const accountId = await ownAccountId(client, auth);
      const notifications = await call('read', () =>
        client.v1.notifications.list({
          types: ['mention'],
          limit: PAGE_SIZE,
          ...(cursor === null ? {} : { minId: cursor }),
        }),
      );
      const ordered = [...notifications].sort(byIdDescending);
      const items = ordered
        .flatMap((notification) =>
          notification.status === undefined || notification.status === null
            ? []
            : [toComment(notification, notification.status, accountId)],
        )
        .reverse();
      return { items, nextCursor: ordered[0]?.id ?? cursor };
    },

    async reply(auth, toExternalId, text) {
      const client = api(auth.accessToken);
      const accountId = await ownAccountId(client, auth);
      const parent = await call('read', () => client.v1.statuses.$select(toExternalId).fetch());
      // Without the mention the person replied to is not notified (Mastodon clients add it too).
      const mention = `@${parent.account.acct}`;
      const body =
        parent.account.id === accountId || text.includes(mention) ? text : `${mention} ${text}`;
      // A retry after a lost answer must not reply twice; the same reply text to the same
      // comment within an hour is taken as that retry.
      const key = `reply-${createHash('sha256').update(`${toExternalId}\n${text}`).digest('hex')}`;
      const status = await call('write', () =>
        client.v1.statuses.create(
          // Never widen the audience: a reply to a direct message stays direct.
          { status: body, inReplyToId: toExternalId, visibility: parent.visibility },
          { requestInit: { headers: { 'Idempotency-Key': key } } },
        ),
      );
      return { externalId: status.id };
    },

    async readProfile(auth) {
      const client = api(auth.accessToken);
      const account = await call('read', () => client.v1.accounts.verifyCredentials());
      const bio = account.source.note;
      const fieldLinks = account.source.fields.flatMap((field) => linksIn(field.value));
      return { bio, links: [...new Set([...fieldLinks, ...linksIn(bio)])] };
    },
  };
  return connector;
}
