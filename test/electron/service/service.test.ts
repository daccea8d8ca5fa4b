import { afterEach, describe, expect, it } from 'vitest';
import { openServiceWithInternals as openService } from '../../../electron/service/book';
import type { ServiceWithInternals as Service } from '../../../electron/service/service';
import { AppFailure } from '../../../shared/protocol/result';
import { tempBook } from '../../helpers/temp-book';
import { close, loadVectors, seedVectors, v2Derived } from '../../helpers/vectors';
import { deriveRows } from '../../../shared/analytics/metrics';
import { SAMPLE_DEALS, SAMPLE_PARTIES, type SampleDeal } from '../../../shared/model/sample-book';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

async function book(sample = false) {
  const b = await tempBook({ sample, now: () => new Date('2026-01-02T03:04:05Z') });
  cleanups.push(b.cleanup);
  return b;
}

function failure(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppFailure) return err.error;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('service over a real book', () => {
  it('derives every vector value through the contract', async () => {
    const { service } = await book();
    const vectors = loadVectors();
    seedVectors(service, vectors);
    const rows = new Map(service.listDeals({}).map((r) => [r.id, r]));
    expect(rows.size).toBe(vectors.deals.length);
    for (const want of vectors.expected.derived) {
      const row = rows.get(want.id)!;
      for (const key of ['cash_share', 'credit_share', 'other_share', 'round_trip_ratio'] as const) {
        const expected = v2Derived(want, key) as number | null;
        expect(close(row[key], expected), `deal ${want.id} ${key}: ${row[key]} vs ${expected}`).toBe(true);
      }
    }
  });

  it('answers an edit with the edited row and the other rows of its pair, fresh', async () => {
    const { service } = await book();
    seedVectors(service);
    // Purchase 5 (OpenAI -> Amazon) feeds the round trip of investment 4 (Amazon -> OpenAI).
    const change = service.updateDeal({ id: 5, changes: { amount_usd: '58B' } });
    const ids = change.changed.map((r) => r.id).sort((a, b) => a - b);
    expect(ids).toEqual([4, 5]);
    expect(change.changed.find((r) => r.id === 4)!.round_trip_ratio).toBeCloseTo((40e9 + 58e9) / 50e9, 12);
    expect(change.savedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(service.listDeals({}).find((r) => r.id === 4)!.round_trip_ratio).toBeCloseTo(1.96, 12);
  });

  it('moves a row between pairs and refreshes both', async () => {
    const { service } = await book();
    seedVectors(service);
    const change = service.updateDeal({ id: 14, changes: { to_party: 'OpenAI' } });
    const ids = change.changed.map((r) => r.id).sort((a, b) => a - b);
    // old pair Microsoft/Anthropic (1, 3, 14) and new pair Microsoft/OpenAI (13, 14)
    expect(ids).toEqual([1, 3, 13, 14]);
    expect(change.changed.find((r) => r.id === 1)!.round_trip_ratio).toBeCloseTo(30e9 / 5e9, 12);
  });

  it('rejects invalid edits with the field named and stores nothing', async () => {
    const { service } = await book();
    seedVectors(service);
    const before = service.listDeals({});
    const bad = failure(() => service.updateDeal({ id: 4, changes: { amount_usd: 'abc' } }));
    expect(bad.code).toBe('validation');
    expect(bad.details?.[0]).toMatchObject({ row: 4, field: 'amount_usd', value: 'abc' });
    const over = failure(() => service.updateDeal({ id: 4, changes: { cash_usd: '45B' } }));
    expect(over.message).toMatch(/cash_usd \+ credit_usd/);
    // The rule reads three fields; the one the analyst typed is the one named.
    expect(over.details?.[0]).toMatchObject({ row: 4, field: 'cash_usd', value: '45B' });
    expect(failure(() => service.updateDeal({ id: 4, changes: { amount_usd: '5B' } })).details?.[0]?.field).toBe('amount_usd');
    const self = failure(() => service.updateDeal({ id: 4, changes: { to_party: 'amazon' } }));
    expect(self.details?.[0]?.field).toBe('to_party');
    expect(service.listDeals({})).toEqual(before);
    expect(service.bookInfo({}).undoLabel).not.toMatch(/Edit/);
  });

  it('matches parties case-insensitively and creates new ones', async () => {
    const { service } = await book();
    seedVectors(service);
    const before = service.listParties({}).length;
    const change = service.addDeal({ values: { announced: '2026-05-01', from_party: 'nvidia', to_party: 'Mistral', kind: 'investment', amount_usd: '$2bn' } });
    const row = change.changed.find((r) => r.to_party === 'Mistral')!;
    expect(row.from_party).toBe('NVIDIA');
    expect(row.amount_usd).toBe(2e9);
    expect(service.listParties({}).length).toBe(before + 1);
  });

  it('undoes and redoes edits, adds, deletes and pastes, and keeps that across a restart', async () => {
    const b = await book();
    seedVectors(b.service);
    const s = b.service;
    s.updateDeal({ id: 1, changes: { amount_usd: '6B' } });
    s.deleteDeals({ ids: [2, 3] });
    s.updateCells({ cells: [{ id: 4, field: 'notes', value: 'pasted' }, { id: 5, field: 'term_years', value: '3' }] });
    s.close();

    const reopened: Service = await openService(b.path);
    cleanups.push(() => reopened.close());
    expect(reopened.bookInfo({}).undoLabel).toBe('Paste 2 cells');
    let change = reopened.undo({});
    expect(change.changed.map((r) => r.id).sort()).toEqual([4, 5]);
    expect(reopened.listDeals({}).find((r) => r.id === 4)!.notes).toBeNull();
    change = reopened.undo({});
    expect(change.changed.map((r) => r.id)).toEqual(expect.arrayContaining([2, 3]));
    expect(reopened.listDeals({}).length).toBe(16);
    reopened.undo({});
    expect(reopened.listDeals({}).find((r) => r.id === 1)!.amount_usd).toBe(5e9);
    reopened.redo({});
    expect(reopened.listDeals({}).find((r) => r.id === 1)!.amount_usd).toBe(6e9);
    reopened.redo({});
    expect(reopened.listDeals({}).map((r) => r.id)).not.toContain(2);
    // A new change drops what was left to redo.
    reopened.updateDeal({ id: 6, changes: { status: 'signed' } });
    expect(failure(() => reopened.redo({})).code).toBe('nothing_to_redo');
  });

  it('makes a paste all or nothing and lists every bad cell', async () => {
    const { service } = await book();
    seedVectors(service);
    const before = service.listDeals({});
    const bad = failure(() =>
      service.updateCells({
        cells: [
          { id: 1, field: 'notes', value: 'fine' },
          { id: 2, field: 'amount_usd', value: '-5B' },
          { id: 3, field: 'announced', value: '3/4/2025' },
        ],
      }),
    );
    expect(bad.details?.map((d) => `${d.row}:${d.field}`)).toEqual(['2:amount_usd', '3:announced']);
    expect(bad.details?.[1]?.message).toMatch(/YYYY-MM-DD/);
    expect(service.listDeals({})).toEqual(before);
  });

  it('adds the new deals of a paste with its edits in one step, or nothing when one of them is bad', async () => {
    const { service } = await book();
    seedVectors(service);
    const before = service.listDeals({});
    const bad = failure(() =>
      service.updateCells({
        cells: [{ id: 1, field: 'notes', value: 'fine' }],
        add: [
          { announced: '2025-01-02', from_party: 'Zeta', to_party: 'Eta', kind: 'investment', amount_usd: '1B' },
          { announced: '2025-01-02', from_party: 'Zeta', kind: 'investment', amount_usd: 'abc' },
        ],
      }),
    );
    expect(bad.details?.map((d) => `${d.line}:${d.field}`)).toEqual(['2:to_party', '2:amount_usd']);
    expect(service.listDeals({})).toEqual(before);

    const change = service.updateCells({
      cells: [{ id: 1, field: 'notes', value: 'fine' }],
      add: [{ announced: '2025-01-02', from_party: 'Zeta', to_party: 'Eta', kind: 'investment', amount_usd: '1B' }],
      label: 'Paste 2x5 cells',
    });
    expect(change.changed.map((r) => r.id)).toEqual(expect.arrayContaining([1, 17]));
    expect(change.changed.find((r) => r.id === 17)).toMatchObject({ from_party: 'Zeta', to_party: 'Eta', amount_usd: 1e9 });
    expect(service.bookInfo({}).undoLabel).toBe('Paste 2x5 cells');
    service.undo({});
    expect(service.listDeals({})).toEqual(before);
  });

  it('duplicates deals as new rows', async () => {
    const { service } = await book();
    seedVectors(service);
    const change = service.duplicateDeals({ ids: [4] });
    const copy = change.changed.find((r) => r.id === 17)!;
    expect(copy).toMatchObject({ from_party: 'Amazon', to_party: 'OpenAI', amount_usd: 50e9 });
    // The copy doubles what Amazon invested in OpenAI, so the pair's ratio halves.
    expect(copy.round_trip_ratio).toBeCloseTo((80e9 + 38e9) / 100e9, 12);
  });

  it('renames and merges parties as single undo steps', async () => {
    const { service } = await book();
    seedVectors(service);
    service.renameParty({ name: 'Amazon', to: 'Amazon.com' });
    expect(service.listDeals({}).filter((r) => r.from_party === 'Amazon.com').length).toBe(2);
    expect(failure(() => service.renameParty({ name: 'Oracle', to: 'nvidia' })).code).toBe('conflict');

    service.addDeal({ values: { announced: '2026-01-01', from_party: 'Nvidia Corp', to_party: 'OpenAI', kind: 'investment', amount_usd: '1B' } });
    service.mergeParties({ names: ['Nvidia Corp'], into: 'NVIDIA' });
    expect(service.listParties({}).map((p) => p.name)).not.toContain('Nvidia Corp');
    expect(service.listDeals({}).filter((r) => r.from_party === 'NVIDIA').length).toBe(3);
    service.undo({});
    expect(service.listParties({}).map((p) => p.name)).toContain('Nvidia Corp');
    expect(service.listDeals({}).find((r) => r.id === 17)!.from_party).toBe('Nvidia Corp');
    // A merge that would make an investment go from a party to itself is refused.
    const bad = failure(() => service.mergeParties({ names: ['OpenAI'], into: 'NVIDIA' }));
    expect(bad.code).toBe('validation');
  });

  it('creates the sample book: every sample deal as it is embedded, numbered 1..n, with its parties\' kinds and parents', async () => {
    const { service } = await book(true);
    const rows = [...service.listDeals({})].sort((a, b) => a.id - b.id);
    expect(rows.map((r) => r.id)).toEqual(SAMPLE_DEALS.map((_, i) => i + 1));
    const keys = Object.keys(SAMPLE_DEALS[0]!) as (keyof SampleDeal)[];
    expect(rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])))).toEqual(SAMPLE_DEALS);
    const parties = service.listParties({}).map((p) => ({ name: p.name, kind: p.kind, parent: p.parent }));
    expect(parties.sort((a, b) => a.name.localeCompare(b.name))).toEqual([...SAMPLE_PARTIES].sort((a, b) => a.name.localeCompare(b.name)));
    expect(service.bookInfo({}).canUndo).toBe(false);
  });

  it('counts each party\'s deals, a deal with itself once', async () => {
    const { service } = await book();
    seedVectors(service);
    const counts = Object.fromEntries(service.listParties({}).map((p) => [p.name, p.deal_count]));
    expect(counts).toMatchObject({ Microsoft: 4, Amazon: 3, Stargate: 1, OpenAI: 9 });
    expect(service.listParties({}).find((p) => p.name === 'AMD')).toMatchObject({ kind: 'chipmaker', deal_count: 2 });
  });

  it('keeps settings outside the undo history', async () => {
    const { service } = await book();
    expect(service.getSetting({ key: 'grid' })).toBeNull();
    service.setSetting({ key: 'grid', value: '{"a":1}' });
    expect(service.getSetting({ key: 'grid' })).toBe('{"a":1}');
    expect(service.bookInfo({}).canUndo).toBe(false);
  });
});

