import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/csv-parse';
import { dealbook } from '../../helpers/cli';
import { cliWorkspace, exportOf } from './csv-cli-helpers';

const { cleanup, newBook, writeCsv } = cliWorkspace('dealbook-csv-analyst-cells-');
afterAll(cleanup);

/** The book's deals as exported: one object per row, keyed by header. */
function exported(book: string): Record<string, string>[] {
  const parsed = parseCsv(exportOf(book));
  return parsed.rows.map((r) => Object.fromEntries(parsed.header.map((h, i) => [h, r.cells[i]!])));
}

describe('dealbook import: whole numbers written as decimals (5.0, as spreadsheets and pandas save them)', () => {
  it('reads term 5.0 and 5.00 as 5 years and a start year 2026.0 as 2026', () => {
    const book = newBook();
    const text = 'announced,from_party,to_party,kind,term_years,start,capacity_mw\n' +
      '2025-09-22,Nvidia,OpenAI,investment,5.0,2026.0,1200.0\n' +
      '2025-09-23,AMD,OpenAI,investment,5.00,,\n';
    const r = dealbook(['import', '--book', book, writeCsv('floats.csv', text)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(exported(book).map((d) => [d.term_years, d.start, d.capacity_mw])).toEqual([['5', '2026-01-01', '1200'], ['5', '', '']]);
  });

  it('still refuses a term that is not whole (5.5), naming the line', () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, writeCsv('half.csv', 'announced,from_party,to_party,kind,term_years\n2025-09-22,A,B,investment,5.5\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 2, column term_years: must be a whole number of years from 1 to 50 (5.5)');
  });
});
