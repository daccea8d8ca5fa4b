import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeCsvBytes } from '../../../shared/csv/csv-decode';
import { dealsToCsv } from '../../../shared/csv/csv-write';
import type { DealValues } from '../../../shared/model/deal';
import { refusal, tempBook } from '../../helpers/temp-book';
import { seedVectors } from '../../helpers/vectors';
import { expectedValid, VALID_DIR } from '../../fixtures/csv/corpus';
import { dealValues, formulaDeals, MIXED_CSV, seedDeals, valuesOf, withoutIds } from '../../helpers/csv-fixtures';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

async function book(options: { sample?: boolean; onProgress?: (done: number, total: number) => void } = {}) {
  const b = await tempBook({ ...options, now: () => new Date('2026-01-02T03:04:05Z') });
  cleanups.push(b.cleanup);
  return b;
}

type Book = Awaited<ReturnType<typeof book>>;

/** Export A, import into an empty B, export B: the same deals, derived columns included, ids aside. */
async function roundTrip(a: Book) {
  const exportA = a.service.exportCsv({});
  const b = await book();
  const report = b.service.importCsv({ text: exportA });
  expect(report.problems).toEqual([]);
  expect(report.imported).toBe(a.service.bookInfo({}).deals);
  const exportB = b.service.exportCsv({});
  expect(withoutIds(exportB)).toEqual(withoutIds(exportA));
  expect(b.service.listDeals({}).map(valuesOf)).toEqual(a.service.listDeals({}).map(valuesOf));
  return { b, exportA, exportB };
}

