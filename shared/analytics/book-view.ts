import type { Deal } from '../model/deal';
import { bookColumns, INFRASTRUCTURE, INVESTMENT, type BookColumns } from './book-columns';
import { groupResolver, type PartyParent } from '../model/parties';
import { BASE_SCENARIO, dealWeight, type Scenario } from '../model/scenario';
import { partyIndex, type PartyIndex } from './party-index';
import { DEAL_STATUSES } from '../model/deal';

/** What the analytics run under: a scenario (default Base's defaults) and the parties' parents (for roll-up). */
export type AnalysisContext = {
  scenario?: Scenario;
  /** Needed only when the scenario rolls up; names not listed are their own group. */
  parties?: readonly PartyParent[];
};

/**
 * The book as a scenario sees it, one slot per deal in typed arrays (an object per deal is most of the cost of
 * a whole-book pass): party ids (groups under roll-up), whether the deal counts, whether it is internal to a
 * group, and its effective amount, cash and credit (NaN = empty, never 0). `columns` holds what no scenario
 * changes (kind, dates, raw money), shared by every view of the same deals array.
 */
export type BookView = {
  /** The deals, one per slot; empty in a view made from columns alone (viewOfColumns for the export's reader). */
  deals: readonly Deal[];
  columns: BookColumns;
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
  /** Identity of the party mapping (plain ids, or one set of parents' groups): caches keyed on it stay valid across scenarios. */
  grouping: Grouping;
};

/** Party ids as a scenario sees them: the columns' own, or each party's group under roll-up. */
export type Grouping = { parties: PartyIndex; from: Int32Array; to: Int32Array; rolled: boolean };

type ViewCache = { plain: Grouping; groups: Map<string, Grouping>; views: Map<string, BookView> };
const caches = new WeakMap<BookColumns, ViewCache>();
// A window flips between a few scenarios (and compares two): keep that many views per book version.
const MAX_VIEWS = 6;

function cacheOf(c: BookColumns): ViewCache {
  let found = caches.get(c);
  if (!found) {
    found = { plain: { parties: c.parties, from: c.from, to: c.to, rolled: false }, groups: new Map(), views: new Map() };
    caches.set(c, found);
  }
  return found;
}

// NUL and SOH cannot occur in a party name, so the key never confuses two lists.
const parentsKey = (parties: readonly PartyParent[]): string => parties.map((p) => `${p.name}\u0001${p.parent ?? ''}`).join('\u0000');

/**
 * Group ids: each party's group named and numbered as a pass over the deals in order would (ids in order of first
 * appearance, from before to), computed over the few thousand parties rather than per deal.
 */
function grouping(c: BookColumns, parties: readonly PartyParent[]): Grouping {
  const cache = cacheOf(c);
  const key = parentsKey(parties);
  let g = cache.groups.get(key);
  if (g) return g;
  const resolve = groupResolver(parties);
  const groups = partyIndex((name) => resolve(name));
  const groupOf = new Int32Array(c.parties.names.length);
  for (let id = 0; id < groupOf.length; id++) groupOf[id] = groups.id(c.parties.names[id]!);
  const from = new Int32Array(c.length);
  const to = new Int32Array(c.length);
  for (let i = 0; i < c.length; i++) {
    from[i] = groupOf[c.from[i]!]!;
    to[i] = groupOf[c.to[i]!]!;
  }
  g = { parties: groups, from, to, rolled: true };
  if (cache.groups.size >= 2) cache.groups.clear();
  cache.groups.set(key, g);
  return g;
}

function scenarioKey(s: Scenario, parties: string): string {
  return `${DEAL_STATUSES.map((k) => s.status_weight[k]).join(',')}|${s.up_to_factor}|${s.credit_drawdown}|${s.roll_up ? parties : ''}`;
}

/** Effective values (spec "Scenarios"): `amount x w` for purchases and infrastructure; investments lose undrawn credits. */
export function viewBook(deals: readonly Deal[], context: AnalysisContext = {}): BookView {
  return viewOfColumns(bookColumns(deals), deals, context);
}

/** viewBook of deals whose columns are `c`: `deals` may be empty when only the columns were made (the export's reader). */
export function viewOfColumns(c: BookColumns, deals: readonly Deal[], context: AnalysisContext = {}): BookView {
  const scenario = context.scenario ?? BASE_SCENARIO;
  const cache = cacheOf(c);
  const g = scenario.roll_up ? grouping(c, context.parties ?? []) : cache.plain;
  const key = scenarioKey(scenario, scenario.roll_up ? parentsKey(context.parties ?? []) : '');
  const found = cache.views.get(key);
  // Same numbers under another name: the view says which scenario it is for.
  if (found) return found.scenario === scenario ? found : { ...found, scenario, deals };
  const view = computeView(deals, c, g, scenario);
  if (cache.views.size >= MAX_VIEWS) cache.views.delete(cache.views.keys().next().value!);
  cache.views.set(key, view);
  return view;
}

function computeView(deals: readonly Deal[], c: BookColumns, g: Grouping, scenario: Scenario): BookView {
  const n = c.length;
  const view: BookView = {
    deals,
    columns: c,
    scenario,
    parties: g.parties,
    from: g.from,
    to: g.to,
    counted: new Uint8Array(n),
    internal: new Uint8Array(n),
    amount: new Float64Array(n),
    cash: new Float64Array(n),
    credit: new Float64Array(n),
    grouping: g,
  };
  // The weight per (status, up_to) pair, looked up by code: dealWeight's own rule, once per combination.
  const weights = new Float64Array((DEAL_STATUSES.length + 1) * 2);
  DEAL_STATUSES.forEach((status, s) => {
    weights[s * 2] = dealWeight(scenario, { status, amount_basis: 'firm' });
    weights[s * 2 + 1] = dealWeight(scenario, { status, amount_basis: 'up_to' });
  });
  const drawdown = scenario.credit_drawdown;
  const { kind, status, upTo, amount, cash, credit } = c;
  const { counted, internal } = view;
  const rolled = g.rolled;
  for (let i = 0; i < n; i++) {
    const w = weights[status[i]! * 2 + upTo[i]!]!;
    if (!(w > 0)) {
      view.amount[i] = view.cash[i] = view.credit[i] = NaN;
      continue;
    }
    counted[i] = 1;
    const k = kind[i]!;
    if (rolled && k !== INFRASTRUCTURE && g.from[i] === g.to[i]) internal[i] = 1;
    // NaN (empty) stays NaN through every product below, as null stayed empty.
    if (k === INVESTMENT) {
      const cr = credit[i]!;
      view.amount[i] = (amount[i]! - (cr === cr ? cr : 0) * (1 - drawdown)) * w;
      view.cash[i] = cash[i]! * w;
      view.credit[i] = cr * drawdown * w;
    } else {
      view.amount[i] = amount[i]! * w;
      view.cash[i] = cash[i]! * w;
      view.credit[i] = credit[i]! * w;
    }
  }
  return view;
}

/** Whether a counted investment row leaves money unpriced: amount set, credit empty, cash empty or below amount. */
export function isUnpriced(d: Pick<Deal, 'amount_usd' | 'cash_usd' | 'credit_usd'>): boolean {
  return d.amount_usd !== null && d.credit_usd === null && (d.cash_usd === null || d.cash_usd < d.amount_usd);
}
