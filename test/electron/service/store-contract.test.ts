import { describe, expect, it } from 'vitest';
import { close, v2Derived } from '../../helpers/vectors';
import { describePg } from '../../helpers/pg';
import { failure, open, seed, type Kind } from '../../helpers/store-contract';

// One contract, two stores: every test here runs on a file book and on a team book (PostgreSQL), with the same
// expectations (the v2 writes: store-contract-v2.test.ts). Team-only behaviour (users, conflicts, live) has its own tests.

function contractSuite(kind: Kind) {
  it('derives every vector value and the aggregates', async () => {
    const { h } = await open(kind);
    const vectors = await seed(h);
    const rows = new Map((await h.listDeals({})).map((r) => [r.id, r]));
    expect(rows.size).toBe(vectors.deals.length);
    for (const want of vectors.expected.derived) {
      for (const key of ['cash_share', 'credit_share', 'other_share', 'round_trip_ratio'] as const) {
        const expected = v2Derived(want, key) as number | null;
        expect(close(rows.get(want.id)![key], expected), `deal ${want.id} ${key}`).toBe(true);
      }
    }
    const agg = await h.aggregates({});
    expect(JSON.stringify(agg).length).toBeGreaterThan(10);
    const exposure = (agg as unknown as { exposure: { investor: string; exposure: number }[] }).exposure;
    expect(exposure.map((r) => r.investor)).toEqual(vectors.expected.exposure.map((r) => r.investor));
    for (const [i, want] of vectors.expected.exposure.entries()) expect(close(exposure[i]!.exposure, Number(want.exposure))).toBe(true);
  });

  it('answers an edit with the edited row and the rest of its pair, fresh', async () => {
    const { h } = await open(kind);
    await seed(h);
    const change = await h.updateDeal({ id: 5, changes: { amount_usd: '58B' } });
    expect(change.changed.map((r) => r.id).sort((a, b) => a - b)).toEqual([4, 5]);
    expect(change.changed.find((r) => r.id === 4)!.round_trip_ratio).toBeCloseTo((40e9 + 58e9) / 50e9, 12);
    expect(change.savedAt).toBe('2026-01-02T03:04:05.000Z');
    const moved = await h.updateDeal({ id: 14, changes: { to_party: 'OpenAI' } });
    expect(moved.changed.map((r) => r.id).sort((a, b) => a - b)).toEqual([1, 3, 13, 14]);
  });

  it('refuses invalid edits naming row and field, storing nothing', async () => {
    const { h } = await open(kind);
    await seed(h);
    const before = await h.listDeals({});
    const bad = await failure(() => h.updateDeal({ id: 4, changes: { amount_usd: 'abc' } }));
    expect(bad.code).toBe('validation');
    expect(bad.details?.[0]).toMatchObject({ row: 4, field: 'amount_usd', value: 'abc' });
    const paste = await failure(() =>
      h.updateCells({ cells: [{ id: 1, field: 'notes', value: 'fine' }, { id: 2, field: 'amount_usd', value: '-5B' }, { id: 3, field: 'announced', value: 'someday' }] }),
    );
    expect(paste.details?.map((d) => `${d.row}:${d.field}`)).toEqual(['2:amount_usd', '3:announced']);
    expect((await failure(() => h.updateDeal({ id: 999, changes: { notes: 'x' } }))).code).toBe('not_found');
    expect(await h.listDeals({})).toEqual(before);
  });

  it('undoes and redoes edits, deletes and pastes, across a reopen', async () => {
    const b = await open(kind);
    await seed(b.h);
    await b.h.updateDeal({ id: 1, changes: { amount_usd: '6B' } });
    await b.h.deleteDeals({ ids: [2, 3] });
    await b.h.updateCells({ cells: [{ id: 4, field: 'notes', value: 'pasted' }, { id: 5, field: 'term_years', value: '3' }] });
    await b.store.close();
    const { h } = await b.reopen();
    expect((await h.bookInfo({})).undoLabel).toBe('Paste 2 cells');
    expect((await h.undo({})).changed.map((r) => r.id).sort()).toEqual([4, 5]);
    expect((await h.listDeals({})).find((r) => r.id === 4)!.notes).toBeNull();
    expect((await h.undo({})).changed.map((r) => r.id)).toEqual(expect.arrayContaining([2, 3]));
    expect((await h.listDeals({})).length).toBe(16);
    await h.undo({});
    expect((await h.listDeals({})).find((r) => r.id === 1)!.amount_usd).toBe(5e9);
    await h.redo({});
    expect((await h.listDeals({})).find((r) => r.id === 1)!.amount_usd).toBe(6e9);
    await h.redo({});
    expect((await h.listDeals({})).map((r) => r.id)).not.toContain(2);
    await h.updateDeal({ id: 6, changes: { status: 'signed' } });
    expect((await failure(() => h.redo({}))).code).toBe('nothing_to_redo');
  });

  it('duplicates, renames and merges parties as single undo steps', async () => {
    const { h } = await open(kind);
    await seed(h);
    const copy = (await h.duplicateDeals({ ids: [4] })).changed.find((r) => r.id === 17)!;
    expect(copy).toMatchObject({ from_party: 'Amazon', to_party: 'OpenAI', amount_usd: 50e9 });
    await h.undo({});
    await h.renameParty({ name: 'Amazon', to: 'Amazon.com' });
    expect((await h.listDeals({})).filter((r) => r.from_party === 'Amazon.com').length).toBe(2);
    expect((await failure(() => h.renameParty({ name: 'Oracle', to: 'nvidia' }))).code).toBe('conflict');
    await h.addDeal({ values: { announced: '2026-01-01', from_party: 'Nvidia Corp', to_party: 'openai', kind: 'investment', amount_usd: '1B' } });
    await h.mergeParties({ names: ['Nvidia Corp'], into: 'NVIDIA' });
    expect((await h.listParties({})).map((p) => p.name)).not.toContain('Nvidia Corp');
    await h.undo({});
    expect((await h.listParties({})).map((p) => p.name)).toContain('Nvidia Corp');
    expect((await failure(() => h.mergeParties({ names: ['OpenAI'], into: 'NVIDIA' }))).code).toBe('validation');
    const counts = Object.fromEntries((await h.listParties({})).map((p) => [p.name, p.deal_count]));
    expect(counts).toMatchObject({ Microsoft: 4, OpenAI: 10 });
  });

  it('imports CSV as one undo step and exports the same rows', async () => {
    const { h } = await open(kind);
    await seed(h);
    const csv = await h.exportCsv({});
    const dry = await h.importCsv({ text: csv, dryRun: true });
    expect(dry).toMatchObject({ totalRows: 16, validRows: 16, imported: 0, newParties: [] });
    const report = await h.importCsv({ text: csv });
    expect(report.imported).toBe(16);
    expect((await h.listDeals({})).length).toBe(32);
    const bad = await h.importCsv({ text: 'announced,from_party,to_party,kind\n2025-01-01,A,B,investment\nnope,A,B,investment\n' });
    expect(bad.imported).toBe(0);
    expect(bad.problems[0]).toMatchObject({ line: 3, field: 'announced' });
    await h.undo({});
    expect((await h.listDeals({})).length).toBe(16);
    expect(await h.exportCsv({})).toBe(csv);
  });

  it('keeps settings outside the undo history', async () => {
    const { h } = await open(kind);
    expect(await h.getSetting({ key: 'grid' })).toBeNull();
    await h.setSetting({ key: 'grid', value: '{"a":1}' });
    expect(await h.getSetting({ key: 'grid' })).toBe('{"a":1}');
    expect((await h.bookInfo({})).canUndo).toBe(false);
  });
}

describe('the contract on a file book', () => contractSuite('file'));
describePg('the contract on a team book (PostgreSQL)', () => contractSuite('team'));

