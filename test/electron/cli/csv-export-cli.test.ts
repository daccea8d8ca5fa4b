import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/csv-parse';
import { CSV_COLUMNS } from '../../../shared/csv/csv-write';
import { matchesQuickFilter, quickFilterWords } from '../../../shared/model/quick-filter';
import { dealbook } from '../../helpers/cli';
import { cliWorkspace, exportOf, withService } from './csv-cli-helpers';
import { bookHash, FORMULA_TEXTS, formulaDeals, seedDeals } from '../../helpers/csv-fixtures';

const { cleanup, fresh, newBook, bookWith, cliRoundTrip } = cliWorkspace('dealbook-csv-export-');
afterAll(cleanup);

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
    expect(r.stderr).toBe(`dealbook: Cannot write ${nowhere}: the folder ${join(outDir, 'no-such-dir')} does not exist\n`);
    expect(existsSync(join(outDir, 'no-such-dir'))).toBe(false);
    expect(readdirSync(outDir)).toEqual(['deals.csv']);

    const before = bookHash(book);
    const overwrite = dealbook(['export', '--book', book, '--out', book]);
    expect(overwrite.code).toBe(2);
    expect(overwrite.stderr).toMatch(/is the book itself/);
    expect(bookHash(book)).toBe(before);
  });
});