describe('the cached rows', () => {
  it('always equal a fresh read of the book, through edits, deletes, undo, redo, merges and imports', async () => {
    const { service } = await book();
    seedVectors(service);
    const fresh = () => deriveRows(service.repos.deals.all());
    expect(service.listDeals({})).toEqual(fresh());
    const steps: (() => unknown)[] = [
      () => service.updateDeal({ id: 5, changes: { amount_usd: '70B' } }),
      () => service.deleteDeals({ ids: [4, 9] }),
      () => service.undo({}),
      () => service.updateDeal({ id: 14, changes: { to_party: 'OpenAI', kind: 'investment' } }),
      () => service.duplicateDeals({ ids: [1, 2] }),
      () => service.renameParty({ name: 'OpenAI', to: 'OpenAI Inc' }),
      () => service.undo({}),
      () => service.undo({}),
      () => service.redo({}),
      () => service.importCsv({ text: 'announced,from_party,to_party,kind,amount_usd\r\n2026-01-01,Zeta,OpenAI,investment,1B\r\n' }),
      () => service.undo({}),
      () => service.deleteDeals({ ids: [3] }),
      () => service.undo({}),
    ];
    for (const step of steps) {
      step();
      expect(service.listDeals({})).toEqual(fresh());
    }
  });

  it('sees what another process wrote to the same book', async () => {
    const b = await book();
    seedVectors(b.service);
    expect(b.service.listDeals({}).find((r) => r.id === 1)!.amount_usd).toBe(5e9);
    const other = await openService(b.path);
    other.updateDeal({ id: 1, changes: { amount_usd: '9B' } });
    other.close();
    expect(b.service.listDeals({}).find((r) => r.id === 1)!.amount_usd).toBe(9e9);
    expect(b.service.exportCsv({})).toMatch(/\r\n1,2025-11-18,day,Microsoft,Anthropic,investment,announced,9000000000,firm,/);
  });
});

