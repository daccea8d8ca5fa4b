import { describe, expect, it } from 'vitest';
import { orderByValueDesc } from '../../../shared/analytics/value-order';
import { computeAggregates } from '../../../shared/analytics/aggregates';
import { deal } from '../../helpers/book-fixture';
import type { Deal } from '../../../shared/model/deal';

// A small deterministic generator: the cases are the same on every run.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const SPECIAL = [0, -0, 1, -1, 1e10, -1e10, 5e-324, -5e-324, Infinity, -Infinity, 2 ** 53, 123e9, 0.1 + 0.2, 0.30000000000000004];

describe('orderByValueDesc', () => {
  it('orders as a stable sort by value descending, ties (+0 and -0 included) in the given order', () => {
    const rand = rng(7);
    for (let t = 0; t < 200; t++) {
      const n = t % 40 === 0 ? 5000 : Math.floor(rand() * 200);
      const value = Float64Array.from({ length: n + 3 }, () =>
        rand() < 0.5 ? SPECIAL[Math.floor(rand() * SPECIAL.length)]! : (rand() - 0.3) * 10 ** Math.floor(rand() * 16),
      );
      const items = Array.from({ length: n }, (_, i) => (i * 7 + 3) % (n + 3));
      const want = [...items].sort((a, b) => value[b]! - value[a]! || 0);
      expect(Array.from(orderByValueDesc(items, value)!)).toEqual(want);
    }
  });

  it('gives no order when a value is NaN', () => {
    expect(orderByValueDesc([0, 1], Float64Array.of(1, NaN))).toBeNull();
    expect(Array.from(orderByValueDesc([], new Float64Array(0))!)).toEqual([]);
  });
});

describe('the tables keep their orders', () => {
  // Many investors with equal exposure and names that differ only in case or accents, ids out of book order.
  const names = ['beta', 'Alpha', 'alpha fund', 'Émile', 'emile', 'Zed', 'zeta', 'ALPHA FUND 2', 'Ω', 'b'];
  const deals: Deal[] = [];
  names.forEach((name, i) => {
    deals.push(deal({ id: 1000 - i * 3, from_party: name, to_party: `Lab ${i % 3}`, amount_usd: (i % 3) * 1e9 }));
    deals.push(deal({ id: 2000 + i, from_party: `Lab ${i % 3}`, to_party: name, kind: 'purchase', amount_usd: (i % 2) * 5e9 }));
    deals.push(deal({ id: 10 + i, from_party: name, to_party: `Lab ${i % 3}`, amount_usd: null }));
  });

  it('exposure and recipients: value descending, then the lower-cased name', () => {
    const { exposure, recipients } = computeAggregates(deals);
    const sorted = <T>(rows: T[], value: (r: T) => number, name: (r: T) => string) =>
      [...rows].sort((x, y) => value(y) - value(x) || (name(x).toLowerCase() < name(y).toLowerCase() ? -1 : name(x).toLowerCase() > name(y).toLowerCase() ? 1 : 0));
    expect(exposure.length).toBe(names.length);
    expect(exposure).toEqual(sorted(exposure, (r) => r.exposure, (r) => r.investor));
    expect(recipients).toEqual(sorted(recipients, (r) => r.received, (r) => r.recipient));
  });

  it('pairs: round trip descending, then investor and investee keys; ids ascending in every list', () => {
    const { pairs } = computeAggregates(deals);
    const key = (p: { investor: string; investee: string }) => [p.investor.toLowerCase(), p.investee.toLowerCase()] as const;
    const want = [...pairs].sort((a, b) => {
      const [ai, ae] = key(a);
      const [bi, be] = key(b);
      return b.round_trip_usd - a.round_trip_usd || (ai < bi ? -1 : ai > bi ? 1 : ae < be ? -1 : ae > be ? 1 : 0);
    });
    expect(pairs).toEqual(want);
    for (const p of pairs) {
      expect(p.dealIds).toEqual([...p.dealIds].sort((a, b) => a - b));
      expect(p.missingIds).toEqual([...p.missingIds].sort((a, b) => a - b));
      expect(p.missingIds.every((id) => p.dealIds.includes(id))).toBe(true);
    }
  });
});
