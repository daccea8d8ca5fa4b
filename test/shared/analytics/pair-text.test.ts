import { describe, expect, it } from 'vitest';
import { computeAggregates } from '../../../shared/analytics/aggregates';
import { netText, pairCells } from '../../../shared/analytics/pair-text';
import type { Deal } from '../../../shared/model/deal';

// A pair's cells as the pairs table and `dealbook report` print them: Invested, Credits, Bought back, Round trip,
// Ratio. A credit or an amount the book does not know is never $0 (unknown is never zero): ≥ the known part, or ?
// when none is known. The round trip is the ratio's numerator: its unknown parts make it a floor (`≥`, `≥ $0` when
// nothing of it is known), never "not known" beside a ratio that is a floor (`≥ 0.00x`, the spec's at_least).
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
  // Undisclosed amount, credits known: the round trip is known, the ratio bounds nothing.
  deal(10, 'Eta', 'Theta', 'investment', null, 1e9),
  // BlackRock -> Meta Hyperion JV in the reviewed deals: an amount, no split, nothing bought back.
  deal(11, 'Iota', 'Kappa', 'investment', 3e9),
  // An amount with no split and a purchase back of no amount (AMD -> OpenAI in the v2 vectors, credit unknown here).
  deal(12, 'Lambda', 'Mu', 'investment', 34e9),
  deal(13, 'Mu', 'Lambda', 'purchase', null),
  // Some investments undisclosed: invested is a floor.
  deal(14, 'Nu', 'Xi', 'investment', 10e9, 4e9),
  deal(15, 'Nu', 'Xi', 'investment', null, 0),
  // A disclosed investment of 0 beside a purchase back of no amount: invested is known ($0), the ratio is not.
  deal(16, 'Omicron', 'Pi', 'investment', 0, 0),
  deal(17, 'Pi', 'Omicron', 'purchase', null),
];

describe("a pair's cells (pairs table and dealbook report)", () => {
  const pairs = computeAggregates(BOOK).pairs;
  const cells = (investor: string) => pairCells(pairs.find((x) => x.investor === investor)!);

  it('round trip and ratio agree: a ratio that is a floor never sits beside a round trip that is not known', () => {
    expect(cells('Iota')).toEqual(['$3.0B', '?', '$0', '≥ $0', '≥ 0.00x']);
    expect(cells('Lambda')).toEqual(['$34.0B', '?', '?', '≥ $0', '≥ 0.00x']);
    for (const p of pairs) {
      const [, , , roundTrip, ratio] = pairCells(p);
      expect(roundTrip, `${p.investor} -> ${p.investee}`).not.toBe('?');
      if (p.basis === 'at_least') expect(roundTrip.startsWith('≥ ') && ratio.startsWith('≥ '), `${p.investor}: ${roundTrip} / ${ratio}`).toBe(true);
      if (p.basis === 'exact') expect(roundTrip.startsWith('≥') || ratio.startsWith('≥'), p.investor).toBe(false);
    }
  });

  it('says ? where nothing of a part is known; the round trip is then at least $0', () => {
    expect(cells('Alpha')).toEqual(['?', '?', '?', '≥ $0', '?']);
  });

  it('says ≥ the known part where some of it is not known', () => {
    expect(cells('Gamma')).toEqual(['$15.0B', '≥ $4.0B', '≥ $3.0B', '≥ $7.0B', '≥ 0.47x']);
    expect(cells('Nu')).toEqual(['≥ $10.0B', '$4.0B', '$0', '$4.0B', '? 0.40x']);
  });

  it('gives the sums as they are where every part is known (an implied credit of 0 included)', () => {
    expect(cells('Epsilon')).toEqual(['$14.0B', '$2.0B', '$1.0B', '$3.0B', '0.21x']);
    // The round trip is known; only the amount invested is not, so the ratio bounds nothing.
    expect(cells('Eta')).toEqual(['?', '$1.0B', '$0', '$1.0B', '?']);
    expect(cells('Omicron')).toEqual(['$0', '$0', '?', '≥ $0', '?']);
  });
});

describe("an investor's net (invested - returned) says how sure it is", () => {
  const net = (deals: Deal[], investor: string) => computeAggregates(deals).exposure.find((e) => e.investor === investor)!;

  it('is exact when both sides are, a ceiling when returned is a floor, ? when an amount invested is not known', () => {
    // Known both ways: Amazon invests 10B (credits 4B) in Anthropic.
    const exact = [deal(1, 'Amazon', 'Anthropic', 'investment', 10e9, 4e9, 6e9)];
    expect(netText(net(exact, 'Amazon'))).toBe('$6.0B');
    // An infrastructure deal of undisclosed amount is not in the net: still exact.
    expect(netText(net([...exact, deal(4, 'Amazon', 'Amazon', 'infrastructure', null)], 'Amazon'))).toBe('$6.0B');
    // A purchase back of no amount: returned is at least 4B, so the net is at most 6B.
    const back = [...exact, deal(2, 'Anthropic', 'Amazon', 'purchase', null)];
    expect(net(back, 'Amazon').returned_basis).toBe('at_least');
    expect(netText(net(back, 'Amazon'))).toBe('≤ $6.0B');
    // Another investment of undisclosed amount: invested may be more, and so may its credits: the known difference bounds nothing.
    const more = [...exact, deal(3, 'Amazon', 'Mistral', 'investment', null)];
    expect(netText(net(more, 'Amazon'))).toBe('? $6.0B');
  });
});
