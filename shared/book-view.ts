import type { Deal } from './deal';
import { groupResolver, type PartyParent } from './parties';
import { BASE_SCENARIO, dealWeight, type Scenario } from './scenario';
import { partyIndex, type PartyIndex } from './party-index';

/** What the analytics run under: a scenario (default Base's defaults) and the parties' parents (for roll-up). */
export type AnalysisContext = {
  scenario?: Scenario;
  /** Needed only when the scenario rolls up; names not listed are their own group. */
  parties?: readonly PartyParent[];
};

/**
 * The book as a scenario sees it, one slot per deal in typed arrays (an object per deal is most of the cost of
 * a whole-book pass): party ids (groups under roll-up), whether the deal counts, whether it is internal to a
 * group, and its effective amount, cash and credit (NaN = empty, never 0).
 */
export type BookView = {
  deals: readonly Deal[];
  scenario: Scenario;
  parties: PartyIndex;
  from: Int32Array;
  to: Int32Array;
  /** 1 when the deal's weight w > 0. */
  counted: Uint8Array;
  /** 1 for an investment or purchase inside one group under roll-up: it counts in no pair, exposure or recipient. */
  internal: Uint8Array;
  amount: Float64Array;
  cash: Float64Array;
  credit: Float64Array;
};

/** Effective values (spec "Scenarios"): `amount x w` for purchases and infrastructure; investments lose undrawn credits. */
export function viewBook(deals: readonly Deal[], context: AnalysisContext = {}): BookView {
  const scenario = context.scenario ?? BASE_SCENARIO;
  const group = scenario.roll_up ? groupResolver(context.parties ?? []) : null;
  const parties = partyIndex(group ?? undefined);
  const n = deals.length;
  const view: BookView = {
    deals,
    scenario,
    parties,
    from: new Int32Array(n),
    to: new Int32Array(n),
    counted: new Uint8Array(n),
    internal: new Uint8Array(n),
    amount: new Float64Array(n),
    cash: new Float64Array(n),
    credit: new Float64Array(n),
  };
  const drawdown = scenario.credit_drawdown;
  for (let i = 0; i < n; i++) {
    const d = deals[i]!;
    const a = (view.from[i] = parties.id(d.from_party));
    const b = (view.to[i] = parties.id(d.to_party));
    const w = dealWeight(scenario, d);
    if (!(w > 0)) {
      view.amount[i] = view.cash[i] = view.credit[i] = NaN;
      continue;
    }
    view.counted[i] = 1;
    if (group && a === b && d.kind !== 'infrastructure') view.internal[i] = 1;
    if (d.kind === 'investment') {
      const credit = d.credit_usd;
      view.amount[i] = d.amount_usd === null ? NaN : (d.amount_usd - (credit ?? 0) * (1 - drawdown)) * w;
      view.cash[i] = d.cash_usd === null ? NaN : d.cash_usd * w;
      view.credit[i] = credit === null ? NaN : credit * drawdown * w;
    } else {
      view.amount[i] = d.amount_usd === null ? NaN : d.amount_usd * w;
      view.cash[i] = d.cash_usd === null ? NaN : d.cash_usd * w;
      view.credit[i] = d.credit_usd === null ? NaN : d.credit_usd * w;
    }
  }
  return view;
}

/** Whether a counted investment row leaves money unpriced: amount set, credit empty, cash empty or below amount. */
export function isUnpriced(d: Pick<Deal, 'amount_usd' | 'cash_usd' | 'credit_usd'>): boolean {
  return d.amount_usd !== null && d.credit_usd === null && (d.cash_usd === null || d.cash_usd < d.amount_usd);
}
