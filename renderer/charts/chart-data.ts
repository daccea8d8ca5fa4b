import { DEAL_KINDS, type Deal, type DealKind } from '../../shared/model/deal';
import { type CommitmentPeriod, type Exposure } from '../../shared/analytics/aggregates';
import { disbursementOfView } from '../../shared/analytics/commitments';
import type { Cycle } from '../../shared/analytics/cycles';
import { pairKey, partyKey } from '../../shared/analytics/metrics';
import { viewBook, type AnalysisContext } from '../../shared/analytics/book-view';
import { weakerBasis } from '../../shared/analytics/pairs';

// Shapes the shared aggregates into what the charts draw. Every sum here is a sum of aggregate outputs; the only
// new walk over deals is flowEdges, which the network needs and cycles.ts keeps private.

// Code-unit order, not localeCompare: the same on every machine, so layouts and lists never differ.
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One exposure bar: an investor, or the folded rest (`members` then names every folded investor). */
export type ExposureBar = Exposure & { key: string; members: string[]; folded: boolean };

/** The top N investors by exposure (the input's order), the rest summed into one `Other (k)` bar. */
export function foldExposure(exposure: readonly Exposure[], topN: number): ExposureBar[] {
  const n = Math.max(1, Math.floor(topN));
  const bars: ExposureBar[] = exposure.slice(0, n).map((e) => ({ ...e, key: partyKey(e.investor), members: [e.investor], folded: false }));
  const rest = exposure.slice(n);
  if (!rest.length) return bars;
  const other: ExposureBar = {
    investor: `Other (${rest.length})`,
    key: '\u0000other',
    members: rest.map((e) => e.investor),
    folded: true,
    invested_cash: 0, invested_credit: 0, invested_other: 0, invested_unsplit: 0, infrastructure: 0, undisclosed: 0,
    exposure: 0, returned: 0, returned_basis: null, net: 0,
  };
  for (const e of rest) {
    other.invested_cash += e.invested_cash;
    other.invested_credit += e.invested_credit;
    other.invested_other += e.invested_other;
    other.invested_unsplit += e.invested_unsplit;
    other.undisclosed += e.undisclosed;
    if (e.returned_basis) other.returned_basis = weakerBasis(other.returned_basis, e.returned_basis);
    other.infrastructure += e.infrastructure;
    other.exposure += e.exposure;
    other.returned += e.returned;
    other.net += e.net;
  }
  return [...bars, other];
}

/**
 * The deals behind investors' exposure bars under a scenario (default Base): their counted investment and
 * infrastructure rows (not internal to a group under roll-up, where investors are groups), plus the counted
 * purchases back from the parties they invest in (the pairs' purchases, which `returned` sums).
 */
export function investorDealIds(deals: readonly Deal[], investors: readonly string[], context: AnalysisContext = {}): number[] {
  const view = viewBook(deals, context);
  const keys = view.parties.keys;
  const wanted = new Set(investors.map(partyKey));
  const ids: number[] = [];
  // Investees (by party id) of each wanted investor's counted investments.
  const investees = new Map<number, Set<number>>();
  for (let i = 0; i < deals.length; i++) {
    const d = deals[i]!;
    if (!view.counted[i] || view.internal[i] || d.kind === 'purchase') continue;
    const from = view.from[i]!;
    if (!wanted.has(keys[from]!)) continue;
    ids.push(d.id);
    if (d.kind !== 'investment') continue;
    if (!investees.has(from)) investees.set(from, new Set());
    investees.get(from)!.add(view.to[i]!);
  }
  for (let i = 0; i < deals.length; i++) {
    const d = deals[i]!;
    if (!view.counted[i] || view.internal[i] || d.kind !== 'purchase') continue;
    if (investees.get(view.to[i]!)?.has(view.from[i]!)) ids.push(d.id);
  }
  return ids.sort((x, y) => x - y);
}

/** Series keys of commitmentsByAnnouncement rows, in their legend order (not byKey's: see CommitmentPeriod). */
export function commitmentSeries(rows: readonly CommitmentPeriod[]): string[] {
  return rows.length ? [...rows[0]!.keys] : [];
}

/** A disbursement year split by kind; `total` and `count` are disbursementByYear's own. */
export type DisbursementSplit = { year: number; byKey: Record<DealKind, number>; total: number; count: number };

