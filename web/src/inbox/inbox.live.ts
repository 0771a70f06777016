// Live updates: an EventSource on /api/inbox/events. The browser reconnects by itself after a
// dropped connection; when it gives up (an HTTP error closes the stream) we open a new one with a
// growing pause, so a restarted server is picked up without reloading the page.
import { useEffect, useRef, useState } from 'react';
import type { InboxEvent } from './inbox.types.ts';

const EVENTS_URL = '/api/inbox/events';
const FIRST_RETRY_MS = 2000;
const MAX_RETRY_MS = 30_000;

function parseEvent(data: string): InboxEvent | null {
  try {
    const value = JSON.parse(data) as Partial<InboxEvent>;
    if (
      (value.type === 'item-created' || value.type === 'item-updated') &&
      typeof value.itemId === 'string'
    ) {
      return { type: value.type, itemId: value.itemId };
    }
  } catch {
    // A malformed event is dropped; the next one or the next reload brings the list up to date.
  }
  return null;
}

/** Calls `onEvent` for each inbox event; answers whether the stream is currently open. */
export function useInboxLive(onEvent: (event: InboxEvent) => void): boolean {
  const [connected, setConnected] = useState(false);
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: number | undefined;
    let delay = FIRST_RETRY_MS;
    let stopped = false;

    const open = () => {
      source = new EventSource(EVENTS_URL, { withCredentials: true });
      source.onopen = () => {
        delay = FIRST_RETRY_MS;
        setConnected(true);
      };
      source.addEventListener('inbox', (message: MessageEvent<string>) => {
        const event = parseEvent(message.data);
        if (event !== null) {
          handler.current(event);
        }
      });
      source.onerror = () => {
        setConnected(false);
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          retryTimer = window.setTimeout(open, delay);
          delay = Math.min(delay * 2, MAX_RETRY_MS);
        }
      };
    };
    open();

    return () => {
      stopped = true;
      window.clearTimeout(retryTimer);
      source?.close();
    };
  }, []);

  return connected;
}
