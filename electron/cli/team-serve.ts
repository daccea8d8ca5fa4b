import { readFileBytes } from '../db/file-errors';
import { isPgBook } from '../pg/book-url';
import { openPgBook } from '../pg/connection';
import { usersRepo } from '../pg/users-repo';
import { createPgStore, type PgStore } from '../pg/pg-service';
import { createAuth } from '../team/auth';
import { startTeamServer } from '../team/team-server';
import { startLive } from '../team/live';
import { allowOnly, requireFlag, UsageError, type Args } from './args';
import { untilStopped } from './until-stopped';
import type { ExitCode, Io } from './commands';
import { portFlag, rendererDir } from './commands';
import { cliUser } from './cli-user';
import { startHttpServer } from '../transports/http-server';

/** `dealbook serve --book URL --team [--host H] [--port N] [--tls-cert F --tls-key F]` */
export async function cmdServeTeam(args: Args, io: Io): Promise<ExitCode> {
  allowOnly(args, ['book', 'team', 'host', 'port', 'tls-cert', 'tls-key']);
  const url = requireFlag(args, 'book');
  if (!isPgBook(url)) throw new UsageError('--team serves a team book: --book postgres://USER@HOST/DB?schema=NAME');
  const port = args.flags.has('port') ? Number(args.flags.get('port')) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number 0-65535');
  const host = args.flags.get('host');
  const cert = args.flags.get('tls-cert');
  const key = args.flags.get('tls-key');
  if (Boolean(cert) !== Boolean(key)) throw new UsageError('--tls-cert and --tls-key go together');
  const tls = typeof cert === 'string' && typeof key === 'string' ? { cert: await readFileBytes(cert), key: await readFileBytes(key) } : undefined;

  const opened = await openPgBook(url, { max: 16 });
  let store: PgStore | null = null;
  const live = await startLive(opened, () => store!);
  store = createPgStore(opened, { onCommit: (e) => live.committed(e) });
  const users = usersRepo(opened.pool);
  if ((await users.list()).length === 0) {
    io.err(`dealbook: ${opened.book.display} has no users yet; add the first owner: dealbook user add --book URL NAME --role owner\n`);
  }
  const server = await startTeamServer({
    store,
    auth: createAuth(users, { secure: Boolean(tls) }),
    staticDir: rendererDir(),
    ...(typeof host === 'string' ? { host } : {}),
    port,
    ...(tls ? { tls } : {}),
    events: live.serve,
  });
  io.out(`Serving team book ${opened.book.display} at ${server.url}\n`);
  await untilStopped(() => server.close());
  await live.close();
  await store.close();
  return 0;
}

/**
 * A team book without --team is served exactly like a file book: loopback, the launch token, one person (recorded
 * as the command line's user, so its undo is the CLI's too, as on a file book). Steps other programs make (a
 * `dealbook import`, a team server) reach the window through the book's NOTIFY channel, as a file book's watcher
 * tells of other programs' writes.
 */
export async function serveTeamBookAlone(args: Args, io: Io): Promise<ExitCode> {
  allowOnly(args, ['book', 'port']);
  const port = portFlag(args);
  const opened = await openPgBook(requireFlag(args, 'book'));
  let store: PgStore | null = null;
  const live = await startLive(opened, () => store!);
  store = createPgStore(opened, { onCommit: (e) => live.committed(e) });
  try {
    const server = await startHttpServer({ storeHandlers: store.handlersFor(cliUser()), events: store.events, staticDir: rendererDir(), port });
    io.out(`Serving ${opened.book.display} at ${server.url}\n`);
    await untilStopped(() => server.close());
    return 0;
  } finally {
    await live.close();
    await store.close();
  }
}
