import { describe, it, expect } from 'vitest';
import {
  aggregateParts,
  commitmentsByAnnouncement,
  computeAggregates,
  disbursementByYear,
  exposureByInvestor,
  reciprocalPairs,
} from '../../../shared/analytics/aggregates';
import { deal, expectClose, loadBasicBook } from '../../helpers/book-fixture';
import { BASE_SCENARIO } from '../../../shared/model/scenario';

const book = loadBasicBook();
const EXPOSURE_FIELDS = ['invested_cash', 'invested_credit', 'invested_other', 'infrastructure', 'exposure', 'returned', 'net'] as const;

describe('aggregates of the basic book', () => {
  it('exposure: every investor row, in order', () => {
    const rows = exposureByInvestor(book.deals);
    expect(rows.map((r) => r.investor)).toEqual(book.expected.exposure.map((r) => r.investor));
    for (const [i, want] of book.expected.exposure.entries()) {
      for (const field of EXPOSURE_FIELDS) expectClose(rows[i]?.[field], Number(want[field]), `${want.investor} ${field}`);
    }
  });

  it('commitments by announcement year, split by kind, with the cumulative sum', () => {
    const rows = commitmentsByAnnouncement(book.deals, 'year');
    const want = book.expected.commitments_by_announcement_year;
    expect(rows.map((r) => r.period)).toEqual(want.map((w) => String(w.year)));
    for (const [i, w] of want.entries()) {
      const row = rows[i]!;
      expect(Object.keys(row.byKey)).toEqual(['investment', 'purchase', 'infrastructure']);
      expectClose(row.byKey.investment, w.investment, `${w.year} investment`);
      expectClose(row.byKey.purchase, w.purchase, `${w.year} purchase`);
      expectClose(row.byKey.infrastructure, w.infrastructure, `${w.year} infrastructure`);
      expectClose(row.total, w.total, `${w.year} total`);
      expectClose(row.cumulative, w.cumulative, `${w.year} cumulative`);
    }
  });

  it('disbursement by year', () => {
    const rows = disbursementByYear(book.deals);
    expect(rows.map((r) => r.year)).toEqual(book.expected.disbursement_by_year.map((w) => w.year));
    for (const [i, w] of book.expected.disbursement_by_year.entries()) expectClose(rows[i]?.amount, w.amount, `${w.year}`);
  });

  it('reciprocal pairs: investment answered by purchases, largest round trip first', () => {
    const pairs = reciprocalPairs(book.deals);
    // v2 lists every pair with a counted investment (v1 only those with a purchase back): NVIDIA -> Anthropic
    // and SoftBank -> OpenAI are new here, with a round trip of 0; the v1 pairs keep their numbers.
    expect(pairs.map((p) => [p.investor, p.investee, p.dealIds])).toEqual([
      ['AMD', 'OpenAI', [8, 9]],
      ['Amazon', 'OpenAI', [4, 5]],
      ['Microsoft', 'Anthropic', [1, 3, 14]],
      ['NVIDIA', 'Anthropic', [2]],
      ['NVIDIA', 'OpenAI', [6, 7]],
      ['SoftBank', 'OpenAI', [12]],
    ]);
    expect(pairs[1]).toMatchObject({ invested: 50e9, credits: 40e9, bought_back: 38e9, round_trip_usd: 78e9, basis: 'exact' });
    expectClose(pairs[1]!.ratio, 1.56);
    expectClose(pairs[2]!.ratio, 31 / 7);
    // OpenAI's purchase from NVIDIA has no amount: the 0 is a floor, not a fact.
    expect(pairs[4]).toMatchObject({ round_trip_usd: 0, ratio: 0, basis: 'at_least', undisclosed_legs: 1, missingIds: [7] });
  });

  it('computeAggregates bundles the same numbers', () => {
    const all = computeAggregates(book.deals);
    expect(all.exposure).toEqual(exposureByInvestor(book.deals));
    expect(all.byYear).toEqual(commitmentsByAnnouncement(book.deals, 'year'));
    expect(all.disbursement).toEqual(disbursementByYear(book.deals));
    expect(all.pairs).toEqual(reciprocalPairs(book.deals));
  });
});

