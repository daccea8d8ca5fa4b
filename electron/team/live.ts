import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';
import type { Change } from '../../shared/contract';
import type { DealRow } from '../../shared/deal';
import type { OpenedPgBook } from '../pg/connection';
import { inTransaction } from '../pg/pg-tx';
import { newTouched } from '../service/writer';
import { collectPgChange } from '../pg/pg-writer';
import type { Session } from './auth';

/** A committed step as a window receives it: numbered in this server's stream, with who made it. */
export type LiveEvent = Change & { stream: string; seq: number; by: string };

/** What one server tells the others through NOTIFY (8000 bytes at most): which rows, not the rows. */
type Notice = { from: string; by: string; label: string; savedAt: string; deals: number[]; deleted: number[]; reload: boolean };

const MAX_IDS = 400;
const KEEP = 500;
const RECONNECT_MS = 1000;

/**
 * Live team books: every committed step of this server is pushed to its windows at once and announced to the
 * book's other servers with PostgreSQL's NOTIFY on a channel named after the schema; each server LISTENs on a
 * connection of its own, re-reads the rows a notice names (with fresh derived values) and pushes them to its windows.
 * A lost LISTEN connection is re-made; its windows are told to reload, since notices sent meanwhile are gone.
 */
export async function startLive(opened: OpenedPgBook) {
  const { pool, book } = opened;
  const channel = `dealbook_${book.schema}`;
  const me = randomBytes(9).toString('base64url');
  let stream = randomBytes(9).toString('base64url');
  let seq = 0;
  const kept: LiveEvent[] = [];
  const listeners = new Set<(e: LiveEvent | { reset: true; stream: string; seq: number }) => void>();
  let listener: pg.Client | null = null;
  let closed = false;

  function emit(change: Change, by: string): LiveEvent {
    const event: LiveEvent = { ...change, stream, seq: ++seq, by };
    kept.push(event);
    if (kept.length > KEEP) kept.shift();
    for (const l of [...listeners]) l(event);
    return event;
  }

  /** Start a new stream: windows reload (what happened while this server was deaf is not known row by row). */
  function reset(): void {
    stream = randomBytes(9).toString('base64url');
    seq = 0;
    kept.length = 0;
    for (const l of [...listeners]) l({ reset: true, stream, seq });
  }

  async function listen(): Promise<void> {
    while (!closed) {
      const client = new pg.Client({ connectionString: book.connectionString });
      try {
        await client.connect();
        client.on('notification', (n) => void received(n.payload));
        client.on('error', () => {});
        client.on('end', () => {
          if (closed) return;
          listener = null;
          reset();
          setTimeout(() => void listen(), RECONNECT_MS);
        });
        await client.query(`LISTEN ${channel}`);
        listener = client;
        return;
      } catch {
        await client.end().catch(() => {});
        await new Promise((r) => setTimeout(r, RECONNECT_MS));
      }
    }
  }

  async function received(payload: string | undefined): Promise<void> {
    let notice: Notice;
    try {
      notice = JSON.parse(payload ?? '') as Notice;
    } catch {
      return;
    }
    if (notice.from === me) return;
    const base = { savedAt: notice.savedAt, label: notice.label };
    if (notice.reload) return void emit({ changed: [], deleted: [], reload: true, ...base }, notice.by);
    try {
      const change = await inTransaction(pool, book.schema, false, async (repos) => {
        const touched = newTouched();
        for (const id of notice.deals) touched.deals.add(id);
        for (const id of notice.deleted) touched.deleted.add(id);
        // The notice names every row its step refreshed (the rest of a deleted deal's pair among them).
        return collectPgChange(repos, touched, notice.label, notice.savedAt);
      });
      emit(change, notice.by);
    } catch {
      emit({ changed: [], deleted: [], reload: true, ...base }, notice.by);
    }
  }

  /** Called by the store after each commit of this server. */
  function committed(change: Change, by: string): void {
    emit(change, by);
    const ids = change.changed.map((r: DealRow) => r.id);
    const notice: Notice = {
      from: me, by, label: change.label.slice(0, 200), savedAt: change.savedAt,
      deals: ids.length > MAX_IDS ? [] : ids,
      deleted: change.deleted.length > MAX_IDS ? [] : change.deleted,
      reload: change.reload || ids.length > MAX_IDS || change.deleted.length > MAX_IDS,
    };
    // pg_notify takes the channel as a value: parameters only. Sent after the commit, so a reader sees the rows.
    pool.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(notice)]).catch(() => {});
  }

  /** GET /events: a tab's Server-Sent Events, first what it missed (or a reset), then each new step. */
  function serve(req: IncomingMessage, res: ServerResponse, _session: Session, url: URL): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', Connection: 'keep-alive' });
    res.write(': open\n\n');
    const from = /^([\w-]{1,100}):(\d{1,15})$/.exec(String(req.headers['last-event-id'] ?? `${url.searchParams.get('stream')}:${url.searchParams.get('after')}`));
    const write = (e: LiveEvent | { reset: true; stream: string; seq: number }) => {
      if ('reset' in e) res.write(`event: reset\ndata: ${JSON.stringify(e)}\n\n`);
      else res.write(`id: ${e.stream}:${e.seq}\ndata: ${JSON.stringify(e)}\n\n`);
    };
    const after = from && from[1] === stream ? Number(from[2]) : null;
    const first = kept[0]?.seq ?? seq + 1;
    if (after === null || after + 1 < first || after > seq) write({ reset: true, stream, seq });
    else for (const e of kept) if (e.seq > after) write(e);
    listeners.add(write);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    keepAlive.unref?.();
    const end = () => {
      clearInterval(keepAlive);
      listeners.delete(write);
    };
    req.on('close', end);
    res.on('close', end);
  }

  await listen();

  return {
    committed,
    serve,
    head: () => ({ stream, seq }),
    subscribe: (l: (e: LiveEvent | { reset: true; stream: string; seq: number }) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: async () => {
      closed = true;
      await listener?.end().catch(() => {});
    },
  };
}

export type Live = Awaited<ReturnType<typeof startLive>>;
