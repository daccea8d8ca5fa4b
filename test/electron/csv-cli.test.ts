import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openService } from '../../electron/service/book';
import type { Service } from '../../electron/service/service';
import { parseCsv } from '../../shared/csv-parse';
import { CSV_COLUMNS } from '../../shared/csv-write';
import { matchesQuickFilter, quickFilterWords } from '../../shared/quick-filter';
import { dealbook } from '../helpers/cli';
import { tempDir } from '../helpers/temp-book';
import { seedVectors } from '../helpers/vectors';
import { expectedValid, materialiseMalformed, VALID_DIR } from '../fixtures/csv/corpus';
import { bookHash, dealValues, FORMULA_TEXTS, formulaDeals, MIXED_CSV, seedDeals, withoutIds } from './csv-fixtures';

const { dir: root, cleanup } = tempDir('dealbook-csv-cli-');
afterAll(cleanup);
let counter = 0;
const fresh = (name: string) => join(root, `${++counter}-${name}`);

/** A book made by the CLI, as an analyst would; sample deals unless empty. */
function newBook(options: { sample?: boolean } = {}): string {
  const path = fresh('book.dealbook');
  const r = dealbook(['new', '--book', path, ...(options.sample ? ['--sample'] : [])]);
  expect(r.code, r.stderr).toBe(0);
  return path;
}

/** A book filled in-process through the service (then closed, so the CLI sees a quiet file). */
async function bookWith(fill: (service: Service) => void): Promise<string> {
  const path = fresh('seeded.dealbook');
  const service = await openService(path, { create: true });
  fill(service);
  service.close();
  return path;
}

async function withService<T>(path: string, fn: (service: Service) => T): Promise<T> {
  const service = await openService(path);
  try {
    return fn(service);
  } finally {
    service.close();
  }
}

