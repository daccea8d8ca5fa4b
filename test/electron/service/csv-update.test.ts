import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/csv-parse';
import { tempBook } from '../../helpers/temp-book';
import { bookRowsHash } from '../../helpers/book-rows';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

async function book() {
  const b = await tempBook({ sample: true, now: () => new Date('2026-01-02T03:04:05Z') });
  cleanups.push(b.cleanup);
  return b;
}

/**
 * The export with some cells replaced, as an analyst edits it in a spreadsheet: (id, column) -> new text; `added`
 * rows give some columns, the rest empty.
 */
function edit(csv: string, cells: [id: number, column: string, text: string][], added: Record<string, string>[] = []): string {
  const parsed = parseCsv(csv);
  const col = (name: string) => parsed.header.indexOf(name);
  const rows = parsed.rows.map((r) => r.cells.slice());
  for (const [id, column, text] of cells) rows.find((r) => Number(r[0]) === id)![col(column)] = text;
  for (const values of added) rows.push(parsed.header.map((h) => values[h] ?? ''));
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [parsed.header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

describe('import by id (update)', () => {
  it('the unchanged export changes nothing and says so', async () => {
    const { service } = await book();
    const before = bookRowsHash(service);
    const undoBefore = service.bookInfo({}).undoLabel;
    const report = service.importCsv({ text: service.exportCsv({}), update: true });
    const deals = service.bookInfo({}).deals;
    expect(report).toMatchObject({ problems: [], imported: 0, updated: 0, unchanged: deals, changes: [], warnings: [] });
    expect(bookRowsHash(service)).toBe(before);
    expect(service.bookInfo({}).undoLabel).toBe(undoBefore);
  });

  it('updates only the cells that differ, adds rows without an id, lists every changed cell, one undo step', async () => {
    const { service } = await book();
    const before = bookRowsHash(service);
    const [d1, d2] = service.listDeals({});
    const text = edit(
      service.exportCsv({}),
      [[d1!.id, 'amount_usd', '123B'], [d1!.id, 'notes', 'edited in Excel'], [d2!.id, 'status', 'closed'], [d2!.id, 'from_party', d2!.from_party.toUpperCase()]],
      [{ announced: '2026-02-03', from_party: 'Kestrel Capital', to_party: 'Wrenfield AI', kind: 'investment', amount_usd: '5B' }],
    );
    const dry = service.importCsv({ text, update: true, dryRun: true });
    expect(dry).toMatchObject({ problems: [], imported: 0, updated: 2 });
    expect(bookRowsHash(service)).toBe(before);

    const report = service.importCsv({ text, update: true });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ imported: 1, updated: 2, newParties: ['Kestrel Capital', 'Wrenfield AI'] });
    // The party spelled in capitals is the same party: no change to from_party.
    expect(report.changes.map(({ id, field, old, new: now }) => [id, field, old, now])).toEqual([
      [d1!.id, 'amount_usd', d1!.amount_usd, 123e9],
      [d1!.id, 'notes', d1!.notes, 'edited in Excel'],
      [d2!.id, 'status', d2!.status, 'closed'],
    ]);
    expect(report.changes.map((c) => c.line)).toEqual(dry.changes.map((c) => c.line));
    const after = service.listDeals({});
    expect(after.find((d) => d.id === d1!.id)).toMatchObject({ amount_usd: 123e9, notes: 'edited in Excel' });
    expect(after.find((d) => d.id === d2!.id)).toMatchObject({ status: 'closed', from_party: d2!.from_party });
    expect(after.filter((d) => d.from_party === 'Kestrel Capital')).toHaveLength(1);

    service.undo({});
    expect(bookRowsHash(service)).not.toBe(before); // the undone step stays as redo
    expect(service.listDeals({}).find((d) => d.id === d1!.id)).toMatchObject({ amount_usd: d1!.amount_usd, notes: d1!.notes });
    expect(service.listDeals({}).some((d) => d.from_party === 'Kestrel Capital')).toBe(false);
  });

  it('an id the book lacks, a repeated id or a malformed id is a problem on its line; nothing is written', async () => {
    const { service } = await book();
    const [d1] = service.listDeals({});
    const base = service.exportCsv({});
    const before = bookRowsHash(service);
    const header = parseCsv(base).header.join(',');
    const row = base.split('\r\n')[1]!.replace(/^\d+,/, '');
    const lines = [header, `99999,${row}`, `${d1!.id},${row}`, `${d1!.id},${row}`, `4x,${row}`].join('\r\n');
    const report = service.importCsv({ text: lines, update: true });
    expect(report.problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [2, 'id', 'the book has no deal with id 99999'],
      [4, 'id', `deal ${d1!.id} is named by an earlier row too; keep one row per deal`],
      [5, 'id', expect.stringContaining('id must be a deal id')],
    ]);
    expect(report.imported + report.updated).toBe(0);
    expect(bookRowsHash(service)).toBe(before);
  });

  it('without update an id column is ignored and every row is added', async () => {
    const { service } = await book();
    const n = service.bookInfo({}).deals;
    const report = service.importCsv({ text: service.exportCsv({}) });
    expect(report).toMatchObject({ problems: [], imported: n, updated: 0, changes: [] });
    expect(service.bookInfo({}).deals).toBe(2 * n);
  });
});

