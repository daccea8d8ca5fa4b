import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { AppFailure, describeProblems } from '../../shared/result';
import { matchesQuickFilter, quickFilterWords } from '../../shared/quick-filter';
import { dealsToCsv } from '../../shared/csv-write';
import { openBook, LATEST_VERSION } from '../db/connection';
import { openService } from '../service/book';
import { startHttpServer } from '../transports/http-server';
import { allowOnly, requireFlag, UsageError, type Args } from './args';

export type Io = { out: (s: string) => void; err: (s: string) => void; errIsTty: boolean };

/** Exit codes: 0 done, 1 invalid data, 2 usage or I/O error. */
export type ExitCode = 0 | 1 | 2;

export async function cmdNew(args: Args, io: Io): Promise<ExitCode> {
  allowOnly(args, ['book', 'sample']);
  const path = resolve(requireFlag(args, 'book'));
  if (existsSync(path)) throw new UsageError(`${path} already exists; choose a new file name`);
  const service = await openService(path, { create: true, sample: args.flags.has('sample') });
  const info = service.bookInfo({});
  service.close();
  io.out(`Created ${path} (${info.deals} deals, ${info.parties} parties)\n`);
  return 0;
}

export async function cmdCheck(args: Args, io: Io): Promise<ExitCode> {
  allowOnly(args, ['book']);
  const path = resolve(requireFlag(args, 'book'));
  const { db } = await openBook(path, { readonly: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    const version = db.pragma('user_version', { simple: true }) as number;
    const count = (table: string) => {
      try {
        return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      } catch {
        return 0;
      }
    };
    const healthy = integrity.length === 1 && integrity[0] === 'ok';
    io.out(
      [
        `book: ${path}`,
        `integrity: ${healthy ? 'ok' : integrity.join('; ')}`,
        `schema: ${version} (this app: ${LATEST_VERSION}${version < LATEST_VERSION ? ', will migrate on open' : ''})`,
        `deals: ${count('deals')}`,
        `parties: ${count('parties')}`,
        `undo steps: ${count('batches')}`,
      ].join('\n') + '\n',
    );
    return healthy ? 0 : 1;
  } finally {
    db.close();
  }
}

export async function cmdServe(args: Args, io: Io): Promise<ExitCode> {
  allowOnly(args, ['book', 'port']);
  const path = resolve(requireFlag(args, 'book'));
  const port = args.flags.has('port') ? Number(args.flags.get('port')) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number 0-65535');
  const service = await openService(path);
  const server = await startHttpServer({ handlers: service, staticDir: rendererDir(), port });
  io.out(`Serving ${path} at ${server.url}\n`);
  await new Promise<void>((done) => {
    const stop = () => void server.close().then(() => { service.close(); done(); });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

export async function cmdImport(args: Args, io: Io): Promise<ExitCode> {
  allowOnly(args, ['book', 'dry-run', 'skip-invalid'], 1);
  const path = resolve(requireFlag(args, 'book'));
  const file = args.positional[0];
  if (!file) throw new UsageError('Name the CSV file to import: dealbook import --book PATH FILE');
  const text = await readText(file);
  const progress = io.errIsTty
    ? (done: number, total: number) => io.err(`\rimporting ${done}/${total} rows`)
    : undefined;
  const service = await openService(path, progress ? { onProgress: progress } : {});
  try {
    const report = service.importCsv({ text, skipInvalid: args.flags.has('skip-invalid'), dryRun: args.flags.has('dry-run') });
    if (progress) io.err('\n');
    if (report.problems.length) io.err(describeProblems(report.problems) + '\n');
    const verb = report.dryRun ? 'would import' : 'imported';
    const count = report.dryRun ? (report.problems.length && !args.flags.has('skip-invalid') ? 0 : report.validRows) : report.imported;
    io.out(`${verb} ${count} of ${report.totalRows} rows; ${report.problems.length} problem(s); new parties: ${report.newParties.length ? report.newParties.join(', ') : 'none'}\n`);
    return report.problems.length ? 1 : 0;
  } finally {
    service.close();
  }
}

export async function cmdExport(args: Args, io: Io): Promise<ExitCode> {
  allowOnly(args, ['book', 'out', 'filtered-by']);
  const path = resolve(requireFlag(args, 'book'));
  const service = await openService(path);
  try {
    const filter = args.flags.get('filtered-by');
    let csv: string;
    if (typeof filter === 'string') {
      const words = quickFilterWords(filter);
      csv = dealsToCsv(service.listDeals({}).filter((row) => matchesQuickFilter(row, words)));
    } else {
      csv = service.exportCsv({});
    }
    const out = args.flags.get('out');
    if (typeof out === 'string') await writeFile(out, csv, 'utf8');
    else io.out(csv);
    return 0;
  } finally {
    service.close();
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new AppFailure({ code: 'io', message: `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
  }
}

/** The built renderer sits beside the built CLI (out/renderer next to out/main). */
export function rendererDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');
}
