import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isPgBook } from '../pg/book-url';
import { allowOnly, requireFlag, UsageError, type Args } from './args';
import { cliUser } from './cli-user';
import type { ExitCode, Io } from './commands';

/** `dealbook pull --book URL --out FILE`: a new book file copied from a team book (electron/offline/pull.ts). */
export async function cmdPull(args: Args, io: Io): Promise<ExitCode> {
  allowOnly(args, ['book', 'out']);
  const url = requireFlag(args, 'book');
  if (!isPgBook(url)) throw new UsageError(`--book ${url}: pull copies a team book; give its postgres:// URL`);
  const out = resolve(requireFlag(args, 'out'));
  const { pullBook } = await import('../offline/pull');
  const s = await pullBook(url, out);
  io.out(`pulled ${s.from} into ${s.out} (${s.deals} deals, ${s.parties} parties, ${s.scenarios} scenarios, ${s.steps} history steps; team book at step ${s.pulledBatch})\n`);
  await keepPassword(url, io);
  return 0;
}

/**
 * `dealbook push --book FILE [--dry-run]`: the file's steps since the pull, to its team book. Exit 0 when every
 * change was applied, 1 when some were listed as conflicts (the rest applied), 2 usage or I/O (nothing applied).
 * `dealbook push --book FILE --to URL`: a new team book made from the file.
 */
export async function cmdPush(args: Args, io: Io): Promise<ExitCode> {
  allowOnly(args, ['book', 'to', 'dry-run', 'password-stdin']);
  const book = requireFlag(args, 'book');
  if (isPgBook(book)) throw new UsageError(`--book ${book}: push sends a book file's steps; give the file (its team book is remembered in it)`);
  const path = resolve(book);
  if (!existsSync(path)) throw new UsageError(`No book at ${path}`);
  const to = args.flags.get('to');
  if (to !== undefined) {
    if (typeof to !== 'string' || !isPgBook(to)) throw new UsageError('--to needs a team book URL: postgres://USER[:PASS]@HOST[:PORT]/DB?schema=NAME');
    if (args.flags.has('dry-run') || args.flags.has('password-stdin')) throw new UsageError('--to cannot be used with --dry-run or --password-stdin (give the password in the URL, PGPASSWORD or ~/.pgpass)');
    const { pushToNewBook } = await import('../offline/push-to');
    const s = await pushToNewBook(path, to, { user: cliUser() });
    io.out(
      s.recovered
        ? `${s.where} already holds the book made from ${path} (an earlier push --to stopped before noting it in the file); ${path} now pushes to it\n`
        : `created ${s.where} from ${path} (${s.deals} deals, ${s.parties} parties, ${s.scenarios} scenarios, ${s.steps} history steps); ${path} now pushes to it\n`,
    );
    await keepPassword(to, io);
    return 0;
  }
  let password: string | null = null;
  if (args.flags.has('password-stdin')) {
    password = (await io.readStdin?.()) ?? null;
    if (!password) throw new UsageError('--password-stdin: no password on standard input');
  }
  const { pushBook } = await import('../offline/push');
  const dryRun = args.flags.has('dry-run');
  const r = await pushBook(path, { user: cliUser(), dryRun, password });
  if (!r.steps && !r.lines.length) {
    io.out(`nothing to push: no steps in ${path} since the last pull or push\n`);
    return 0;
  }
  for (const line of r.lines) io.out(`${line}\n`);
  const counts = `${r.steps} ${r.steps === 1 ? 'step' : 'steps'} (${r.changes} ${r.changes === 1 ? 'change' : 'changes'} applied, ${r.conflicts} ${r.conflicts === 1 ? 'conflict' : 'conflicts'} not applied)`;
  io.out(dryRun ? `dry run: would push ${counts} to ${r.where}; nothing was written\n` : `pushed ${counts} to ${r.where}\n`);
  return r.conflicts ? 1 : 0;
}

/** A password given in the URL is kept for the next push in the user's own file, never in the book file. */
async function keepPassword(url: string, io: Io): Promise<void> {
  const { rememberPassword } = await import('../offline/saved-passwords');
  try {
    const path = rememberPassword(url);
    if (path) io.out(`the password is kept in ${path} for push (not in the book file)\n`);
  } catch (err) {
    io.err(`warning: could not keep the password for push (${(err as Error).message}); give it to push in PGPASSWORD, ~/.pgpass or --password-stdin\n`);
  }
}
