import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/csv-parse';
import { dealbook } from '../../helpers/cli';
import { cliWorkspace, exportOf } from './csv-cli-helpers';

const { cleanup, newBook, writeCsv } = cliWorkspace('dealbook-csv-template-');
afterAll(cleanup);

/** The export of an empty book is the template an analyst fills in: every column, precision and basis left empty. */
function fillTemplate(header: string[], rows: Record<string, string>[]): string {
  return [header.join(','), ...rows.map((r) => header.map((h) => r[h] ?? '').join(','))].join('\r\n') + '\r\n';
}

describe('dealbook import of the empty export filled in, precision and basis cells left empty', () => {
  it('takes the precision and basis the date and amount cells state', () => {
    const book = newBook();
    const header = parseCsv(exportOf(book)).header;
    expect(header).toContain('announced_precision');
    expect(header).toContain('amount_basis');
    const row = (announced: string, amount: string, extra: Record<string, string> = {}) => ({ announced, amount_usd: amount, from_party: 'Kestrel', to_party: 'Wrenfield', kind: 'investment', ...extra });
    const text = fillTemplate(header, [
      row('Q3 2025', 'up to 100B'),
      row('Sep 2025', '~34B'),
      row('2024', '45B'),
      row('2025-09-22', ''),
      // A stated cell still wins over what the date or amount implies.
      row('Q3 2025', 'up to 5B', { announced_precision: 'year', amount_basis: 'estimate' }),
    ]);
    const r = dealbook(['import', '--book', book, writeCsv('filled.csv', text)]);
    expect(r.code, r.stderr).toBe(0);
    const out = parseCsv(exportOf(book));
    const col = (name: string) => out.header.indexOf(name);
    expect(out.rows.map((x) => [x.cells[col('announced')], x.cells[col('announced_precision')], x.cells[col('amount_usd')], x.cells[col('amount_basis')]])).toEqual([
      ['2025-07-01', 'quarter', '100000000000', 'up_to'],
      ['2025-09-01', 'month', '34000000000', 'estimate'],
      ['2024-01-01', 'year', '45000000000', 'firm'],
      ['2025-09-22', 'day', '', 'firm'],
      ['2025-01-01', 'year', '5000000000', 'estimate'],
    ]);
  });
});