/** disbursementByYear over all deals, with each kind's share from disbursementByYear over that kind's deals. */
export function disbursementByKind(deals: readonly Deal[], context: AnalysisContext = {}): DisbursementSplit[] {
  const view = viewBook(deals, context);
  const years = disbursementOfView(view, null);
  // A deal's disbursement is its own (no pair, no group): each kind's is the same pass over that kind's rows.
  const perKind = DEAL_KINDS.map((_, code) => {
    const mask = view.columns.kind.map((k) => (k === code ? 1 : 0));
    return new Map(disbursementOfView(view, mask).map((y) => [y.year, y.amount]));
  });
  return years.map((y) => ({
    year: y.year,
    byKey: Object.fromEntries(DEAL_KINDS.map((kind, i) => [kind, perKind[i]!.get(y.year) ?? 0])) as Record<DealKind, number>,
    total: y.amount,
    count: y.count,
  }));
}

/**
 * One direction of money between two parties: every live deal with an amount, summed (self loops left out).
 * `key` is pairKey(from, to); fromKey / toKey are the parties' partyKeys.
 */
export type FlowEdge = { from: string; to: string; key: string; fromKey: string; toKey: string; amount: number; dealIds: number[] };

/**
 * The money-flow graph the cycle search walks, under a scenario (effective amounts; groups under roll-up), edges
 * in order of their first deal (trimNetwork ranks them). Deals with no amount are left out here: the network
 * draws sizes, and an edge of unknown size is marked on the cycles instead.
 */
export function flowEdges(deals: readonly Deal[], context: AnalysisContext = {}): FlowEdge[] {
  const view = viewBook(deals, context);
  const { keys, names } = view.parties;
  // An edge is the number from * 2^21 + to: at 100k deals, numeric Map keys are several times faster than strings.
  const edges = new Map<number, { from: number; to: number; amount: number; dealIds: number[] }>();
  const ids = view.columns.id;
  for (let i = 0; i < ids.length; i++) {
    const amount = view.amount[i]!;
    if (!view.counted[i] || !(amount > 0)) continue;
    const from = view.from[i]!;
    const to = view.to[i]!;
    if (from === to) continue;
    const id = from * 2 ** 21 + to;
    const e = edges.get(id);
    if (e) {
      e.amount += amount;
      e.dealIds.push(ids[i]!);
    } else edges.set(id, { from, to, amount, dealIds: [ids[i]!] });
  }
  const result: FlowEdge[] = [];
  for (const e of edges.values()) {
    const fromKey = keys[e.from]!;
    const toKey = keys[e.to]!;
    // The same text as pairKey(from, to), from the keys already at hand.
    result.push({ from: names[e.from]!, to: names[e.to]!, key: `${fromKey}\u0000${toKey}`, fromKey, toKey, amount: e.amount, dealIds: e.dealIds });
  }
  return result;
}

/** pairKey of every edge on the given cycles (each party pays the next, the last pays the first). */
export function cycleEdgeKeys(cycles: readonly Cycle[]): Set<string> {
  const keys = new Set<string>();
  for (const c of cycles) c.parties.forEach((p, i) => keys.add(pairKey(p, c.parties[(i + 1) % c.parties.length]!)));
  return keys;
}

/**
 * The heaviest part of the graph, so a book with thousands of parties still draws legibly: the parties with
 * the most money flowing through them, and the heaviest edges among those, heaviest first.
 */
