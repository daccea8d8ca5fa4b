import { DEAL_KINDS, DEAL_STATUSES, type Deal } from '../../shared/model/deal';
import type { PartyParent } from '../../shared/model/parties';
import type { Scenario } from '../../shared/model/scenario';
import { loadBasicBook } from './book-fixture';

const template = loadBasicBook().deals[0]!;
export const PRECISIONS = ['day', 'month', 'quarter', 'year'] as const;
const NAMES = Array.from({ length: 10 }, (_, i) => `Fund ${i}`);

/** How money is written: whole dollars, with cents, or so large that sums pass 2^53. */
export type Money = 'whole' | 'cents' | 'huge';

/**
 * A random book for comparing the analytics with the rules row by row: every kind, status, basis and precision,
 * empty amounts and splits, ten parties (so pairs repeat and roll-up makes internal rows), over a few years.
 */
export function randomBook(rand: () => number, n: number, money: Money, years: [number, number] = [2019, 2026]): Deal[] {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const value = (): number => {
    const x = Math.round(rand() * 1000) * pick([1e6, 1e7, 1e9]);
    return money === 'cents' ? x + Math.round(rand() * 100) / 100 : money === 'huge' ? x * 4e5 : x;
  };
  return Array.from({ length: n }, (_, i) => {
    const amount = rand() < 0.15 ? null : value();
    const year = years[0] + Math.floor(rand() * (years[1] - years[0] + 1));
    const from = pick(NAMES);
    let to = pick(NAMES);
    while (to === from) to = pick(NAMES);
    return {
      ...template,
      id: i + 1,
      announced: `${String(year).padStart(4, '0')}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-15`,
      announced_precision: pick(PRECISIONS),
      from_party: from,
      to_party: to,
      kind: pick(DEAL_KINDS),
      status: pick(DEAL_STATUSES),
      amount_basis: rand() < 0.3 ? 'up_to' : 'firm',
      amount_usd: amount,
      cash_usd: amount !== null && rand() < 0.5 ? Math.round(amount * 0.3) : rand() < 0.1 ? value() : null,
      credit_usd: rand() < 0.5 ? (amount === null ? value() : Math.round(amount * rand() * 0.5)) : null,
    } satisfies Deal;
  });
}

/** Parents for the book's parties: a few groups, so roll-up merges some parties and makes rows internal. */
export function randomParents(rand: () => number): PartyParent[] {
  return NAMES.map((name) => ({ name, parent: rand() < 0.5 ? `Group ${Math.floor(rand() * 3)}` : null }));
}

export function randomScenario(rand: () => number, weights: readonly number[]): Scenario {
  const pick = () => weights[Math.floor(rand() * weights.length)]!;
  return {
    name: 'Random',
    status_weight: { rumored: pick(), announced: pick(), signed: pick(), closed: pick(), cancelled: pick() },
    up_to_factor: pick(),
    credit_drawdown: pick(),
    roll_up: rand() < 0.5,
  };
}

/** Parameters with few binary digits (sums by class of row are exact), and ones like 0.7 (each row's value rounds). */
export const DYADIC = [0, 0.25, 0.5, 0.75, 1];
export const ANY = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1];
