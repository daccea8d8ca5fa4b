import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEAL_FIELDS, type DealRow } from '../../../shared/model/deal';
import { dealbook } from '../../helpers/cli';
import { REAL_WORLD_DIR, realWorldCases, type RealWorldCase } from '../../fixtures/csv/real-world';
import { cliWorkspace, withService } from './csv-cli-helpers';

const { cleanup, newBook } = cliWorkspace('dealbook-csv-real-world-');
afterAll(cleanup);

const ENCODING_WORDS = { 'utf-8': '', 'utf-16le': '; read as UTF-16 (little-endian)', 'utf-16be': '; read as UTF-16 (big-endian)', 'windows-1252': '; read as Windows-1252' };

/** The book's deals as the corpus writes them: id and the input fields, nothing derived. */
export const stored = (rows: readonly DealRow[]) => rows.map((r) => Object.fromEntries(['id', ...DEAL_FIELDS].map((k) => [k, r[k as keyof DealRow]])));

function flags(c: RealWorldCase): string[] {
  return [...(c.options?.update ? ['--update'] : []), ...(c.options?.dateOrder ? ['--date-order', c.options.dateOrder] : [])];
}

describe('real-world CSV files through dealbook import', () => {
  const cases = Object.entries(realWorldCases());
  it('has every shape the analysts have', () => {
    expect(cases.map(([name]) => name).sort()).toEqual([
      'amount-headers.csv', 'dmy-dates.csv', 'edited-export.csv', 'excel-windows-1252.csv', 'extra-columns.csv', 'google-sheets.csv',
      'libreoffice-semicolon-bom.csv', 'mdy-dates.csv', 'serial-dates.csv', 'stray-quotes.csv',
    ]);
  });

  for (const [name, c] of cases) {
    it(`${name} gives exactly its book`, async () => {
      const book = newBook();
      if (c.before) expect(dealbook(['import', '--book', book, join(REAL_WORLD_DIR, c.before)]).code).toBe(0);
      const r = dealbook(['import', '--book', book, join(REAL_WORLD_DIR, name), ...flags(c)]);
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stderr.split('\n').filter(Boolean);
      const rounded = /^warning: (line \d+, column [^:]+): scientific notation/;
      const warned = lines.filter((line) => !rounded.test(line)).map((line) => /^warning: line 1, column (.*?): column ignored/.exec(line)?.[1]);
      expect(warned).toEqual(c.warnings);
      expect(lines.flatMap((line) => rounded.exec(line)?.[1] ?? [])).toEqual(c.rounded ?? []);
      expect(r.stdout.trimEnd().endsWith(ENCODING_WORDS[c.encoding]), r.stdout).toBe(true);
      const deals = await withService(book, (s) => s.listDeals({}));
      // The corpus was written before v2's amount_basis and announced_precision; none of its files sets them.
      expect(stored(deals)).toEqual(c.book.map((d) => Object.assign({ announced_precision: 'day', amount_basis: 'firm' }, d)));
      // Imported again by id, unchanged, the file changes nothing.
      if (c.options?.update) {
        const again = dealbook(['import', '--book', book, join(REAL_WORLD_DIR, name), ...flags(c)]);
        expect(again.stdout).toMatch(/no changes|added 1 and updated 0 deals/);
      }
    });
  }

  it('the edited export lists each changed cell: deal, field, old, new', () => {
    const book = newBook();
    dealbook(['import', '--book', book, join(REAL_WORLD_DIR, 'google-sheets.csv')]);
    const r = dealbook(['import', '--book', book, '--update', '--date-order', 'MDY', join(REAL_WORLD_DIR, 'edited-export.csv')]);
    expect(r.stdout).toBe(
      [
        'deal 1, status: "announced" -> "signed" (line 2)',
        'deal 3, amount_usd: (empty) -> 34000000000 (line 5)',
        'deal 3, amount_basis: "firm" -> "estimate" (line 5)',
        'deal 4, notes: "Mostly \\"Azure credits\\"" -> "Mostly Azure credits – confirmed" (line 6)',
        'added 1 and updated 3 deals (4 cells); 1 unchanged, as one undo step; read as Windows-1252',
        '',
      ].join('\n'),
    );
  });

  it('without --date-order, the US dates of an Excel export that both orders allow are problems on their lines', () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, join(REAL_WORLD_DIR, 'excel-windows-1252.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^line 4, column Date: is ambiguous/);
  });
});
