import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppFailure, describeProblems, type CellProblem } from '../../shared/protocol/result';
import { openBook, LATEST_VERSION, type Db } from '../db/connection';
import { invariantProblems, type CheckedParty } from '../service/book-invariants';
import { describeLookalikes, LOOKALIKE_REPORT_KEY, type LookalikeReport } from '../db/lookalike-parties';
import { openService } from '../service/book';
import { acquireBookLock } from '../service/book-lock';
import type { Service } from '../service/service';
import { startHttpServer } from '../transports/http-server';
import { rendererDir } from './run';
import { allowOnly, requireFlag, UsageError, type Args } from './args';
import { untilStopped } from './until-stopped';
import { isPgBook } from '../pg/book-url';

// Team books' code (the pg driver, TLS, the team server) is loaded only for a team book: every file book command
// starts without it (about a fifth of the CLI's start-up).
const teamCommands = () => import('./team-commands');

export { cmdImport } from './import-command';

export type Io = {
  out: (s: string) => void;
  /** Bytes to standard output as they are (an export made as UTF-8 bytes); without it, `out` gets them as text. */
  outBytes?: (bytes: Uint8Array) => void;
  err: (s: string) => void;
  errIsTty: boolean;
  /** Standard input as text when it is piped, null when it is a terminal (a password is then generated). */
  readStdin?: () => Promise<string | null>;
};

/** Exit codes: 0 done, 1 invalid data, 2 usage or I/O error. */
export type ExitCode = 0 | 1 | 2;

export async function cmdNew(args: Args, io: Io): Promise<ExitCode> {
  if (isPgBook(requireFlag(args, 'book'))) return (await teamCommands()).teamNew(args, io);
  allowOnly(args, ['book', 'sample']);
  const book = requireFlag(args, 'book');
  // `--book books/` names a folder: resolve() would drop the slash and make a book file called `books`.
  if (/[/\\]$/.test(book)) throw new UsageError(`--book ${book} names a folder; give the new book's file name, e.g. ${book}deals.dealbook`);
  const path = resolve(book);
  if (existsSync(path)) throw new UsageError(`${path} already exists; choose a new file name`);
  const service = await openService(path, { create: true, sample: args.flags.has('sample') });
  const info = service.bookInfo({});
  service.close();
  io.out(`Created ${path} (${info.deals} deals, ${info.parties} parties)\n`);
  return 0;
}

export async function cmdCheck(args: Args, io: Io): Promise<ExitCode> {
  if (isPgBook(requireFlag(args, 'book'))) return (await teamCommands()).teamCheck(args, io);
  allowOnly(args, ['book']);
  const path = resolve(requireFlag(args, 'book'));
  const { db } = await openBook(path, { readonly: true });
  try {
    let integrity: string[];
    try {
      integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (err) {
      integrity = [`damaged (${(err as Error).message})`];
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    const count = (table: string) => {
      try {
        return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      } catch {
        return 0;
      }
    };
    const invariants = fileInvariants(db, version);
    const sound = integrity.length === 1 && integrity[0] === 'ok';
    const healthy = sound && invariants.length === 0;
    let lookalikes: string[] = [];
    try {
      const saved = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(LOOKALIKE_REPORT_KEY) as string | undefined;
      if (saved) lookalikes = describeLookalikes(JSON.parse(saved) as LookalikeReport);
    } catch {
      // an older book has no settings table, or a report another tool mangled: nothing to say
    }
    io.out(
      [
        `book: ${path}`,
        `integrity: ${healthy ? 'ok' : [...(sound ? [] : integrity), ...invariants].join('; ')}`,
        `schema: ${version} (this app: ${LATEST_VERSION}${version < LATEST_VERSION ? ', will migrate on open' : ''})`,
        `deals: ${count('deals')}`,
        `parties: ${count('parties')}`,
        `undo steps: ${count('batches')}`,
        ...lookalikes.map((line) => `lookalike parties: ${line}`),
      ].join('\n') + '\n',
    );
    return healthy ? 0 : 1;
  } finally {
    db.close();
  }
}

/**
 * The spec's invariants SQLite does not enforce (see book-invariants.ts), on a book of any schema version. Name keys
 * are today's rule's only in a current book: an older one holds its own version's keys, recomputed when it is opened.
 */
function fileInvariants(db: Db, version: number): string[] {
  try {
    const columns = new Set((db.pragma('table_info(parties)') as { name: string }[]).map((c) => c.name));
    const v2 = columns.has('parent_id') && columns.has('name_key');
    const parties = db.prepare(`SELECT id, name, ${v2 ? 'parent_id, name_key' : 'NULL AS parent_id, NULL AS name_key'} FROM parties`).all() as CheckedParty[];
    const orphans = (db.prepare(`SELECT count(*) AS n FROM deals d WHERE NOT EXISTS (SELECT 1 FROM parties p WHERE p.id = d.from_party_id)
      OR NOT EXISTS (SELECT 1 FROM parties p WHERE p.id = d.to_party_id)`).get() as { n: number }).n;
    return invariantProblems(parties, orphans, v2 && version >= LATEST_VERSION);
  } catch (err) {
    // A book too damaged to read its parties: integrity_check has said why.
    return [`cannot read the parties (${(err as Error).message})`];
  }
}

export async function cmdServe(args: Args, io: Io): Promise<ExitCode> {
  if (args.flags.has('team')) return (await import('./team-serve')).cmdServeTeam(args, io);
  if (isPgBook(requireFlag(args, 'book'))) return (await import('./team-serve')).serveTeamBookAlone(args, io);
  allowOnly(args, ['book', 'port']);
  const path = resolve(requireFlag(args, 'book'));
  const port = portFlag(args);
  // Browser mode is a window on the book like a desktop one: one at a time (see book-lock.ts). Scripts need no lock.
  const lock = acquireBookLock(path);
  let service: Service | null = null;
  try {
    service = await openService(path);
    const server = await startHttpServer({ handlers: service, events: service.events, staticDir: rendererDir(), port });
    io.out(`Serving ${path} at ${server.url}\n`);
    await untilStopped(() => server.close());
    return 0;
  } finally {
    service?.close();
    lock.release();
  }
}

export function portFlag(args: Args): number {
  const port = args.flags.has('port') ? Number(args.flags.get('port')) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number 0-65535');
  return port;
}

export { rendererDir } from './run';
