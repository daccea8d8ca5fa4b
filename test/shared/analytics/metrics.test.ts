import { describe, it, expect } from 'vitest';
import { affectedPairKeys, deriveRows, pairKey, partyKey, roundTripDetail, rowShares } from '../../../shared/analytics/metrics';
import { reciprocalPairs } from '../../../shared/analytics/aggregates';
import { deal, expectClose, loadBasicBook } from '../../helpers/book-fixture';

const book = loadBasicBook();

/**
 * v1 values that v2 changed (spec v2 "Derived columns"): other_share is empty unless both cash_usd and
 * credit_usd are set. Deals 6, 12 and 13 of the v1 book have cash but no credit, so v1's other_share 0 is now
 * empty. Every other v1 derived value holds under v2's Base.
 */
const V2_CHANGED: Record<number, Partial<Record<'other_share', null>>> = { 6: { other_share: null }, 12: { other_share: null }, 13: { other_share: null } };

describe('derived columns on the basic book', () => {
  const rows = new Map(deriveRows(book.deals).map((r) => [r.id, r]));

  it('has one row per deal, in order, with the stored values untouched', () => {
    expect(deriveRows(book.deals).map((r) => r.id)).toEqual(book.deals.map((d) => d.id));
    for (const d of book.deals) expect(rows.get(d.id)).toMatchObject(d);
  });

  for (const want of book.expected.derived) {
    it(`deal ${want.id}`, () => {
      const row = rows.get(want.id);
      expect(row).toBeDefined();
      for (const key of ['cash_share', 'credit_share', 'other_share', 'round_trip_ratio'] as const) {
        const v2 = V2_CHANGED[want.id];
        const expected = v2 && key in v2 ? v2[key as 'other_share']! : want[key];
        expectClose(row?.[key], expected, `deal ${want.id} ${key}`);
      }
    });
  }
});

describe('rowShares', () => {
  it('is empty when the amount is empty or zero', () => {
    const empty = { cash_share: null, credit_share: null, other_share: null };
    expect(rowShares({ amount_usd: null, cash_usd: 5, credit_usd: 5 })).toEqual(empty);
    expect(rowShares({ amount_usd: 0, cash_usd: 0, credit_usd: 0 })).toEqual(empty);
  });

  it('leaves a share empty when its part is empty, and other_share when both are', () => {
    expect(rowShares({ amount_usd: 10, cash_usd: null, credit_usd: null })).toEqual({ cash_share: null, credit_share: null, other_share: null });
    // v2: the rest of a row with one part empty is unsplit, not other (v1 gave 0.6 and 0.75 here).
    expect(rowShares({ amount_usd: 10, cash_usd: null, credit_usd: 4 })).toEqual({ cash_share: null, credit_share: 0.4, other_share: null });
    expect(rowShares({ amount_usd: 10, cash_usd: 2.5, credit_usd: null })).toEqual({ cash_share: 0.25, credit_share: null, other_share: null });
    expect(rowShares({ amount_usd: 10, cash_usd: 2.5, credit_usd: 4 })).toEqual({ cash_share: 0.25, credit_share: 0.4, other_share: 0.35 });
  });

  it('does not leave float dust where the parts add up to the whole', () => {
    expect(rowShares({ amount_usd: 1, cash_usd: 0.7, credit_usd: 0.3 }).other_share).toBe(0);
  });
});

