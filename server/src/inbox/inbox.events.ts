import { EventEmitter } from 'node:events';

/**
 * What changed in the inbox, for the live list (server-sent events). Ids only: a listener reloads
 * what it may see, so no text or personal data travels through the bus.
 */
export type InboxEvent =
  | { readonly type: 'item-created'; readonly itemId: string; readonly channelId: string }
  | { readonly type: 'item-updated'; readonly itemId: string; readonly channelId: string };

/**
 * In-process: the server runs its jobs and its HTTP edge in one process (main.ts), so ingestion
 * and the SSE stream meet here. Several server processes would need PostgreSQL LISTEN/NOTIFY.
 */
export class InboxEventBus {
  readonly #emitter = new EventEmitter();

  constructor() {
    // One listener per open inbox tab; the default warning at 10 is meant for leaks, not this.
    this.#emitter.setMaxListeners(0);
  }

  publish(event: InboxEvent): void {
    this.#emitter.emit('event', event);
  }

  subscribe(listener: (event: InboxEvent) => void): () => void {
    this.#emitter.on('event', listener);
    return () => {
      this.#emitter.off('event', listener);
    };
  }
}

/** The process's bus; tests make their own instance where they need isolation. */
export const inboxEvents = new InboxEventBus();