describe('aggregates edge cases', () => {
  it('an empty book has empty aggregates', () => {
    expect(computeAggregates([])).toEqual({ scenario: BASE_SCENARIO, exposure: [], recipients: [], byYear: [], disbursement: [], pairs: [] });
    expect(commitmentsByAnnouncement([], 'month', 'investor')).toEqual([]);
  });

  it('cancelled deals count nowhere', () => {
    const deals = [
      deal({ from_party: 'A', to_party: 'B', amount_usd: 10, status: 'cancelled' }),
      deal({ from_party: 'B', to_party: 'A', kind: 'purchase', amount_usd: 10, status: 'cancelled' }),
      deal({ from_party: 'C', to_party: 'C', kind: 'infrastructure', amount_usd: 10, status: 'cancelled' }),
    ];
    expect(computeAggregates(deals)).toEqual({ scenario: BASE_SCENARIO, exposure: [], recipients: [], byYear: [], disbursement: [], pairs: [] });
  });

  it('groups investors case-insensitively under the first spelling', () => {
    const rows = exposureByInvestor([
      deal({ from_party: 'NVIDIA', to_party: 'OpenAI', amount_usd: 10, cash_usd: 4 }),
      deal({ from_party: 'nvidia', to_party: 'openai', amount_usd: 5, credit_usd: 5 }),
      deal({ from_party: 'openai', to_party: 'Nvidia', kind: 'purchase', amount_usd: 30 }),
      deal({ from_party: 'Nvidia ', to_party: 'Plant', kind: 'infrastructure', amount_usd: 7 }),
    ]);
    expect(rows).toEqual([
      // v2: what is neither cash nor credit on a row missing one of them is unsplit, not other (v1: other 6).
      {
        investor: 'NVIDIA', invested_cash: 4, invested_credit: 5, invested_other: 0, invested_unsplit: 6, infrastructure: 7,
        undisclosed: 0, exposure: 22, returned: 35, returned_basis: 'at_least', net: -20,
      },
    ]);
  });

  it('lists infrastructure-only and zero-amount investors, but not pure buyers', () => {
    const rows = exposureByInvestor([
      deal({ from_party: 'Z', to_party: 'Z', kind: 'infrastructure', amount_usd: 0 }),
      deal({ from_party: 'Y', to_party: 'X', amount_usd: null }),
      deal({ from_party: 'X', to_party: 'Y', kind: 'purchase', amount_usd: 3 }),
    ]);
    expect(rows.map((r) => [r.investor, r.exposure, r.returned, r.net])).toEqual([
      ['Y', 0, 3, -3],
      ['Z', 0, 0, 0],
    ]);
  });

  it('commitments by quarter and month fill the gaps and skip empty amounts', () => {
    const deals = [
      deal({ from_party: 'A', to_party: 'B', announced: '2025-01-31', amount_usd: 1 }),
      deal({ from_party: 'A', to_party: 'B', announced: '2025-03-01', amount_usd: 2 }),
      deal({ from_party: 'A', to_party: 'B', announced: '2025-07-04', amount_usd: 0 }),
      deal({ from_party: 'A', to_party: 'B', announced: '2025-12-04', amount_usd: null }),
      deal({ from_party: 'A', to_party: 'B', announced: '2026-02-01', kind: 'purchase', amount_usd: 4 }),
    ];
    const quarters = commitmentsByAnnouncement(deals, 'quarter');
    expect(quarters.map((q) => [q.period, q.total, q.cumulative, q.count])).toEqual([
      ['2025-Q1', 3, 3, 2],
      ['2025-Q2', 0, 3, 0],
      ['2025-Q3', 0, 3, 1],
      ['2025-Q4', 0, 3, 0],
      ['2026-Q1', 4, 7, 1],
    ]);
    expect(quarters[4]!.byKey).toEqual({ investment: 0, purchase: 4, infrastructure: 0 });
    const months = commitmentsByAnnouncement(deals, 'month');
    expect(months.map((m) => m.period)).toEqual([
      '2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10',
      '2025-11', '2025-12', '2026-01', '2026-02',
    ]);
    expect(months.at(-1)!.cumulative).toBe(7);
  });

  it('commitments split by investor keep the top N and pool the rest as Other', () => {
    const deals = [
      deal({ from_party: 'Big', to_party: 'X', amount_usd: 100 }),
      deal({ from_party: 'mid', to_party: 'X', amount_usd: 50 }),
      deal({ from_party: 'Mid', to_party: 'X', amount_usd: 1, announced: '2026-05-01' }),
      deal({ from_party: 'Small', to_party: 'X', amount_usd: 10 }),
      deal({ from_party: 'Tiny', to_party: 'X', amount_usd: 1 }),
    ];
    const rows = commitmentsByAnnouncement(deals, 'year', 'investor', 2);
    expect(rows.map((r) => r.byKey)).toEqual([
      { Big: 100, mid: 50, Other: 11 },
      { Big: 0, mid: 1, Other: 0 },
    ]);
    const all = commitmentsByAnnouncement(deals, 'year', 'investor', 8);
    expect(Object.keys(all[0]!.byKey)).toEqual(['Big', 'mid', 'Small', 'Tiny']);
    const withOther = commitmentsByAnnouncement([...deals, deal({ from_party: 'Other', to_party: 'X', amount_usd: 75 })], 'year', 'investor', 2);
    expect(withOther[0]!.byKey).toEqual({ Big: 100, Other: 75, 'Other parties': 61 });
  });

  it('disbursement spreads each amount over its term from start, else announced', () => {
    const rows = disbursementByYear([
      deal({ from_party: 'A', to_party: 'B', announced: '2025-06-01', amount_usd: 30, term_years: 3 }),
      deal({ from_party: 'A', to_party: 'B', announced: '2020-06-01', start: '2029-01-01', amount_usd: 5, term_years: 1 }),
      deal({ from_party: 'A', to_party: 'B', announced: '2020-06-01', amount_usd: null, term_years: 50 }),
      deal({ from_party: 'A', to_party: 'B', announced: '2020-06-01', amount_usd: 99, status: 'cancelled' }),
    ]);
    expect(rows).toEqual([
      { year: 2025, amount: 10, count: 1 },
      { year: 2026, amount: 10, count: 1 },
      { year: 2027, amount: 10, count: 1 },
      { year: 2028, amount: 0, count: 0 },
      { year: 2029, amount: 5, count: 1 },
    ]);
  });

  it('disbursement matches spreading each deal year by year, over many starts and terms', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const deals = Array.from({ length: 2000 }, (_, i) =>
      deal({
        id: i + 1, from_party: `P${i % 13}`, to_party: 'Q',
        announced: `${2010 + Math.floor(rand() * 15)}-03-01`,
        start: rand() < 0.3 ? `${2015 + Math.floor(rand() * 10)}-01-01` : null,
        amount_usd: rand() < 0.1 ? null : Math.round(rand() * 1e6) * 1e5,
        term_years: 1 + Math.floor(rand() * 50),
        status: rand() < 0.1 ? 'cancelled' : 'announced',
      }),
    );
    const naive = new Map<number, { amount: number; count: number }>();
    for (const d of deals) {
      if (d.status === 'cancelled' || d.amount_usd === null) continue;
      const from = Number((d.start ?? d.announced).slice(0, 4));
      for (let y = from; y < from + d.term_years; y++) {
        const cell = naive.get(y) ?? { amount: 0, count: 0 };
        cell.amount += d.amount_usd / d.term_years;
        cell.count++;
        naive.set(y, cell);
      }
    }
    const rows = disbursementByYear(deals);
    expect(rows.map((r) => r.year)).toEqual([...naive.keys()].sort((a, b) => a - b));
    for (const r of rows) {
      expectClose(r.amount, naive.get(r.year)!.amount, String(r.year));
      expect(r.count).toBe(naive.get(r.year)!.count);
    }
  });

  it('disbursement still spreads a term the schema would refuse (another tool wrote it) over every year', () => {
    const rows = disbursementByYear([deal({ from_party: 'A', to_party: 'B', announced: '2025-06-01', amount_usd: 51, term_years: 51 })]);
    expect(rows).toHaveLength(51);
    expect(rows.every((r) => r.amount === 1 && r.count === 1)).toBe(true);
    expect(rows[50]!.year).toBe(2075);
  });

  it('pairs count only counted rows; an undisclosed investment makes the basis unknown', () => {
    const pairs = reciprocalPairs([
      deal({ id: 1, from_party: 'A', to_party: 'B', amount_usd: 10 }),
      deal({ id: 2, from_party: 'B', to_party: 'A', kind: 'purchase', amount_usd: 5, status: 'cancelled' }),
      deal({ id: 3, from_party: 'C', to_party: 'D', amount_usd: null, credit_usd: 1 }),
      deal({ id: 4, from_party: 'd', to_party: 'c', kind: 'purchase', amount_usd: 5 }),
    ]);
    expect(pairs).toEqual([
      {
        investor: 'C', investee: 'D', invested: 0, credits: 1, bought_back: 5, round_trip_usd: 6, ratio: null, basis: 'unknown',
        undisclosed_legs: 1, unknownCredits: 0, unknownBoughtBack: 0, dealIds: [3, 4], missingIds: [3],
      },
      {
        investor: 'A', investee: 'B', invested: 10, credits: 0, bought_back: 0, round_trip_usd: 0, ratio: 0, basis: 'at_least',
        undisclosed_legs: 0, unknownCredits: 1, unknownBoughtBack: 0, dealIds: [1], missingIds: [1],
      },
    ]);
  });
});

describe('aggregates read by part (a window reads what its cards show)', () => {
  it('each part equals computeAggregates\' value, whatever is read first, under another scenario and a shown subset', () => {
    const scenario = { ...BASE_SCENARIO, name: 'Half drawn', credit_drawdown: 0.5 };
    const shown = new Set(book.deals.filter((_, i) => i % 2 === 0).map((d) => d.id));
    for (const context of [{}, { scenario }, { scenario, shown }]) {
      const whole = computeAggregates(book.deals, context);
      const parts = aggregateParts(book.deals, context);
      // The pairs first, then the rest: nothing read depends on what was read before.
      expect(parts.pairs).toEqual(whole.pairs);
      expect(parts.disbursement).toEqual(whole.disbursement);
      expect(parts.recipients).toEqual(whole.recipients);
      expect(parts.exposure).toEqual(whole.exposure);
      expect(parts.byYear).toEqual(whole.byYear);
      expect(parts.scenario).toBe(whole.scenario);
      // Kept once computed.
      expect(parts.exposure).toBe(parts.exposure);
    }
  });
});
