import { mkdirSync } from 'node:fs';
import { SAMPLE_DEALS } from '../../../shared/model/sample-book';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/csv-parse';
import { CSV_COLUMNS } from '../../../shared/csv/csv-write';
import { dealbook } from '../../helpers/cli';
import { seedVectors } from '../../helpers/vectors';
import { expectedValid, materialiseMalformed, VALID_DIR } from '../../fixtures/csv/corpus';
import { cliWorkspace, exportOf, withService } from './csv-cli-helpers';
import { bookHash, dealValues, MIXED_CSV } from '../../helpers/csv-fixtures';

const { root, cleanup, fresh, newBook, bookWith, writeCsv, cliRoundTrip } = cliWorkspace('dealbook-csv-cli-');
afterAll(cleanup);

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
      expect.stringMatching(/^line 5, column announced: is ambiguous: .*YYYY-MM-DD.*\(9\/4\/2025\)$/),
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
    const n = SAMPLE_DEALS.length;
    expect(ok.stdout).toBe(`dry run: would import ${n} of ${n} rows; nothing was written\n`);
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
      expect(s.bookInfo({}).undoLabel).toBe(`Import ${SAMPLE_DEALS.length} deals`);
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
      [['import', '--book', book, root], /it is a folder, not a file/],
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
