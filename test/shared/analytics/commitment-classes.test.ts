import { describe, expect, it } from 'vitest';
import { commitmentsByAnnouncement, computeAggregates, type Period } from '../../../shared/analytics/aggregates';
import { bookColumns } from '../../../shared/analytics/book-columns';
import { commitmentClasses, fractionBits, kindPeriods } from '../../../shared/analytics/commitment-classes';
import { DEAL_KINDS, type Deal } from '../../../shared/model/deal';
import { BASE_SCENARIO, dealWeight, type Scenario } from '../../../shared/model/scenario';
import { seededRandom } from '../../helpers/crash-rng';
import { ANY, DYADIC, PRECISIONS, randomBook, randomScenario, type Money } from '../../helpers/random-book';

const label = (index: number, period: Period): string =>
  period === 'year' ? String(index) : period === 'quarter' ? `${Math.floor(index / 4)}-Q${(index % 4) + 1}` : `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** The spec's rule, row by row in book order: each counted row with an amount adds its effective amount to its period. */
function reference(deals: readonly Deal[], period: Period, scenario: Scenario, shown?: ReadonlySet<number>) {
  const rank = { month: 1, quarter: 2, year: 3 }[period];
  const cells = new Map<number, { byKind: number[]; total: number; count: number; approximate: number }>();
  for (const d of deals) {
    const w = dealWeight(scenario, d);
    if (!(w > 0) || d.amount_usd === null || (shown && !shown.has(d.id))) continue;
    const value = d.kind === 'investment' ? (d.amount_usd - (d.credit_usd ?? 0) * (1 - scenario.credit_drawdown)) * w : d.amount_usd * w;
    const year = Number(d.announced.slice(0, 4));
    const month = Number(d.announced.slice(5, 7)) - 1;
    const index = period === 'year' ? year : period === 'quarter' ? year * 4 + Math.floor(month / 3) : year * 12 + month;
    let cell = cells.get(index);
    if (!cell) cells.set(index, (cell = { byKind: [0, 0, 0], total: 0, count: 0, approximate: 0 }));
    cell.byKind[DEAL_KINDS.indexOf(d.kind)] += value;
    cell.total += value;
    cell.count++;
    if (PRECISIONS.indexOf(d.announced_precision ?? 'day') > rank) cell.approximate++;
  }
  if (!cells.size) return [];
  const indexes = [...cells.keys()];
  const out = [];
  let cumulative = 0;
  for (let at = Math.min(...indexes); at <= Math.max(...indexes); at++) {
    const cell = cells.get(at) ?? { byKind: [0, 0, 0], total: 0, count: 0, approximate: 0 };
    cumulative += cell.total;
    const byKey = Object.fromEntries(DEAL_KINDS.map((k, i) => [k, cell.byKind[i]!]));
    out.push({ period: label(at, period), byKey, keys: [...DEAL_KINDS], total: cell.total, cumulative, count: cell.count, approximate: cell.approximate });
  }
  return out;
}

const PERIODS: Period[] = ['month', 'quarter', 'year'];

function check(seed: number, money: Money, weights: readonly number[], years?: [number, number]): void {
  const rand = seededRandom(seed);
  const deals = randomBook(rand, 30 + Math.floor(rand() * 300), money, years);
  const scenario = randomScenario(rand, weights);
  const shown = rand() < 0.5 ? undefined : new Set(deals.filter(() => rand() < 0.6).map((d) => d.id));
  for (const period of PERIODS) {
    const context = { scenario, shown };
    // Bit for bit (toEqual tells 0 from -0 and compares every number exactly).
    expect(commitmentsByAnnouncement(deals, period, 'kind', 8, context), `seed ${seed} ${period}`).toEqual(reference(deals, period, scenario, shown));
  }
  if (!shown) expect(computeAggregates(deals, { scenario }).byYear).toEqual(reference(deals, 'year', scenario));
}

describe('commitments by kind from sums per class of row', () => {
  it('equal the row-by-row rule on random books and scenarios with parameters like 0.5 (the sums by class are used)', () => {
    for (let seed = 1; seed <= 60; seed++) check(seed, 'whole', DYADIC);
  });

  it('equal it too with any parameters, cents and sums near 2^53 (made row by row where classes would round)', () => {
    for (let seed = 100; seed <= 140; seed++) check(seed, 'whole', ANY);
    for (let seed = 200; seed <= 220; seed++) check(seed, 'cents', DYADIC);
    for (let seed = 300; seed <= 320; seed++) check(seed, 'huge', DYADIC);
  });

  it('equal it on a book spanning centuries (too many months for classes)', () => {
    for (let seed = 400; seed <= 405; seed++) check(seed, 'whole', DYADIC, [1200, 2026]);
  });

  it('are used exactly when their sums are exact', () => {
    const deals = randomBook(seededRandom(7), 200, 'whole');
    const classes = commitmentClasses(bookColumns(deals), null);
    const half: Scenario = { ...BASE_SCENARIO, credit_drawdown: 0.5, status_weight: { ...BASE_SCENARIO.status_weight, rumored: 0.25 } };
    expect(kindPeriods(classes, BASE_SCENARIO, 'quarter')).not.toBeNull();
    expect(kindPeriods(classes, half, 'month')).not.toBeNull();
    expect(kindPeriods(classes, { ...half, credit_drawdown: 0.7 }, 'month')).toBeNull();
    expect(kindPeriods(classes, { ...half, up_to_factor: 0.3 }, 'month')).toBeNull();
    expect(kindPeriods(commitmentClasses(bookColumns(randomBook(seededRandom(7), 200, 'cents')), null), BASE_SCENARIO, 'month')).toBeNull();
    expect([0, 0.5, 0.75, 1, 0.7].map(fractionBits)).toEqual([0, 1, 2, 0, Infinity]);
  });
});
