import type { OutgoingHttpHeaders } from 'node:http';

import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { readerOf } from '../registry/registry.changes.ts';
import { inboxEvents } from './inbox.events.ts';
import type { InboxEvent, InboxEventBus } from './inbox.events.ts';
import { findChannelOrgUnit, findItemAssignment } from './inbox-channels.repository.ts';
import { inboxScope } from './inbox.service.ts';

export interface InboxSseOptions {
  readonly bus?: InboxEventBus;
  /** Proxies close idle connections after ~60 s; a comment line every 25 s keeps them open. */
  readonly heartbeatMs?: number;
  /**
   * The stream ends after this long and EventSource reconnects, which re-checks the session and
   * its grants: a revoked person does not keep listening for hours.
   */
  readonly maxLifetimeMs?: number;
}

const HEARTBEAT_MS = 25_000;
const MAX_LIFETIME_MS = 15 * 60_000;

/**
 * `GET /api/inbox/events`: server-sent events `event: inbox` with `{ type, itemId }` for items
 * of channels the person may see. Ids only; the client reloads what changed through the API.
 */
export function registerInboxEventsRoute(
  app: FastifyZod,
  ctx: AppContext,
  options: InboxSseOptions = {},
): void {
  const bus = options.bus ?? inboxEvents;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const maxLifetimeMs = options.maxLifetimeMs ?? MAX_LIFETIME_MS;
  const open = new Set<() => void>();
  // Shutdown waits for open connections; streams would hold it for up to maxLifetimeMs.
  app.addHook('preClose', (done) => {
    for (const end of open) {
      end();
    }
    done();
  });

  app.get(
    '/api/inbox/events',
    // Long-lived: a stream per open tab is one request to the limiter, not a flood.
    { config: { permission: 'inbox.read' }, schema: { tags: ['Posteingang'] } },
    async (request, reply) => {
      const reader = readerOf(request);
      const scope = await inboxScope(ctx.db, reader, 'inbox.read');
      const unitOfChannel = new Map<string, string | undefined>();
      // The same rule as the list: the channel's unit, the assigned unit, the assigned person.
      const maySee = async (event: InboxEvent): Promise<boolean> => {
        if (scope === 'all') {
          return true;
        }
        if (!unitOfChannel.has(event.channelId)) {
          unitOfChannel.set(event.channelId, await findChannelOrgUnit(ctx.db, event.channelId));
        }
        const unit = unitOfChannel.get(event.channelId);
        if (unit !== undefined && scope.includes(unit)) {
          return true;
        }
        const assignment = await findItemAssignment(ctx.db, event.itemId);
        return (
          assignment !== undefined &&
          (assignment.assignee_id === reader.id ||
            (assignment.org_unit_id !== null && scope.includes(assignment.org_unit_id)))
        );
      };

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        ...(reply.getHeaders() as OutgoingHttpHeaders),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-correlation-id': request.id,
      });
      raw.write('retry: 5000\n\n');

      let closed = false;
      // Events are written in order even though the scope check may wait for the database.
      let queue: Promise<void> = Promise.resolve();
      const unsubscribe = bus.subscribe((event) => {
        queue = queue
          .then(async () => {
            if (!closed && (await maySee(event))) {
              raw.write(
                `event: inbox\ndata: ${JSON.stringify({ type: event.type, itemId: event.itemId })}\n\n`,
              );
            }
          })
          .catch((error: unknown) => {
            request.log.warn({ err: error }, 'inbox event stream: scope check failed');
          });
      });
      const heartbeat = setInterval(() => {
        raw.write(': ping\n\n');
      }, heartbeatMs);
      const end = (): void => {
        raw.end();
      };
      open.add(end);
      const lifetime = setTimeout(end, maxLifetimeMs);
      const cleanup = (): void => {
        if (closed) {
          return;
        }
        closed = true;
        open.delete(end);
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(lifetime);
      };
      request.raw.on('close', cleanup);
      raw.on('close', cleanup);
      raw.on('error', cleanup);
    },
  );
}
