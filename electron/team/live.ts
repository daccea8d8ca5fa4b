import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';
import type { BookEvent } from '../../shared/protocol/contract';
import type { OpenedPgBook } from '../pg/connection';
import { pgRepos } from '../pg/pg-repos';
import { collectPgChange } from '../pg/pg-writer';
import type { PgStore } from '../pg/pg-service';
import { newTouched } from '../service/writer';
import { resumePoint, serveEvents } from '../transports/sse';
import type { Session } from './auth';

/** What one server tells the others through NOTIFY (8000 bytes at most): which rows, not the rows. */
type Notice = Pick<BookEvent, 'by' | 'label' | 'savedAt' | 'reload' | 'parties' | 'undoLabel' | 'redoLabel'> & { from: string; deals: number[]; deleted: number[]; scenarios?: boolean };

const MAX_IDS = 300;
const RECONNECT_MS = 1000;
/** Who an event says made a step the server cannot attribute (its link to the others was lost meanwhile). */
export const TEAM_SERVER = 'the team server';

/**
 * Live team books: each step a server commits is numbered and pushed to its own windows by its store (the same
 * events as a file book's, electron/service/events.ts), and announced to the book's other servers with PostgreSQL's
 * NOTIFY on a channel named after the schema. Each server LISTENs on a connection of its own, re-reads the rows a
 * notice names (fresh derived values) and pushes them as an event of its own stream. A lost LISTEN connection is
 * re-made, and its windows are told to reload, since notices sent meanwhile are gone.
 */
export async function startLive(opened: OpenedPgBook, store: () => PgStore) {
  const { pool, book } = opened;
  const channel = channelOf(book.schema);
  const me = randomBytes(9).toString('base64url');
  let listener: pg.Client | null = null;
  let closed = false;
  const reader = pgRepos(async (sql, params) => (await pool.query(sql, params as unknown[])).rows);

  async function listen(): Promise<void> {
    while (!closed) {
      const client = new pg.Client({ connectionString: book.connectionString });
      client.on('error', () => {});
      try {
        await client.connect();
        client.on('notification', (n) => void received(n.payload));
        client.on('end', () => {
          if (closed) return;
          listener = null;
          void relisten();
        });
        // The channel is an identifier made of the validated schema name, not a value: LISTEN takes no parameters.
        await client.query(`LISTEN ${channel}`);
        listener = client;
        return;
      } catch {
        await client.end().catch(() => {});
        await new Promise((r) => setTimeout(r, RECONNECT_MS));
      }
    }
  }

  async function relisten(): Promise<void> {
    await new Promise((r) => setTimeout(r, RECONNECT_MS));
    await listen();
    if (closed) return;
    const stack = { undoLabel: null, redoLabel: null };
    store().emit({
      changed: [], deleted: [], reload: true, savedAt: new Date().toISOString(), label: 'Reconnected to the team book',
      ...stack, parties: true, scenarios: false, by: TEAM_SERVER,
    });
  }

  async function received(payload: string | undefined): Promise<void> {
    let notice: Notice;
    try {
      notice = JSON.parse(payload ?? '') as Notice;
    } catch {
      return;
    }
    if (notice.from === me) return;
    const { from: _f, deals, deleted, ...rest } = notice;
    let rows = { changed: [] as BookEvent['changed'], deleted: [] as number[], reload: true };
    if (!notice.reload) {
      try {
        const touched = newTouched();
        for (const id of deals) touched.deals.add(id);
        for (const id of deleted) touched.deleted.add(id);
        // The notice names every row its step refreshed (the rest of a deleted deal's pair among them). They are
        // read in one statement (one snapshot) outside a transaction: one round trip, not BEGIN, read, COMMIT.
        rows = await collectPgChange(reader, touched);
      } catch {
        // The rows could not be read now: the windows reload instead of missing the step.
      }
    }
    store().emit({ ...rest, ...rows, scenarios: notice.scenarios === true });
  }

  /** Called after each step this server commits: tells the book's other servers. */
  function committed(event: BookEvent): void {
    void announce(pool, book.schema, event, me);
  }

  /** GET /events for a signed-in tab: PUSH's event stream, with its user's own Undo and Redo labels. */
  async function serve(req: IncomingMessage, res: ServerResponse, session: Session, url: URL): Promise<void> {
    const events = await store().eventsFor(session.user);
    const lastId = req.headers['last-event-id'];
    serveEvents(req, res, events, resumePoint(url, typeof lastId === 'string' ? lastId : undefined));
  }

  await listen();

  return {
    committed,
    serve,
    close: async () => {
      closed = true;
      await listener?.end().catch(() => {});
    },
  };
}

export type Live = Awaited<ReturnType<typeof startLive>>;

/**
 * The book's NOTIFY channel: an identifier made of the validated schema name. A channel name is at most 63 bytes
 * (pg_notify refuses a longer one, LISTEN cuts it), so a long schema name keeps its start and adds a hash of the whole
 * name: the servers of one book meet on one channel, and two books whose names share a start stay apart.
 */
export function channelOf(schema: string): string {
  const plain = `dealbook_${schema}`;
  if (plain.length <= MAX_CHANNEL) return plain;
  return `dealbook_${schema.slice(0, 40)}_${createHash('sha256').update(schema).digest('hex').slice(0, 12)}`;
}
const MAX_CHANNEL = 63;

/**
 * Tell the book's servers of a step committed here (a team server's, or another program's such as the CLI, whose
 * `from` is its own): which rows, not the rows. Sent after the commit, so a reader sees them; never throws.
 */
export function announce(pool: pg.Pool, schema: string, event: BookEvent, from: string = randomBytes(9).toString('base64url')): Promise<void> {
  const ids = event.changed.map((r) => r.id);
  const tooMany = ids.length > MAX_IDS || event.deleted.length > MAX_IDS;
  const notice: Notice = {
    from, by: event.by.slice(0, 200), label: event.label.slice(0, 200), savedAt: event.savedAt,
    undoLabel: event.undoLabel?.slice(0, 200) ?? null, redoLabel: event.redoLabel?.slice(0, 200) ?? null,
    parties: event.parties, scenarios: event.scenarios, reload: event.reload || tooMany,
    deals: tooMany ? [] : ids, deleted: tooMany ? [] : event.deleted,
  };
  // pg_notify takes the channel as a value: parameters only.
  return pool.query('SELECT pg_notify($1, $2)', [channelOf(schema), JSON.stringify(notice)]).then(() => undefined, () => undefined);
}
