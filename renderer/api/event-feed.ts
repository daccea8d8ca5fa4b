import type { BookEvent } from '../../shared/protocol/contract';

/** Where a window's events stand: the stream and the last event applied. */
export type EventHead = { stream: string; seq: number };

export type FeedListener = {
  event: (event: BookEvent) => void;
  /** The events after `from()` are no longer kept (or the book's stream is another): reload everything. */
  reset: (head: EventHead) => void;
  /** The stream came back after a drop and sent what was missed (`missed` steps; `reset`: too many, reload). */
  reconnected?: (caughtUp: CaughtUp) => void;
  /** The server refused the stream for want of a session (401: signed out, expired, the user removed); it stops. */
  signedOut?: () => void;
};

/** What a reconnected stream caught up on. */
export type CaughtUp = { missed: number; reset: boolean };

/** A subscription to the book's events; `from` says where to resume after a reconnect. Returns the unsubscribe. */
export type EventFeed = (on: FeedListener, from: () => EventHead) => () => void;

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5000;

/**
 * Browser mode: the book's Server-Sent Events stream, read with fetch so it carries the same token header as every
 * call (EventSource cannot send one). When it drops it connects again by itself, slower each time up to 5 s,
 * resuming after the last event applied: the server first sends what was missed.
 */
export function sseFeed(headers: Record<string, string>): EventFeed {
  return (on, from) => {
    let stopped = false;
    let controller: AbortController | null = null;
    let delay = RETRY_FIRST_MS;
    // Streams that reached the end of their catch-up: after the first, each one is a reconnect.
    let opened = 0;
    const run = async () => {
      while (!stopped) {
        controller = new AbortController();
        try {
          const { stream, seq } = from();
          const res = await fetch(`/events?stream=${encodeURIComponent(stream)}&after=${seq}`, { headers, signal: controller.signal, cache: 'no-store' });
          // No session any more: trying again cannot help, and the window must say why it went quiet.
          if (res.status === 401 && on.signedOut) {
            stopped = true;
            on.signedOut();
            return;
          }
          if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
          delay = RETRY_FIRST_MS;
          await readEvents(res.body, (type, data) => {
            if (type === 'reset') on.reset(data as EventHead);
            else if (type === 'caught-up') {
              if (opened++ > 0) on.reconnected?.(data as CaughtUp);
            } else on.event(data as BookEvent);
          });
        } catch {
          // dropped, refused or aborted: try again below unless stopped
        }
        if (stopped) return;
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, RETRY_MAX_MS);
      }
    };
    void run();
    return () => {
      stopped = true;
      controller?.abort();
    };
  };
}

/** Parse an event stream's blocks ("event:", "data:" lines, a blank line between) until it ends. */
async function readEvents(body: ReadableStream<Uint8Array>, onMessage: (type: string, data: unknown) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) type = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length) onMessage(type, JSON.parse(data.join('\n')));
    }
  }
}
