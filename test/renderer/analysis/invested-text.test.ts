import { describe, expect, it } from 'vitest';
import { computeAggregates } from '../../../shared/analytics/aggregates';
import type { Deal } from '../../../shared/model/deal';
import { investedText } from '../../../renderer/analysis/circularity-panel';

// The pairs table's Invested cell: an investment of undisclosed amount is not $0 (unknown is never zero).
const deal = (id: number, from: string, to: string, kind: Deal['kind'], amount: number | null, credit: number | null = null): Deal => ({
  id, announced: '2025-01-15', announced_precision: 'day', from_party: from, to_party: to, kind, status: 'signed', amount_usd: amount,
  amount_basis: 'firm', cash_usd: null, credit_usd: credit, term_years: 1, start: null, capacity_mw: null, source_url: null, notes: null,
});

describe("the pairs table's invested cell", () => {
  it('says ? when no investment of the pair has an amount, ≥ the known sum when some lack one, the sum when all are known', () => {
    const pairs = computeAggregates([
      deal(1, 'Alpha', 'Beta', 'investment', null),
      deal(2, 'Beta', 'Alpha', 'purchase', 5e9),
      deal(3, 'Gamma', 'Delta', 'investment', 10e9, 4e9),
      deal(4, 'Gamma', 'Delta', 'investment', null),
      deal(5, 'Epsilon', 'Zeta', 'investment', 8e9, 2e9),
    ]).pairs;
    const cell = (investor: string) => investedText(pairs.find((p) => p.investor === investor)!);
    expect(cell('Alpha')).toBe('?');
    expect(cell('Gamma')).toBe('≥ $10.0B');
    expect(cell('Epsilon')).toBe('$8.0B');
  });
});
