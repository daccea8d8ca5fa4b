import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/csv-parse';
import { dealbook } from '../../helpers/cli';
import { bookHash } from '../../helpers/csv-fixtures';
import { cliWorkspace, exportOf } from './csv-cli-helpers';

const { cleanup, newBook, writeCsv } = cliWorkspace('dealbook-csv-update-ids-');
afterAll(cleanup);

const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

describe('dealbook import --update with ids written as floats (pandas, once a new row has no id)', () => {
  it('reads 3.0 as deal 3: updates it, adds the row without an id', () => {
    const book = newBook({ sample: true });
    const parsed = parseCsv(exportOf(book));
    const col = (name: string) => parsed.header.indexOf(name);
    const rows = parsed.rows.map((r) => {
      const cells = r.cells.slice();
      cells[col('id')] = `${cells[col('id')]}.0`;
      return cells;
    });
    const third = rows.find((r) => r[col('id')] === '3.0')!;
    const oldStatus = third[col('status')];
    third[col('status')] = oldStatus === 'cancelled' ? 'signed' : 'cancelled';
    const added = parsed.header.map(() => '');
    Object.assign(added, { [col('announced')]: '2026-02-03', [col('from_party')]: 'Kestrel', [col('to_party')]: 'Wrenfield', [col('kind')]: 'investment' });
    const text = [parsed.header, ...rows, added].map((r) => r.map(quote).join(',')).join('\n') + '\n';
    const r = dealbook(['import', '--book', book, '--update', writeCsv('floats.csv', text)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe(`deal 3, status: "${oldStatus}" -> "${third[col('status')]}" (line 4)`);
    expect(r.stdout).toMatch(/added 1 and updated 1 deal \(1 cell\)/);
  });

  it('still refuses ids that are not whole numbers, naming the line, and changes nothing', () => {
    const book = newBook({ sample: true });
    const before = bookHash(book);
    const text = 'id,announced,from_party,to_party,kind\n3.5,2025-09-22,A,B,investment\n0.0,2025-09-22,A,B,investment\n3.,2025-09-22,A,B,investment\n';
    const r = dealbook(['import', '--book', book, '--update', writeCsv('bad-ids.csv', text)]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').map((l) => l.replace(/: id must be .*\((.*)\)$/, ' $1'))).toEqual(['line 2, column id 3.5', 'line 3, column id 0.0', 'line 4, column id 3.']);
    expect(bookHash(book)).toBe(before);
  });
});