export function trimNetwork(edges: readonly FlowEdge[], maxNodes: number, maxEdges: number): { edges: FlowEdge[]; parties: number } {
  const flow = new Map<string, number>();
  for (const e of edges) {
    flow.set(e.fromKey, (flow.get(e.fromKey) ?? 0) + e.amount);
    flow.set(e.toKey, (flow.get(e.toKey) ?? 0) + e.amount);
  }
  const ranked = [...flow.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
  const kept = new Set(ranked.slice(0, maxNodes).map(([k]) => k));
  // Sorting only the edges among the kept parties: sorting all of a 100k-deal book's edges is the slow part.
  const shown = edges
    .filter((e) => kept.has(e.fromKey) && kept.has(e.toKey))
    .sort((a, b) => b.amount - a.amount || compareText(a.key, b.key))
    .slice(0, maxEdges);
  return { edges: shown, parties: flow.size };
}

export type NetworkNode = { name: string; key: string; x: number; y: number; r: number; exposure: number };

/**
 * Parties on a circle, sized by exposure (area proportional), in an order that keeps neighbours close: a
 * breadth-first walk from the largest party along the heaviest edges, component by component. Deterministic,
 * so the picture does not jump when the rows are re-sent.
 */
export function networkLayout(
  edges: readonly FlowEdge[],
  exposure: readonly Exposure[],
  size: { width: number; height: number; minRadius: number; maxRadius: number; labelRoom?: number },
): NetworkNode[] {
  const weight = new Map(exposure.map((e) => [partyKey(e.investor), e.exposure]));
  const flow = new Map<string, number>();
  const names = new Map<string, string>();
  const adjacent = new Map<string, { key: string; amount: number }[]>();
  for (const e of edges) {
    for (const [a, b, n] of [[e.fromKey, e.toKey, e.from], [e.toKey, e.fromKey, e.to]] as const) {
      if (!names.has(a)) names.set(a, n);
      flow.set(a, (flow.get(a) ?? 0) + e.amount);
      if (!adjacent.has(a)) adjacent.set(a, []);
      adjacent.get(a)!.push({ key: b, amount: e.amount });
    }
  }
  const rank = (k: string): [number, number] => [weight.get(k) ?? 0, flow.get(k) ?? 0];
  const byRank = (a: string, b: string): number => {
    const [wa, fa] = rank(a);
    const [wb, fb] = rank(b);
    return wb - wa || fb - fa || compareText(a, b);
  };
  const pending = [...names.keys()].sort(byRank);
  const order: string[] = [];
  const placed = new Set<string>();
  for (const start of pending) {
    if (placed.has(start)) continue;
    placed.add(start);
    // `order` doubles as the queue: everything after `head` is placed but not yet expanded.
    let head = order.length;
    order.push(start);
    while (head < order.length) {
      const k = order[head++]!;
      const next = [...(adjacent.get(k) ?? [])].sort((a, b) => b.amount - a.amount || compareText(a.key, b.key));
      for (const n of next) {
        if (placed.has(n.key)) continue;
        placed.add(n.key);
        order.push(n.key);
      }
    }
  }
  const maxWeight = Math.max(0, ...order.map((k) => weight.get(k) ?? 0));
  const { width, height, minRadius, maxRadius, labelRoom = 0 } = size;
  // Labels sit outside the ring: a name's width beside it left and right, a line of text above and below.
  const ring = Math.max(10, Math.min(width / 2 - maxRadius - labelRoom, height / 2 - maxRadius - (labelRoom ? 18 : 4)));
  return order.map((key, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, order.length);
    const w = weight.get(key) ?? 0;
    const r = maxWeight > 0 ? minRadius + (maxRadius - minRadius) * Math.sqrt(w / maxWeight) : minRadius;
    return { name: names.get(key)!, key, x: width / 2 + ring * Math.cos(angle), y: height / 2 + ring * Math.sin(angle), r, exposure: w };
  });
}

/** Whole dollars with separators, for tooltips that promise the exact value: `$763,000,000,000`. */
export function formatUsdExact(n: number): string {
  if (!Number.isFinite(n)) return '';
  const rounded = Math.round(n);
  const text = Math.abs(rounded).toLocaleString('en-US');
  return rounded < 0 ? `-$${text}` : `$${text}`;
}

/**
 * Ticks for a money axis from 0 with a little headroom: the smallest round step (1, 2 or 5 x 10^k) that covers
 * the data in at most `maxIntervals` steps, so an axis reads `$0 $100B ... $500B` rather than `$424B`. No 2.5
 * steps: formatMoneyAxis keeps one decimal, so 1.25T would read `$1.3T`.
 */
export function niceTicks(max: number, maxIntervals = 6): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const target = max * 1.04;
  let magnitude = 10 ** Math.floor(Math.log10(target / maxIntervals));
  for (;;) {
    for (const m of [1, 2, 5]) {
      const step = m * magnitude;
      const intervals = Math.ceil(target / step - 1e-9);
      // toPrecision drops float dust (3 x 0.2 = 0.6000000000000001) so ticks are the round numbers they print as.
      if (intervals <= maxIntervals) return Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toPrecision(12)));
    }
    magnitude *= 10;
  }
}
