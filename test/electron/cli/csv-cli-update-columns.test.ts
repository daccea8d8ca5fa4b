import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/csv-parse';
import { dealbook } from '../../helpers/cli';
import { bookHash } from '../../helpers/csv-fixtures';
import { cliWorkspace, exportOf } from './csv-cli-helpers';

const { cleanup, newBook, writeCsv } = cliWorkspace('dealbook-csv-update-columns-');
afterAll(cleanup);

const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

/** The book's export without some columns (a v1 export, a sheet that dropped them), with `edit` applied to each row. */
function exportWithout(book: string, drop: string[], edit: (cells: string[], col: (name: string) => number) => void = () => {}): string {
  const parsed = parseCsv(exportOf(book));
  const keep = parsed.header.map((h, i) => (drop.includes(h) ? -1 : i)).filter((i) => i >= 0);
  const col = (name: string) => parsed.header.indexOf(name);
  const rows = parsed.rows.map((r) => {
    const cells = r.cells.slice();
    edit(cells, col);
    return keep.map((i) => cells[i]!);
  });
  return [keep.map((i) => parsed.header[i]!), ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

describe('dealbook import --update from a file without the precision and basis columns', () => {
  it('leaves month, year and up-to deals as they are: no changes, nothing written', () => {
    const book = newBook({ sample: true });
    const before = exportOf(book);
    // The sample book has month and year precisions and up-to amounts: the case this test is about.
    expect(before).toMatch(/,month,/);
    expect(before).toMatch(/,up_to,/);
    const file = writeCsv('no-precision.csv', exportWithout(book, ['announced_precision', 'amount_basis']));
    const hash = bookHash(book);
    const r = dealbook(['import', '--book', book, '--update', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^no changes: every deal already matches the file \(\d+ rows by id\); nothing was written\n$/);
    expect(bookHash(book)).toBe(hash);
  });

  it('changes what the file changes, and only that, on a month-precision up-to deal', () => {
    const book = newBook({ sample: true });
    const parsed = parseCsv(exportOf(book));
    const col = (name: string) => parsed.header.indexOf(name);
    const target = parsed.rows.find((r) => r.cells[col('announced_precision')] === 'month' && r.cells[col('amount_basis')] === 'up_to' && r.cells[col('status')] !== 'cancelled');
    expect(target).toBeDefined();
    const id = target!.cells[col('id')]!;
    const file = writeCsv('edited.csv', exportWithout(book, ['announced_precision', 'amount_basis'], (cells, at) => {
      if (cells[at('id')] === id) cells[at('status')] = 'cancelled';
    }));
    const r = dealbook(['import', '--book', book, '--update', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('deal '))).toEqual([expect.stringMatching(new RegExp(`^deal ${id}, status: "\\w+" -> "cancelled" \\(line \\d+\\)$`))]);
    const after = parseCsv(exportOf(book)).rows.find((row) => row.cells[0] === id)!.cells;
    const was = parsed.rows.find((row) => row.cells[0] === id)!.cells;
    expect(after[col('announced_precision')]).toBe(was[col('announced_precision')]);
    expect(after[col('amount_basis')]).toBe(was[col('amount_basis')]);
    expect(after[col('announced')]).toBe(was[col('announced')]);
    expect(after[col('amount_usd')]).toBe(was[col('amount_usd')]);
  });

  it('still takes a new date or amount, and a basis or precision the cell states', () => {
    const book = newBook({ sample: true });
    const parsed = parseCsv(exportOf(book));
    const col = (name: string) => parsed.header.indexOf(name);
    const upTo = parsed.rows.find((r) => r.cells[col('amount_basis')] === 'up_to' && r.cells[col('announced_precision')] === 'day')!.cells[col('id')]!;
    const month = parsed.rows.find((r) => r.cells[col('announced_precision')] === 'month' && r.cells[col('amount_basis')] === 'firm')!.cells[col('id')]!;
    const file = writeCsv('restated.csv', exportWithout(book, ['announced_precision', 'amount_basis'], (cells, at) => {
      if (cells[at('id')] === upTo) cells[at('amount_usd')] = '~7B';
      if (cells[at('id')] === month) cells[at('announced')] = '2024-02-15';
    }));
    const r = dealbook(['import', '--book', book, '--update', file]);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(exportOf(book)).rows;
    const of = (id: string) => rows.find((row) => row.cells[0] === id)!.cells;
    expect([of(upTo)[col('amount_usd')], of(upTo)[col('amount_basis')]]).toEqual(['7000000000', 'estimate']);
    expect([of(month)[col('announced')], of(month)[col('announced_precision')]]).toEqual(['2024-02-15', 'day']);
  });
});