describe('writes that race or change nothing', () => {
  it('keeps the redo history when an edit changes nothing', async () => {
    const { service } = await book();
    seedVectors(service);
    service.updateDeal({ id: 1, changes: { notes: 'first' } });
    service.undo({});
    expect(service.bookInfo({}).canRedo).toBe(true);
    service.updateDeal({ id: 1, changes: { notes: '' } });
    service.setPartyKind({ name: 'Microsoft', kind: 'hyperscaler' });
    expect(service.bookInfo({}).canRedo).toBe(true);
    service.updateDeal({ id: 1, changes: { notes: 'second' } });
    expect(service.bookInfo({}).canRedo).toBe(false);
  });

  it('bases an edit on what another process saved just before it', async () => {
    let meddle: (() => void) | null = null;
    const b = await tempBook({ now: () => (meddle?.(), new Date('2026-01-02T00:00:00Z')) });
    cleanups.push(b.cleanup);
    seedVectors(b.service);
    const other = await openService(b.path);
    cleanups.push(() => other.close());
    // The other window saves a note in the moment between this edit's request and its transaction.
    meddle = () => {
      meddle = null;
      other.updateDeal({ id: 1, changes: { notes: 'from the other window' } });
    };
    b.service.updateDeal({ id: 1, changes: { amount_usd: '6B' } });
    const row = b.service.listDeals({}).find((r) => r.id === 1)!;
    expect(row).toMatchObject({ amount_usd: 6e9, notes: 'from the other window' });
  });

  it('refreshes every row naming a renamed party, and none for a change of kind', async () => {
    const { service } = await book();
    seedVectors(service);
    const renamed = service.renameParty({ name: 'openai', to: '  Open   AI ' });
    const naming = service.listDeals({}).filter((r) => r.from_party === 'Open AI' || r.to_party === 'Open AI');
    expect(naming.length).toBe(9);
    expect(renamed.changed.map((r) => r.id)).toEqual(expect.arrayContaining(naming.map((r) => r.id)));
    expect(service.setPartyKind({ name: 'Open AI', kind: 'other' }).changed).toEqual([]);
    expect(service.listParties({}).find((p) => p.name === 'Open AI')!.kind).toBe('other');
  });
});
