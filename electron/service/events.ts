import { randomBytes } from 'node:crypto';
import type { BookEvent, MissedEvents } from '../../shared/protocol/contract';

/** An event as the store makes it; the log numbers it. */
export type NewEvent = Omit<BookEvent, 'stream' | 'seq'>;

/** What transports need from a book's events: the latest number, a subscription, and the ones a window missed. */
export type BookEvents = {
  head: () => { stream: string; seq: number };
  /** Called once per event, in order, after it committed; returns the function that unsubscribes. */
  subscribe: (listener: (event: BookEvent) => void) => () => void;
  since: (stream: string, after: number) => MissedEvents;
};

export type EventLogOptions = {
  /** Events kept for windows catching up... */
  keepEvents?: number;
  /** ...and at most this many rows across them (a window further behind reloads instead). */
  keepRows?: number;
  /** Told when the first window subscribes and when the last one leaves (to watch for other programs' writes). */
  onWatched?: (watched: boolean) => void;
};

/**
 * Numbers a book's committed steps and hands each to every subscriber. Knows nothing of the store: the SQLite
 * service emits into it today, a PostgreSQL team book can do the same.
 */
export function createEventLog(options: EventLogOptions = {}) {
  const keepEvents = options.keepEvents ?? 500;
  const keepRows = options.keepRows ?? 20_000;
  const stream = randomBytes(9).toString('base64url');
  const listeners = new Set<(event: BookEvent) => void>();
  const kept: BookEvent[] = [];
  let keptRows = 0;
  let seq = 0;

  function emit(event: NewEvent): BookEvent {
    const numbered: BookEvent = { stream, seq: ++seq, ...event };
    kept.push(numbered);
    keptRows += weight(numbered);
    while (kept.length > keepEvents || (kept.length > 1 && keptRows > keepRows)) keptRows -= weight(kept.shift()!);
    for (const listener of [...listeners]) {
      try {
        listener(numbered);
      } catch (err) {
        // One window's failure must not keep the event from the others, nor undo the commit.
        console.error('[dealbook] event listener failed:', err);
      }
    }
    return numbered;
  }

  const events: BookEvents = {
    head: () => ({ stream, seq }),
    subscribe: (listener) => {
      listeners.add(listener);
      if (listeners.size === 1) options.onWatched?.(true);
      return () => {
        if (listeners.delete(listener) && listeners.size === 0) options.onWatched?.(false);
      };
    },
    since: (from, after) => {
      if (from === stream && after >= seq) return { reset: false, events: [] };
      const first = kept[0]?.seq ?? seq + 1;
      // Kept events cover every step after `after` only if the first one kept is the next one.
      if (from !== stream || after > seq || after + 1 < first) return { reset: true, stream, seq };
      return { reset: false, events: kept.slice(after + 1 - first) };
    },
  };

  return { emit, events, watched: () => listeners.size > 0 };
}

export type EventLog = ReturnType<typeof createEventLog>;

/** A reload event weighs nothing (it carries no rows); others weigh their rows. */
const weight = (e: BookEvent) => 1 + e.changed.length + e.deleted.length;