describe('round trip', () => {
  it('matches parties case-insensitively and ignoring surrounding spaces', () => {
    expect(pairKey('NVIDIA', 'OpenAI')).toBe(pairKey(' nvidia', 'openai '));
    expect(pairKey('A', 'B')).not.toBe(pairKey('B', 'A'));
    expect(partyKey('  NVidia ')).toBe('nvidia');
    const rows = deriveRows([
      deal({ id: 1, from_party: 'NVIDIA', to_party: 'OpenAI', amount_usd: 100, credit_usd: 10 }),
      deal({ id: 2, from_party: 'openai', to_party: 'nvidia', kind: 'purchase', amount_usd: 50 }),
      deal({ id: 3, from_party: 'nvidia', to_party: 'OPENAI', amount_usd: 100 }),
    ]);
    expect(rows.map((r) => r.round_trip_ratio)).toEqual([0.3, null, 0.3]);
  });

  it('ignores cancelled rows in the sums and gives them no ratio', () => {
    const rows = deriveRows([
      deal({ id: 1, from_party: 'A', to_party: 'B', amount_usd: 100 }),
      deal({ id: 2, from_party: 'A', to_party: 'B', amount_usd: 100, status: 'cancelled', cash_usd: 100 }),
      deal({ id: 3, from_party: 'B', to_party: 'A', kind: 'purchase', amount_usd: 50 }),
      deal({ id: 4, from_party: 'B', to_party: 'A', kind: 'purchase', amount_usd: 1000, status: 'cancelled' }),
    ]);
    expect(rows.map((r) => r.round_trip_ratio)).toEqual([0.5, null, null, null]);
    expect(rows[1]?.cash_share).toBe(1);
  });

  it('is empty when nothing was invested, and for purchase and infrastructure rows', () => {
    const rows = deriveRows([
      deal({ id: 1, from_party: 'A', to_party: 'B', amount_usd: null }),
      deal({ id: 2, from_party: 'A', to_party: 'B', amount_usd: 0 }),
      deal({ id: 3, from_party: 'B', to_party: 'A', kind: 'purchase', amount_usd: 50 }),
      deal({ id: 4, from_party: 'A', to_party: 'A', kind: 'infrastructure', amount_usd: 50 }),
    ]);
    expect(rows.map((r) => r.round_trip_ratio)).toEqual([null, null, null, null]);
  });

  it('adds nothing for an empty amount, and says so in the basis: unknown is not zero', () => {
    const deals = [
      deal({ id: 1, from_party: 'A', to_party: 'B', amount_usd: 10, cash_usd: 10, credit_usd: null }),
      deal({ id: 2, from_party: 'A', to_party: 'B', amount_usd: null }),
      deal({ id: 3, from_party: 'B', to_party: 'A', kind: 'purchase', amount_usd: null }),
    ];
    const [pair] = reciprocalPairs(deals);
    expect(pair).toMatchObject({ invested: 10, credits: 0, bought_back: 0, round_trip_usd: 0, ratio: 0, basis: 'unknown', undisclosed_legs: 2, missingIds: [2, 3] });
    expect(deriveRows(deals).map((r) => [r.round_trip_ratio, r.round_trip_basis])).toEqual([[0, 'unknown'], [0, 'unknown'], [null, null]]);
    // The investment disclosed, the purchase back not: the ratio is a floor.
    const floor = deriveRows([deals[0]!, deals[2]!]);
    expect(floor.map((r) => r.round_trip_basis)).toEqual(['at_least', null]);
    // Nothing disclosed at all: no ratio, and the basis says why.
    expect(deriveRows([deals[1]!]).map((r) => [r.round_trip_ratio, r.round_trip_basis])).toEqual([[null, 'unknown']]);
  });

  it('is at_least when an investment has an amount but no complete split, exact once it has one', () => {
    const unsplit = deal({ id: 1, from_party: 'A', to_party: 'B', amount_usd: 10 });
    const back = deal({ id: 2, from_party: 'B', to_party: 'A', kind: 'purchase', amount_usd: 5 });
    expect(deriveRows([unsplit, back])[0]).toMatchObject({ round_trip_ratio: 0.5, round_trip_basis: 'at_least' });
    expect(deriveRows([{ ...unsplit, cash_usd: 4 }, back])[0]?.round_trip_basis).toBe('at_least');
    expect(deriveRows([{ ...unsplit, cash_usd: 10 }, back])[0]?.round_trip_basis).toBe('exact');
    expect(deriveRows([{ ...unsplit, credit_usd: 0 }, back])[0]?.round_trip_basis).toBe('exact');
    const detail = roundTripDetail([unsplit, back], 2);
    expect(detail).toMatchObject({ investor: 'A', investee: 'B', basis: 'at_least', ratio: 0.5, dealIds: [1, 2] });
    expect(detail?.missing).toEqual([{ id: 1, from_party: 'A', to_party: 'B', kind: 'investment', what: 'split' }]);
  });

  it('handles an empty book', () => {
    expect(deriveRows([])).toEqual([]);
    expect(reciprocalPairs([])).toEqual([]);
  });

  it('never yields NaN or Infinity', () => {
    const amounts = [null, 0, 1e-300, 1, 5e9, 1.7e308];
    const deals = [];
    for (const amount_usd of amounts) {
      for (const part of amounts) {
        if (amount_usd !== null && part !== null && part > amount_usd) continue;
        deals.push(deal({ from_party: 'X', to_party: 'Y', amount_usd, cash_usd: part, credit_usd: part === null ? null : 0 }));
        deals.push(deal({ from_party: 'Y', to_party: 'X', kind: 'purchase', amount_usd: part }));
      }
    }
    for (const row of deriveRows(deals)) {
      for (const v of [row.cash_share, row.credit_share, row.other_share, row.round_trip_ratio]) {
        expect(v === null || Number.isFinite(v)).toBe(true);
      }
    }
  });
});

describe('affectedPairKeys', () => {
  it('names the investment pair a deal feeds', () => {
    expect(affectedPairKeys({ from_party: 'A', to_party: 'B', kind: 'investment' })).toEqual([pairKey('A', 'B')]);
    expect(affectedPairKeys({ from_party: 'B', to_party: 'a', kind: 'purchase' })).toEqual([pairKey('A', 'B')]);
    expect(affectedPairKeys({ from_party: 'A', to_party: 'S', kind: 'infrastructure' })).toEqual([pairKey('A', 'S')]);
  });
});
