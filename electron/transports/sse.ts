import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BookEvent } from '../../shared/protocol/contract';
import type { BookEvents } from '../service/events';
import { CONTENT_SECURITY_POLICY } from './csp';

/** Path of the browser mode's event stream (GET, same token and Host/Origin rules as the API). */
export const EVENTS_PATH = '/events';

// A comment line now and then keeps proxies and idle timeouts from closing a quiet stream.
const KEEP_ALIVE_MS = 15_000;

/** Where a reconnecting tab left off: `?stream=&after=`, or the `Last-Event-ID` ("stream:seq") EventSource sends. */
export function resumePoint(url: URL, lastEventId: string | undefined): { stream: string; after: number } | null {
  const fromId = /^([\w-]{1,100}):(\d{1,15})$/.exec(lastEventId ?? '');
  if (fromId) return { stream: fromId[1]!, after: Number(fromId[2]) };
  const stream = url.searchParams.get('stream');
  const after = Number(url.searchParams.get('after'));
  return stream && /^[\w-]{1,100}$/.test(stream) && Number.isSafeInteger(after) && after >= 0 ? { stream, after } : null;
}

/**
 * One tab's Server-Sent Events stream of the book's events: first the ones it missed since `resume` (or a `reset`
 * when they are no longer kept, or it has none: it then reloads), then each new one as it is committed.
 */
export function serveEvents(req: IncomingMessage, res: ServerResponse, events: BookEvents, resume: { stream: string; after: number } | null): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    Connection: 'keep-alive',
  });
  // The headers leave with the first bytes: a tab with nothing to catch up on knows it is connected at once.
  res.write(': open\n\n');
  // Subscribe before looking up what was missed: nothing committed in between can fall through.
  const queued: BookEvent[] = [];
  let live = false;
  let last = resume?.after ?? 0;
  let sent = 0;
  const send = (event: BookEvent) => {
    if (event.seq <= last) return;
    last = event.seq;
    sent++;
    res.write(`id: ${event.stream}:${event.seq}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  const stop = events.subscribe((event) => (live ? send(event) : queued.push(event)));
  const missed = resume ? events.since(resume.stream, resume.after) : { reset: true as const, ...events.head() };
  if (missed.reset) {
    res.write(`event: reset\ndata: ${JSON.stringify({ stream: missed.stream, seq: missed.seq })}\n\n`);
    last = missed.seq;
  } else {
    missed.events.forEach(send);
  }
  queued.forEach(send);
  live = true;
  // The tab now shows everything up to here: one that reconnected says it caught up (and on how many steps).
  res.write(`event: caught-up\ndata: ${JSON.stringify({ missed: sent, reset: missed.reset })}\n\n`);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  keepAlive.unref?.();
  const end = () => {
    clearInterval(keepAlive);
    stop();
  };
  req.on('close', end);
  res.on('close', end);
}
