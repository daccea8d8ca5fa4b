import { describe, expect, it } from 'vitest';
import { computeAggregates } from '../../../shared/analytics/aggregates';
import type { Deal } from '../../../shared/model/deal';
import { investedText, roundTripText } from '../../../renderer/analysis/circularity-panel';
import { pairUnknowns, partialSumText } from '../../../renderer/analysis/pair-unknowns';

// The pairs table's Credits, Bought back and Round trip cells: a credit or an amount the book does not know is not
// $0 (unknown is never zero), said as the Invested cell says it: ≥ the known part, or ? when none is known.
const deal = (id: number, from: string, to: string, kind: Deal['kind'], amount: number | null, credit: number | null = null, cash: number | null = null): Deal => ({
  id, announced: '2025-01-15', announced_precision: 'day', from_party: from, to_party: to, kind, status: 'signed', amount_usd: amount,
  amount_basis: 'firm', cash_usd: cash, credit_usd: credit, term_years: 1, start: null, capacity_mw: null, source_url: null, notes: null,
});

const BOOK = [
  // Nothing known: no amount, no split, a purchase back of no amount.
  deal(1, 'Alpha', 'Beta', 'investment', null),
  deal(2, 'Beta', 'Alpha', 'purchase', null),
  // One investment split, one not; purchases back known and not.
  deal(3, 'Gamma', 'Delta', 'investment', 10e9, 4e9),
  deal(4, 'Gamma', 'Delta', 'investment', 5e9),
  deal(5, 'Delta', 'Gamma', 'purchase', 3e9),
  deal(6, 'Delta', 'Gamma', 'purchase', null),
  // All known; a credit of 0 implied by cash = amount is known too.
  deal(7, 'Epsilon', 'Zeta', 'investment', 8e9, 2e9),
  deal(8, 'Epsilon', 'Zeta', 'investment', 6e9, null, 6e9),
  deal(9, 'Zeta', 'Epsilon', 'purchase', 1e9),
  // Undisclosed amount, credits known: the credits are known.
  deal(10, 'Eta', 'Theta', 'investment', null, 1e9),
];

describe("the pairs table's credits, bought back and round trip", () => {
  const pairs = computeAggregates(BOOK).pairs;
  const byId = new Map(BOOK.map((d) => [d.id, d]));
  const cells = (investor: string) => {
    const p = pairs.find((x) => x.investor === investor)!;
    const u = pairUnknowns(p, (id) => byId.get(id));
    return [investedText(p), partialSumText(p.credits, u.credits), partialSumText(p.bought_back, u.boughtBack), roundTripText(p, u.credits + u.boughtBack)];
  };

  it('says ? where nothing of a sum is known, never $0', () => {
    expect(cells('Alpha')).toEqual(['?', '?', '?', '?']);
  });

  it('says ≥ the known part where some of it is not known', () => {
    expect(cells('Gamma')).toEqual(['$15.0B', '≥ $4.0B', '≥ $3.0B', '≥ $7.0B']);
  });

  it('gives the sums as they are where every part is known (an implied credit of 0 included)', () => {
    expect(cells('Epsilon')).toEqual(['$14.0B', '$2.0B', '$1.0B', '$3.0B']);
    expect(cells('Eta')).toEqual(['?', '$1.0B', '$0', '? $1.0B']);
  });

  it('looks up only the deals a pair misses', () => {
    const asked: number[] = [];
    const lookup = (id: number) => (asked.push(id), byId.get(id));
    for (const p of pairs) pairUnknowns(p, lookup);
    expect(asked.sort((a, b) => a - b)).toEqual([1, 2, 4, 6, 10]);
  });
});
