import { describe, expect, it } from 'vitest';
import { bookColumns, buildColumns, columnsFiller, type BookColumns } from '../../../shared/analytics/book-columns';
import { computeAggregates } from '../../../shared/analytics/aggregates';
import { deal } from '../../helpers/book-fixture';
import type { Deal } from '../../../shared/model/deal';
import { BASE_SCENARIO } from '../../../shared/model/scenario';

// 1000 deals between 40 parties, every kind and status: enough rows that a whole new copy is built, not patched.
const STATUSES = ['rumored', 'announced', 'signed', 'closed', 'cancelled'] as const;
const KINDS = ['investment', 'investment', 'purchase', 'infrastructure'] as const;
function book(): Deal[] {
  return Array.from({ length: 1000 }, (_, i) =>
    deal({
      id: i + 1,
      from_party: `Party ${(i * 7) % 40}`,
      to_party: `Party ${(i * 13 + 1) % 40}`,
      kind: KINDS[i % 4]!,
      status: STATUSES[i % 5]!,
      amount_usd: i % 9 === 0 ? null : ((i % 17) + 1) * 1e8,
      cash_usd: i % 3 === 0 ? ((i % 5) + 1) * 1e7 : null,
      credit_usd: i % 6 === 0 ? 2e7 : null,
      announced: `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`,
      term_years: 1 + (i % 5),
    }),
  );
}

const ARRAYS = ['id', 'from', 'to', 'kind', 'status', 'upTo', 'amount', 'cash', 'credit', 'unpriced', 'month', 'precision', 'startYear', 'term'] as const;

function expectSameColumns(got: BookColumns, want: BookColumns): void {
  for (const k of ARRAYS) expect(Array.from(got[k]), k).toEqual(Array.from(want[k]));
  expect(got.ascending).toBe(want.ascending);
  expect(got.parties.names).toEqual(want.parties.names);
}

describe('columns of a rows version after an edit', () => {
  it('patched from the last version: what a build makes, party columns shared', () => {
    const before = book();
    const old = bookColumns(before);
    const after = before.slice();
    after[3] = { ...after[3]!, amount_usd: 123e9, status: 'closed', announced: '2030-12-01', start: '2031-01-01' };
    after[500] = { ...after[500]!, cash_usd: null, credit_usd: null, amount_basis: 'up_to', id: 5000 };
    const patched = bookColumns(after);
    expect(patched).not.toBe(old);
    expect(patched.from).toBe(old.from);
    expect(patched.kind).toBe(old.kind);
    expectSameColumns(patched, buildColumns(after));
    // The old version's columns are untouched.
    expectSameColumns(old, buildColumns(before));
  });

  it('a changed kind gets its own kind column; a changed party a new build', () => {
    const before = book();
    const old = bookColumns(before);
    const kinds = before.slice();
    kinds[10] = { ...kinds[10]!, kind: kinds[10]!.kind === 'purchase' ? 'investment' : 'purchase' };
    const byKind = bookColumns(kinds);
    expect(byKind.from).toBe(old.from);
    expect(byKind.kind).not.toBe(old.kind);
    expectSameColumns(byKind, buildColumns(kinds));
    const parties = kinds.slice();
    parties[0] = { ...parties[0]!, from_party: 'Someone new' };
    const byParty = bookColumns(parties);
    expect(byParty.from).not.toBe(byKind.from);
    expectSameColumns(byParty, buildColumns(parties));
  });

  it('aggregates of an edited version equal those of the same rows built afresh', () => {
    const before = book();
    const scenario = { ...BASE_SCENARIO, name: 'Half', status_weight: { ...BASE_SCENARIO.status_weight, rumored: 0.5 }, credit_drawdown: 0.4 };
    computeAggregates(before, { scenario });
    let rows = before;
    for (let e = 0; e < 6; e++) {
      rows = rows.slice();
      const i = (e * 331) % rows.length;
      rows[i] = { ...rows[i]!, amount_usd: e % 2 ? null : (e + 1) * 7e8, kind: e === 3 ? 'purchase' : rows[i]!.kind, status: e === 4 ? 'cancelled' : rows[i]!.status };
      const fresh = rows.map((d) => ({ ...d }));
      expect(computeAggregates(rows, { scenario })).toEqual(computeAggregates(fresh, { scenario }));
      expect(computeAggregates(rows)).toEqual(computeAggregates(fresh));
    }
  });
});

describe('columns filled deal by deal (a reader that makes no deal objects)', () => {
  it('are what buildColumns makes, whether the filler finds the parties or is given their ids', () => {
    // Spellings that share a key (case, spaces) must get one id, numbered as buildColumns numbers them.
    const rows = book().map((d, i) => (i % 5 === 0 ? { ...d, from_party: d.from_party.toUpperCase(), to_party: ` ${d.to_party}  ` } : d));
    const byName = columnsFiller(rows.length);
    rows.forEach((d, i) => byName.set(i, d));
    // The party index's own lookup function differs per index: its names and keys are compared.
    const plain = (c: BookColumns) => ({ ...c, parties: { names: c.parties.names, keys: c.parties.keys } });
    expect(plain(byName.done())).toEqual(plain(buildColumns(rows)));
    const byId = columnsFiller(rows.length);
    const known = new Map<string, number>();
    const id = (name: string) => known.get(name) ?? known.set(name, byId.partyId(name)).get(name)!;
    rows.forEach((d, i) => {
      const from = id(d.from_party);
      byId.setWithIds(i, d, from, id(d.to_party));
    });
    expect(plain(byId.done())).toEqual(plain(buildColumns(rows)));
  });
});
