import { closeSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppFailure } from '../../shared/protocol/result';
import { errorCode, fileErrorWords } from '../db/file-errors';
import { matchesQuickFilter, quickFilterWords } from '../../shared/model/quick-filter';
import { dealsToCsv, dealsToCsvChunks } from '../../shared/csv/csv-write';
import type { DealRow } from '../../shared/model/deal';
import { openBookReader } from '../service/read-book';
import { piecesText } from '../service/csv-export';
import type { CsvPiece } from '../service/service';
import { allowOnly, requireFlag, UsageError, type Args } from './args';
import { knownScenario, scenarioOption } from './scenario-option';
import { isPgBook } from '../pg/book-url';
import { cliUser } from './cli-user';
import type { ExitCode, Io } from './commands';

// A team book's store (the pg driver) is loaded only for a team book: a file book's export starts without it.
const openStore = async (url: string) => (await import('../service/open-store')).openStore(url);

export async function cmdExport(args: Args, io: Io): Promise<ExitCode> {
  allowOnly(args, ['book', 'out', 'filtered-by', 'scenario']);
  const filter = args.flags.get('filtered-by');
  const out = args.flags.get('out');
  if (out === '') throw new UsageError('--out needs a file name (leave --out out to write to standard output)');
  if (isPgBook(requireFlag(args, 'book'))) return exportTeamBook(args, io);
  const path = resolve(requireFlag(args, 'book'));
  if (typeof out === 'string' && isTheBook(out, path)) {
    throw new UsageError(`--out ${out} is the book itself; name a .csv file`);
  }
  // Opened to read only: the rows read are checked as they are read (see openBookReader), not the whole file first.
  const reader = await openBookReader(path);
  let csv: CsvPiece[];
  let count: number;
  try {
    ({ csv, count } = reader.readWhole<{ csv: CsvPiece[]; count: number }>((service) => {
      const scenario = knownScenario(service.listScenarios({}).map((s) => s.name), args);
      if (typeof filter !== 'string') {
        // What exportCsv makes, in pieces to write as they are (no 20 MB string, no 20 MB buffer), and no row objects.
        const { pieces, rows } = service.exportPieces(scenario);
        return { value: { csv: pieces, count: rows }, rows };
      }
      const all = service.listDeals(scenario ? { scenario } : {});
      // The filter matches the rows' derived cells too: the rows are made. What is written is the rows it chose.
      const rows = filteredRows(all, filter);
      return { value: { csv: dealsToCsvChunks(rows), count: rows.length }, rows: all.length };
    }));
  } finally {
    reader.close();
  }
  return writeExport(csv, count, out, io);
}

/**
 * Whether writing `out` would replace the book (or its WAL or shared-memory file): by its name, or reached another
 * way (a symlinked folder, `dir-link/../book`, a hard link, another spelling on a case-insensitive disk), where the
 * rename over it would leave CSV text where the book was.
 */
function isTheBook(out: string, book: string): boolean {
  const files = [book, `${book}-wal`, `${book}-shm`];
  if (files.includes(resolve(out))) return true;
  const identity = (p: string): string | null => {
    try {
      const s = statSync(p);
      return `${s.dev}:${s.ino}`;
    } catch {
      return null;
    }
  };
  const outId = identity(out);
  if (outId !== null && files.some((f) => identity(f) === outId)) return true;
  // A file not there yet (no WAL now) in a folder reached through a link: where it would be written.
  const at = (p: string): string | null => {
    try {
      // The folder as the system reaches it: realpath(3), not resolve() nor Node's JS realpath, which both fold
      // `link/..` to the link's own folder.
      return join(realpathSync.native(dirname(p)), basename(p));
    } catch {
      return null;
    }
  };
  const outAt = at(out);
  return outAt !== null && files.some((f) => at(f) === outAt);
}

/** A team book's export: through its store, as every team book command goes. */
async function exportTeamBook(args: Args, io: Io): Promise<ExitCode> {
  const filter = args.flags.get('filtered-by');
  const store = await openStore(requireFlag(args, 'book'));
  let csv: string;
  let count: number;
  try {
    const h = store.handlersFor(cliUser());
    const scenario = await scenarioOption(h, args);
    const under = scenario ? { scenario } : {};
    const rows = typeof filter === 'string' ? filteredRows(await h.listDeals(under), filter) : null;
    csv = rows ? dealsToCsv(rows) : await h.exportCsv(under);
    count = rows ? rows.length : (await h.listDeals({})).length;
  } finally {
    await store.close();
  }
  return writeExport([csv], count, args.flags.get('out'), io);
}

async function writeExport(csv: readonly CsvPiece[], count: number, out: string | true | undefined, io: Io): Promise<ExitCode> {
  if (typeof out !== 'string') {
    for (const piece of csv) {
      if (typeof piece !== 'string' && io.outBytes) io.outBytes(piece);
      else io.out(piecesText([piece]));
    }
    return 0;
  }
  writeFileAtomic(out, csv);
  io.out(`exported ${count} ${count === 1 ? 'deal' : 'deals'} to ${out}\n`);
  return 0;
}

/** The rows the grid shows for the same quick-filter text (the same shared matcher). */
function filteredRows(rows: DealRow[], filter: string): DealRow[] {
  const words = quickFilterWords(filter);
  return rows.filter((row) => matchesQuickFilter(row, words));
}

/**
 * Write beside the target and rename, so a failed export never leaves a half-written CSV in its place. Each piece is
 * written as it is, synchronously: a command has nothing else to do meanwhile, and it costs half the CPU of
 * fs/promises' writeFile over the pieces (no round trip through the thread pool per piece).
 */
export function writeFileAtomic(file: string, pieces: readonly CsvPiece[]): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      // One buffer encoded into again for every piece, not a new one each time: half the time for 20 MB (fresh
      // memory is zeroed and faulted in page by page). A UTF-16 unit is at most 3 bytes of UTF-8.
      let bytes = Buffer.allocUnsafe(0);
      for (const piece of pieces) {
        let data: Uint8Array = piece as Uint8Array;
        let length = data.length;
        if (typeof piece === 'string') {
          if (bytes.length < piece.length * 3) bytes = Buffer.allocUnsafe(piece.length * 3);
          length = bytes.write(piece, 0, 'utf8');
          data = bytes;
        }
        // A write may take fewer bytes than it was given: write the rest.
        for (let done = 0; done < length; ) done += writeSync(fd, data, done, length - done);
      }
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (err) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // nothing more to do: the message below says what failed
    }
    const why = fileErrorWords(err, file);
    const tail = errorCode(err) === 'ENOSPC' ? '; nothing was written. Free some space and try again' : '';
    throw new AppFailure({ code: 'io', message: `Cannot write ${file}: ${why}${tail}` });
  }
}
