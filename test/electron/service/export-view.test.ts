import { afterEach, describe, expect, it } from 'vitest';
import { dealsToCsvChunks, type CsvColumn } from '../../../shared/csv/csv-write';
import { PREPARE_STEP_ROWS } from '../../../electron/service/export-view';
import { tempBook } from '../../helpers/temp-book';

// A window's view as CSV, made ahead in steps (prepareExportCsv) or at once (exportCsv): the same text either way,
// and never a text made from rows the book no longer holds.

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function bigBook(n: number) {
  const book = await tempBook();
  cleanups.push(book.cleanup);
  const lines = ['announced,from_party,to_party,kind,status,amount_usd,notes'];
  for (let i = 0; i < n; i++) lines.push(`2025-${String((i % 12) + 1).padStart(2, '0')}-01,Fund ${i % 37},Lab ${i % 11},${i % 3 ? 'investment' : 'purchase'},announced,${(i % 50) + 1}B,"note ${i}, ""q"""`);
  const report = book.service.importCsv({ text: lines.join('\r\n') + '\r\n' });
  expect(report.imported).toBe(n);
  return book;
}

describe("a window's view as CSV, made ahead", () => {
  it('made in steps, it is the text made at once: those ids in that order, those columns', async () => {
    const { service } = await bigBook(PREPARE_STEP_ROWS * 2 + 123);
    const rows = service.listDeals({});
    const ids = rows.map((r) => r.id).reverse().filter((id) => id % 7 !== 0);
    const columns: CsvColumn[] = ['id', 'announced', 'announced_precision', 'to_party', 'round_trip_ratio', 'round_trip_basis', 'notes'];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const expected = dealsToCsvChunks(ids.map((id) => byId.get(id)!), columns).join('');

    const steps: boolean[] = [];
    for (let done = false; !done; ) steps.push((done = service.prepareExportCsv({ ids, columns })));
    const stepsNeeded = Math.ceil(ids.length / PREPARE_STEP_ROWS);
    expect(stepsNeeded).toBeGreaterThan(1);
    expect(steps).toEqual([...Array<boolean>(stepsNeeded - 1).fill(false), true]);
    expect(service.exportCsv({ ids, columns })).toBe(expected);
    // Half made, the rest is made at the export.
    const other = ids.slice(0, PREPARE_STEP_ROWS + 5);
    expect(service.prepareExportCsv({ ids: other, columns })).toBe(false);
    expect(service.exportCsv({ ids: other, columns })).toBe(dealsToCsvChunks(other.map((id) => byId.get(id)!), columns).join(''));
    // Another view is not the one made.
    expect(service.exportCsv({ ids, columns: ['id', 'notes'] })).toBe(dealsToCsvChunks(ids.map((id) => byId.get(id)!), ['id', 'notes']).join(''));
  });

  it('an edit, an undo or another scenario after the view was made: the export holds the book as it is', async () => {
    const { service } = await bigBook(50);
    const ids = service.listDeals({}).map((r) => r.id).reverse();
    const columns: CsvColumn[] = ['id', 'notes', 'round_trip_ratio'];
    while (!service.prepareExportCsv({ ids, columns }));
    service.updateDeal({ id: ids[3]!, changes: { notes: 'changed after the view was made' } });
    expect(service.exportCsv({ ids, columns })).toContain(`${ids[3]},changed after the view was made,`);
    while (!service.prepareExportCsv({ ids, columns }));
    service.undo({});
    expect(service.exportCsv({ ids, columns })).not.toContain('changed after the view was made');
    service.setScenario({ name: 'Half', credit_drawdown: 0.5, status_weight: { announced: 0 } });
    while (!service.prepareExportCsv({ ids, columns }));
    const under = service.exportCsv({ ids, columns, scenario: 'Half' });
    const byId = new Map(service.listDeals({ scenario: 'Half' }).map((r) => [r.id, r]));
    expect(under).toBe(dealsToCsvChunks(ids.map((id) => byId.get(id)!), columns).join(''));
    expect(under).not.toBe(service.exportCsv({ ids, columns }));
  });

  it('the whole book in its order is the export the CLI writes', async () => {
    const { service } = await bigBook(300);
    const whole = service.exportCsv({});
    while (!service.prepareExportCsv({}));
    expect(service.exportCsv({})).toBe(whole);
    expect(whole).toBe(dealsToCsvChunks(service.listDeals({})).join(''));
  });
});