describe('CSV import and export through the service', () => {
  it('round-trips the sample book exactly, derived columns included', async () => {
    const { b, exportA, exportB } = await roundTrip(await book({ sample: true }));
    // Both books number their deals from 1, so here even the ids agree: the texts are identical.
    expect(exportB).toBe(exportA);
    expect(withoutIds(exportB)[0]).toEqual([
      'announced', 'announced_precision', 'from_party', 'to_party', 'kind', 'status', 'amount_usd', 'amount_basis', 'cash_usd',
      'credit_usd', 'term_years', 'start', 'capacity_mw', 'source_url', 'notes', 'cash_share', 'credit_share', 'other_share',
      'round_trip_ratio', 'round_trip_basis',
    ]);
    expect(b.service.listDeals({}).some((r) => r.round_trip_ratio !== null)).toBe(true);
  });

  it('round-trips the vectors book, round-trip ratios and shares included', async () => {
    const a = await book();
    seedVectors(a.service);
    const { b } = await roundTrip(a);
    expect(b.service.listDeals({}).filter((r) => r.round_trip_ratio !== null).length).toBeGreaterThan(2);
  });

  it('round-trips formula-like text exactly and writes it neutralised', async () => {
    const a = await book();
    seedDeals(a.service, formulaDeals());
    const { exportA } = await roundTrip(a);
    expect(exportA).toContain(`"'=SUM(A1:A9)"`);
    expect(exportA).toContain(`"'＝1+1"`);
    expect(exportA).toContain(`"'''=two quotes"`);
  });

  it('round-trips any text a field may hold, U+FFFD included; a NUL, which CSV cannot carry, is refused at entry', async () => {
    const a = await book();
    a.service.addDeal({ values: { announced: '2025-01-01', from_party: 'Soci\uFFFDt\u00e9 \u65e5\u672c', to_party: 'B', kind: 'investment', notes: 'odd \uFFFD char, "quoted"\nsecond line' } });
    await roundTrip(a);
    const nul = await refusal(Promise.resolve().then(() => a.service.addDeal({ values: { announced: '2025-01-01', from_party: 'A', to_party: 'B', kind: 'investment', notes: 'bad \u0000 byte' } })));
    expect(nul).toMatchObject({ code: 'validation', details: [{ field: 'notes', message: 'must not contain a NUL character' }] });
    expect(a.service.listDeals({})).toHaveLength(1);
  });

  it('imports nothing while any row is invalid, and reports every problem with its line', async () => {
    const { service } = await book({ sample: true });
    const before = service.exportCsv({});
    const report = service.importCsv({ text: MIXED_CSV });
    expect(report).toMatchObject({ totalRows: 4, validRows: 2, imported: 0, dryRun: false });
    expect(report.problems.map((p) => [p.line, p.field])).toEqual([[3, 'amount_usd'], [5, 'announced']]);
    expect(report.problems[0]!.value).toBe('lots');
    expect(service.exportCsv({})).toBe(before);
    expect(service.bookInfo({}).canUndo).toBe(false);
  });

  it('with skipInvalid imports the valid rows and reports the rest', async () => {
    const { service } = await book();
    const report = service.importCsv({ text: MIXED_CSV, skipInvalid: true });
    expect(report).toMatchObject({ totalRows: 4, validRows: 2, imported: 2 });
    expect(report.problems.map((p) => p.line)).toEqual([3, 5]);
    expect(service.listDeals({}).map((r) => [r.announced, r.from_party, r.amount_usd])).toEqual([
      ['2025-09-22', 'Nvidia', 100e9],
      ['2025-09-24', 'AMD', 750e6],
    ]);
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const { service } = await book({ sample: true });
    const before = service.exportCsv({});
    const parties = service.listParties({}).length;
    const report = service.importCsv({ text: MIXED_CSV, dryRun: true, skipInvalid: true });
    expect(report).toMatchObject({ totalRows: 4, validRows: 2, imported: 0, dryRun: true });
    expect(service.exportCsv({})).toBe(before);
    expect(service.listParties({}).length).toBe(parties);
    expect(service.bookInfo({}).canUndo).toBe(false);
  });

  it('is one undo step: undo removes every imported row and the parties it created, redo brings them back', async () => {
    const { service } = await book({ sample: true });
    const before = service.exportCsv({});
    const partiesBefore = service.listParties({}).map((p) => p.name);
    const text = dealsToCsv(
      Array.from({ length: 40 }, (_, i) => ({
        ...service.listDeals({})[0]!,
        id: 0,
        from_party: i % 2 ? 'Brand New Fund' : 'OpenAI',
        to_party: 'brand new lab',
        kind: 'investment' as const,
        notes: `imported ${i}`,
      })),
    );
    const report = service.importCsv({ text });
    expect(report.imported).toBe(40);
    expect(report.newParties).toEqual(['brand new lab', 'Brand New Fund']);
    const after = service.exportCsv({});
    expect(service.bookInfo({}).undoLabel).toBe('Import 40 deals');

    service.undo({});
    expect(service.exportCsv({})).toBe(before);
    expect(service.listParties({}).map((p) => p.name)).toEqual(partiesBefore);
    expect(service.bookInfo({}).canUndo).toBe(false);

    service.redo({});
    expect(service.exportCsv({})).toBe(after);
  });

  it('matches parties like the book does: case-insensitively, one new party per name', async () => {
    const { service } = await book({ sample: true });
    const text = 'announced,from_party,to_party,kind\r\n2025-01-02,openai,NEW LAB,investment\r\n2025-01-03,OPENAI,new lab,investment\r\n';
    const report = service.importCsv({ text });
    expect(report.newParties).toEqual(['NEW LAB']);
    const rows = service.listDeals({}).slice(-2);
    expect(rows.map((r) => [r.from_party, r.to_party])).toEqual([['OpenAI', 'NEW LAB'], ['OpenAI', 'NEW LAB']]);
  });

  it('matches parties across invisible characters: one new party per name, a deal to itself refused (issue 17)', async () => {
    const { service } = await book({ sample: true });
    const text = [
      'announced,from_party,to_party,kind',
      '2025-01-02,Open\u061CAI,Nour Capital,investment',
      '2025-01-03,\u3164OPENAI,Nour\u061C Capital,investment',
      '2025-01-04,OpenAI\u{E0041},\u206ANour Capital\uFE0F,investment',
      '2025-01-05,Nour Capital,Nour\u180E Capital,investment',
    ].join('\r\n');
    const report = service.importCsv({ text, skipInvalid: true });
    expect(report.newParties).toEqual(['Nour Capital']);
    expect(report.problems.map((p) => p.line)).toEqual([5]);
    const rows = service.listDeals({}).slice(-3);
    expect(rows.map((r) => [r.from_party, r.to_party])).toEqual(Array(3).fill(['OpenAI', 'Nour Capital']));
  });

  it('leaves the book as it was when the database fails halfway through an import', async () => {
    const { service } = await book({ sample: true });
    const before = service.exportCsv({});
    const parties = service.listParties({});
    // A real failure inside SQLite on row 301 of 600, after new parties and 300 deals were written.
    service.repos.db.exec(`CREATE TRIGGER boom BEFORE INSERT ON deals WHEN NEW.notes = 'boom' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    const rows = Array.from({ length: 600 }, (_, i) => `2025-01-02,Fresh Party ${i % 7},OpenAI,investment,${i === 300 ? 'boom' : `row ${i}`}`);
    const text = ['announced,from_party,to_party,kind,notes', ...rows].join('\n');
    expect(() => service.importCsv({ text })).toThrow(/disk on fire/);
    expect(service.exportCsv({})).toBe(before);
    expect(service.listParties({})).toEqual(parties);
    expect(service.bookInfo({}).canUndo).toBe(false);
  });

  it('reports progress while it inserts a long import', async () => {
    const calls: [number, number][] = [];
    const { service } = await book({ onProgress: (done, total) => calls.push([done, total]) });
    const rows = Array.from({ length: 12_000 }, (_, i) => `2025-01-02,Party ${i % 50},Lab ${i % 13},investment,${i}`);
    service.importCsv({ text: ['announced,from_party,to_party,kind,amount_usd', ...rows].join('\n') });
    expect(calls).toEqual([[5000, 12_000], [10_000, 12_000], [12_000, 12_000]]);
  });

  it('exports only the ids asked for, in that order', async () => {
    const { service } = await book({ sample: true });
    const ids = [5, 2, 9];
    const rows = withoutIds(service.exportCsv({ ids }));
    const all = new Map(service.listDeals({}).map((r) => [r.id, r]));
    expect(rows.slice(1).map((cells) => cells[2])).toEqual(ids.map((id) => all.get(id)!.from_party));
  });
});

describe('the valid corpus through the service', () => {
  for (const [name, expected] of Object.entries(expectedValid())) {
    it(`${name} imports the expected deals`, async () => {
      const { service } = await book();
      const decoded = decodeCsvBytes(readFileSync(join(VALID_DIR, name)));
      if (!decoded.ok) throw new Error(`${name}: ${decoded.problem.message}`);
      const report = service.importCsv({ text: decoded.text });
      expect(report.problems).toEqual([]);
      expect(report.imported).toBe(expected.length);
      const imported: DealValues[] = service.listDeals({}).map(dealValues);
      expect(imported).toEqual(expected.map((e) => e.deal));
    });
  }
});