describe('refusals leave the book byte for byte unchanged', () => {
  const HEADER = 'announced,from_party,to_party,kind';
  const ROW = '2025-09-22,Nvidia,OpenAI,investment';
  const cases: [string, string][] = [
    ['a header of 130,000 columns', `${HEADER},${Array.from({ length: 130_000 }, (_, i) => `x${i}`).join(',')}\r\n${ROW}\r\n`],
    ['an unclosed quote', `${HEADER}\r\n${ROW}\r\n2025-09-23,"AMD,OpenAI,investment\r\n`],
    ['a missing required column', `announced,from_party,to_party\r\n2025-09-22,A,B\r\n`],
    ['a 10 MB header cell in place of a required column', `announced,from_party,to_party,${'K'.repeat(10_000_000)}\r\n${ROW}\r\n`],
    ['a NUL character in the text', `${HEADER}\r\n${ROW}\u0000\r\n`],
  ];
  for (const [what, text] of cases) {
    it(what, async () => {
      const { service } = await book();
      const before = bookRowsHash(service);
      const report = service.importCsv({ text });
      expect(report.problems.length).toBeGreaterThan(0);
      expect(report.imported).toBe(0);
      expect(JSON.stringify(report).length).toBeLessThan(5000);
      expect(bookRowsHash(service)).toBe(before);
    });
  }

  it('a 10 MB header cell is ignored with a warning that quotes only an excerpt', async () => {
    const { service } = await book();
    const report = service.importCsv({ text: `${HEADER},${'H'.repeat(10_000_000)}\r\n${ROW},1\r\n`, dryRun: true });
    expect(report.problems).toEqual([]);
    expect(report.warnings).toHaveLength(1);
    expect(JSON.stringify(report).length).toBeLessThan(2000);
  });
});

describe("the book's date order", () => {
  it('decides numeric dates both orders allow when the import names none; the import\'s own order wins', async () => {
    const { service } = await book();
    const text = 'announced,from_party,to_party,kind\r\n3/4/2025,Kestrel,Wrenfield,investment\r\n';
    expect(service.importCsv({ text, dryRun: true }).problems).toEqual([
      { line: 2, field: 'announced', value: '3/4/2025', message: expect.stringContaining('ambiguous') },
    ]);
    service.setSetting({ key: 'date_order', value: 'DMY' });
    expect(service.importCsv({ text, dryRun: true }).problems).toEqual([]);
    service.importCsv({ text, dateOrder: 'MDY' });
    expect(service.listDeals({}).find((d) => d.from_party === 'Kestrel')?.announced).toBe('2025-03-04');
  });
});