function exportOf(book: string): string {
  const r = dealbook(['export', '--book', book]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

function writeCsv(name: string, text: string | Uint8Array): string {
  const path = fresh(name);
  writeFileSync(path, text);
  return path;
}

/** export A -> import into an empty B -> export B, all through the CLI. */
function cliRoundTrip(bookA: string): { a: string; b: string } {
  const out = fresh('a.csv');
  const exported = dealbook(['export', '--book', bookA, '--out', out]);
  expect(exported.code, exported.stderr).toBe(0);
  expect(exported.stdout).toMatch(/^exported \d+ deals to /);
  const bookB = newBook();
  const imported = dealbook(['import', '--book', bookB, out]);
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stderr).toBe('');
  const a = readFileSync(out, 'utf8');
  const b = exportOf(bookB);
  expect(withoutIds(b)).toEqual(withoutIds(a));
  return { a, b };
}

describe('dealbook export | import round trip', () => {
  it('gives back the sample book exactly, derived columns included', () => {
    const { a, b } = cliRoundTrip(newBook({ sample: true }));
    expect(b).toBe(a);
    expect(parseCsv(a).header).toEqual([...CSV_COLUMNS]);
    expect(parseCsv(a).rows.length).toBeGreaterThan(10);
  });

  it('gives back the vectors book, round-trip ratios included', async () => {
    const book = await bookWith((s) => seedVectors(s));
    const { a, b } = cliRoundTrip(book);
    expect(b).toBe(a);
    const ratio = parseCsv(a).header.indexOf('round_trip_ratio');
    expect(parseCsv(a).rows.filter((r) => r.cells[ratio] !== '').length).toBeGreaterThan(2);
  });
});

describe('dealbook import of the malformed corpus', () => {
  const corpusDir = fresh('malformed');
  mkdirSync(corpusDir);
  const files = materialiseMalformed(corpusDir);
  let book = '';
  beforeAll(() => {
    book = newBook({ sample: true });
  });

  it('has the whole corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of files) {
    const { line, column, message } = file.expected;
    it(`${file.name}: exit 1, "line ${line}${column ? `, column ${column}` : ''}: ...${message}...", book unchanged`, () => {
      // The book file's own bytes: every CLI run closes the book, which folds the WAL back into the file
      // and removes it, so any write that had been committed would change this hash (bookHash checks no WAL is left).
      const before = bookHash(book);
      const r = dealbook(['import', '--book', book, file.path]);
      expect(r.code, r.stderr).toBe(1);
      const where = column === null ? `line ${line}: ` : `line ${line}, column ${column}: `;
      const first = r.stderr.split('\n')[0]!;
      expect(first.startsWith(where), first).toBe(true);
      expect(first).toContain(message);
      expect(r.stdout).toMatch(/nothing was written/);
      expect(bookHash(book)).toBe(before);
    });
  }

  it('the hash does notice a real import (so the checks above can fail)', () => {
    const before = bookHash(book);
    expect(dealbook(['import', '--book', book, writeCsv('one.csv', MIXED_CSV.split('\r\n').slice(0, 2).join('\n'))]).code).toBe(0);
    expect(bookHash(book)).not.toBe(before);
  });
});

describe('dealbook import options', () => {
  it('--skip-invalid imports the valid rows of a mixed file and reports the skipped ones', async () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, '--skip-invalid', writeCsv('mixed.csv', MIXED_CSV)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('imported 2 of 4 rows as one undo step; skipped 2 invalid rows (on lines 3, 5); new parties: Nvidia, OpenAI, AMD\n');
    expect(r.stderr.split('\n')).toEqual([
      expect.stringMatching(/^line 3, column amount_usd: must be a USD amount .*\(lots\)$/),
      expect.stringMatching(/^line 5, column announced: is ambiguous: use YYYY-MM-DD.*\(9\/22\/2025\)$/),
      '',
    ]);
    const rows = await withService(book, (s) => s.listDeals({}).map((d) => [d.announced, d.from_party, d.amount_usd]));
    expect(rows).toEqual([['2025-09-22', 'Nvidia', 100e9], ['2025-09-24', 'AMD', 750e6]]);
  });

  it('without --skip-invalid a mixed file imports nothing and says how to import the valid rows', () => {
    const book = newBook({ sample: true });
    const before = bookHash(book);
    const r = dealbook(['import', '--book', book, writeCsv('mixed.csv', MIXED_CSV)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^imported 0 of 4 rows: 2 invalid rows \(on lines 3, 5\); nothing was written\. .*--skip-invalid to import the 2 valid rows/);
    expect(bookHash(book)).toBe(before);
  });

  it('--dry-run reports what would happen and writes nothing', () => {
    const book = newBook({ sample: true });
    const clean = fresh('clean.csv');
    dealbook(['export', '--book', newBook({ sample: true }), '--out', clean]);
    const mixed = writeCsv('mixed.csv', MIXED_CSV);
    const before = bookHash(book);

    const ok = dealbook(['import', '--book', book, '--dry-run', clean]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^dry run: would import 32 of 32 rows; nothing was written\n$/);
    const bad = dealbook(['import', '--book', book, '--dry-run', mixed]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^dry run: would import 0 of 4 rows: 2 invalid rows/);
    const skip = dealbook(['import', '--book', book, '--dry-run', '--skip-invalid', mixed]);
    expect(skip.code).toBe(1);
    // The sample already has NVIDIA, AMD and OpenAI: parties match case-insensitively, so none is new.
    expect(skip.stdout).toBe('dry run: would import 2 of 4 rows; skipped 2 invalid rows (on lines 3, 5); nothing was written\n');
    expect(bookHash(book)).toBe(before);
  });

  it('an import is one undo step', async () => {
    const book = newBook({ sample: true });
    const original = exportOf(book);
    const file = fresh('again.csv');
    dealbook(['export', '--book', book, '--out', file]);
    expect(dealbook(['import', '--book', book, file]).code).toBe(0);
    expect(exportOf(book)).not.toBe(original);
    await withService(book, (s) => {
      expect(s.bookInfo({}).undoLabel).toBe('Import 32 deals');
      s.undo({});
    });
    expect(exportOf(book)).toBe(original);
  });

  for (const [name, expected] of Object.entries(expectedValid())) {
    it(`imports ${name} as the expected deals`, async () => {
      const book = newBook();
      const r = dealbook(['import', '--book', book, join(VALID_DIR, name)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^imported ${expected.length} of ${expected.length} rows? as one undo step`));
      const deals = await withService(book, (s) => s.listDeals({}).map(dealValues));
      expect(deals).toEqual(expected.map((e) => e.deal));
    });
  }

  it('reports usage and I/O errors with exit code 2 and leaves the book alone', () => {
    const book = newBook({ sample: true });
    const before = bookHash(book);
    const cases: [string[], RegExp][] = [
      [['import', '--book', book, fresh('missing.csv')], /Cannot read .*missing\.csv: no such file/],
      [['import', '--book', book, root], /it is a directory/],
      [['import', '--book', book], /Name the CSV file to import/],
      [['import', '--book', book, 'a.csv', 'b.csv'], /Unexpected argument b\.csv/],
      [['import', '--book', book, '--force', 'a.csv'], /Unknown option --force/],
      [['import', '--book', fresh('none.dealbook'), join(VALID_DIR, 'bom.csv')], /No book at/],
    ];
    for (const [args, message] of cases) {
      const r = dealbook(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(bookHash(book)).toBe(before);
  });
});

describe('dealbook export', () => {
  it('neutralises formula-like text, leaves numbers plain, and round-trips that text exactly', async () => {
    const book = await bookWith((s) => seedDeals(s, formulaDeals()));
    const csv = exportOf(book);
    for (const text of FORMULA_TEXTS) expect(csv).toContain(`,"'${text.replaceAll('"', '""')}"`);
    expect(csv).toContain(`,"'-1 Capital",`);
    expect(csv).toContain(`,"'@Party 0",`);
    expect(csv).toContain(`,"'=Target 0",`);

    const parsed = parseCsv(csv);
    const numeric = ['id', 'amount_usd', 'cash_usd', 'credit_usd', 'term_years', 'capacity_mw', 'cash_share', 'credit_share', 'other_share', 'round_trip_ratio'];
    for (const row of parsed.rows) {
      for (const column of numeric) expect(row.cells[parsed.header.indexOf(column)]).toMatch(/^(-?\d+(\.\d+)?)?$/);
    }
    // cash + credits exceed the amount by less than the spec's tolerance: a negative share, written as a number.
    const otherShare = parsed.rows[0]!.cells[parsed.header.indexOf('other_share')]!;
    expect(otherShare).toMatch(/^-0\.0+\d+$/);
    expect(csv).toContain(`,${otherShare},`);

    const { a, b } = cliRoundTrip(book);
    expect(b).toBe(a);
    const notes = await withService(book, (s) => s.listDeals({}).map((d) => d.notes));
    expect(notes).toEqual([...FORMULA_TEXTS]);
  });

  it('--filtered-by exports exactly the rows the quick filter shows', async () => {
    const book = newBook({ sample: true });
    const all = await withService(book, (s) => s.listDeals({}));
    for (const filter of ['oracle', 'OpenAI purchase', '$300', 'no such deal anywhere']) {
      const r = dealbook(['export', '--book', book, '--filtered-by', filter]);
      expect(r.code, r.stderr).toBe(0);
      const parsed = parseCsv(r.stdout);
      expect(parsed.header).toEqual([...CSV_COLUMNS]);
      const words = quickFilterWords(filter);
      const wanted = all.filter((row) => matchesQuickFilter(row, words)).map((row) => String(row.id));
      expect(parsed.rows.map((row) => row.cells[0]), filter).toEqual(wanted);
      if (filter === 'oracle') {
        expect(wanted.length).toBeGreaterThan(0);
        expect(wanted.length).toBeLessThan(all.length);
        for (const row of parsed.rows) expect(row.cells.join(' ').toLowerCase()).toContain('oracle');
      }
    }
  });

  it('writes --out in one piece, and fails with exit 2 when it cannot', () => {
    const book = newBook({ sample: true });
    const outDir = fresh('out');
    mkdirSync(outDir);
    const out = join(outDir, 'deals.csv');
    expect(dealbook(['export', '--book', book, '--out', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(exportOf(book));
    expect(readdirSync(outDir)).toEqual(['deals.csv']);

    const nowhere = join(outDir, 'no-such-dir', 'deals.csv');
    const r = dealbook(['export', '--book', book, '--out', nowhere]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cannot write .*deals\.csv: ENOENT/);
    expect(existsSync(join(outDir, 'no-such-dir'))).toBe(false);
    expect(readdirSync(outDir)).toEqual(['deals.csv']);

    const before = bookHash(book);
    const overwrite = dealbook(['export', '--book', book, '--out', book]);
    expect(overwrite.code).toBe(2);
    expect(overwrite.stderr).toMatch(/is the book itself/);
    expect(bookHash(book)).toBe(before);
  });
});
