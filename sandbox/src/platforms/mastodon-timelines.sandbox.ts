import type { FastifyInstance } from 'fastify';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxPost } from '../sandbox.store.ts';
import { accountJson, notificationJson } from './mastodon-entities.sandbox.ts';
import {
  baseUrlOf,
  beginAuthenticated,
  beginRequest,
  canSee,
  flag,
  idParams,
  linkHeader,
  pageOf,
  pageQuery,
  queryList,
  renderStatus,
  sendError,
} from './mastodon-http.sandbox.ts';

/**
 * What the inbox and the lookup after an unknown outcome read: a status's thread, an account's
 * statuses and the mention notifications, with Mastodon's `max_id`/`since_id`/`min_id` cursors.
 */

export function registerMastodonTimelines(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/api/v1/statuses/:id/context', async (request, reply) => {
    const start = await beginRequest(ctx, request, reply, {
      auth: 'optional',
      scope: 'read:statuses',
    });
    if (start === undefined) {
      return reply;
    }
    const { state, account } = start;
    const { id } = idParams.parse(request.params);
    const post = ctx.store.postById('mastodon', id);
    if (post === undefined || !canSee(post, state.statusMeta.get(id), account)) {
      return sendError(reply, 404, 'Record not found');
    }
    const visible = (candidate: SandboxPost): boolean =>
      canSee(candidate, state.statusMeta.get(candidate.id), account);
    const ancestors: SandboxPost[] = [];
    for (let parentId = state.statusMeta.get(id)?.inReplyToId ?? null; parentId !== null;) {
      const parent = ctx.store.postById('mastodon', parentId);
      if (parent === undefined) {
        break;
      }
      ancestors.unshift(parent);
      parentId = state.statusMeta.get(parent.id)?.inReplyToId ?? null;
    }
    const descendants: SandboxPost[] = [];
    const frontier = [id];
    const all = ctx.store.postsOf('mastodon');
    while (frontier.length > 0) {
      const parentId = frontier.shift();
      for (const child of all.filter(
        (candidate) => state.statusMeta.get(candidate.id)?.inReplyToId === parentId,
      )) {
        descendants.push(child);
        frontier.push(child.id);
      }
    }
    const baseUrl = baseUrlOf(request);
    return reply.send({
      ancestors: ancestors.filter(visible).map((item) => renderStatus(ctx, state, item, baseUrl)),
      descendants: descendants
        .filter(visible)
        .map((item) => renderStatus(ctx, state, item, baseUrl)),
    });
  });

  app.get('/api/v1/accounts/:id/statuses', async (request, reply) => {
    const start = await beginRequest(ctx, request, reply, {
      auth: 'optional',
      scope: 'read:statuses',
    });
    if (start === undefined) {
      return reply;
    }
    const { state, account: viewer } = start;
    const { id } = idParams.parse(request.params);
    if (!state.accounts.has(id)) {
      return sendError(reply, 404, 'Record not found');
    }
    const query = pageQuery(20, 40).parse(request.query);
    const excludeReplies =
      flag.optional().parse((request.query as Record<string, unknown>)['exclude_replies']) ?? false;
    const own = ctx.store
      .postsOf('mastodon', id)
      .filter((post) => canSee(post, state.statusMeta.get(post.id), viewer))
      .filter(
        (post) => !excludeReplies || (state.statusMeta.get(post.id)?.inReplyToId ?? null) === null,
      );
    const page = pageOf(own, {
      limit: query.limit,
      maxId: query.max_id,
      sinceId: query.since_id,
      minId: query.min_id,
    });
    const link = linkHeader(request, page);
    if (link !== undefined) {
      reply.header('link', link);
    }
    return reply.send(page.map((post) => renderStatus(ctx, state, post, baseUrlOf(request))));
  });

  app.get('/api/v1/notifications', async (request, reply) => {
    const start = await beginAuthenticated(ctx, request, reply, {
      scope: 'read:notifications',
    });
    if (start === undefined) {
      return reply;
    }
    const { state, account } = start;
    const query = pageQuery(40, 80).parse(request.query);
    const types = queryList(request, 'types');
    const excluded = queryList(request, 'exclude_types');
    // One lookup table per request: postById scans every post, per notification (load tests).
    const live = new Map(ctx.store.postsOf('mastodon').map((post) => [post.id, post]));
    const mine = state.notifications.filter(
      (item) =>
        item.accountId === account.id &&
        (types.length === 0 || types.includes(item.type)) &&
        !excluded.includes(item.type) &&
        live.has(item.statusId),
    );
    const page = pageOf(mine, {
      limit: query.limit,
      maxId: query.max_id,
      sinceId: query.since_id,
      minId: query.min_id,
    });
    const link = linkHeader(request, page);
    if (link !== undefined) {
      reply.header('link', link);
    }
    const baseUrl = baseUrlOf(request);
    return reply.send(
      page.flatMap((item) => {
        const post = live.get(item.statusId);
        if (post === undefined) {
          return [];
        }
        const from = accountJson(state.account(item.fromAccountId), baseUrl, 0);
        return [notificationJson(item, from, renderStatus(ctx, state, post, baseUrl))];
      }),
    );
  });
}
