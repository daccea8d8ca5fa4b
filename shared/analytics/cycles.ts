import { partyKey, type Deal } from '../model/deal';
import type { AnalysisContext } from './book-view';
import { buildGraph, gatherIds, type Edge } from './cycle-graph';

/** A loop of money: parties in flow order (each pays the next, the last pays the first). */
export type Cycle = {
  parties: string[];
  /** The smallest summed edge on the loop: at most this much can travel all the way round. */
  value: number;
  /** Every deal on the loop's edges, edge by edge in flow order. */
  dealIds: number[];
  /** Per edge in flow order (parties[i] -> parties[i + 1]): how many of its deals have no amount (v2). */
  undisclosed: number[];
};

export type CycleOptions = {
  /** Shortest loop reported, at least 3 (a 2-cycle is a reciprocal pair, reported elsewhere). */
  minLength?: number;
  /** Longest loop reported, at most 5. */
  maxLength?: number;
  /** How many loops to return, highest value first; default 50. */
  limit?: number;
  /** Work budget in adjacency steps; default 2,000,000. */
  budget?: number;
  /** Scenario and parents: effective amounts, groups under roll-up; default Base. */
  context?: AnalysisContext;
};

/** `complete` is false when the budget ran out: the cycles returned are then the best found so far. */
export type CycleSearch = { cycles: Cycle[]; complete: boolean };

const DEFAULT_LIMIT = 50;
const DEFAULT_BUDGET = 2_000_000;

const clampInt = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Math.floor(n)));
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Finds the highest-value simple cycles of minLength..maxLength distinct parties, each once.
 *
 * Edges are added heaviest first. When edge u -> v arrives, every cycle it closes has it as its lightest edge,
 * so cycles are found in non-increasing value order, each exactly once (when its last edge arrives), and the
 * search stops as soon as `limit` cycles are found and the next edge is lighter. Closing paths v -> ... -> u
 * are a depth-limited DFS (at most maxLength - 1 <= 4 hops) over edges already added, pruned by marks of the
 * nodes that reach u in one or two hops. Total work is O(E log E) for the sort plus at most `budget` adjacency
 * steps (2M by default: tens of milliseconds); when the budget runs out the cycles found so far are still the
 * best among those whose lightest edge was reached, and `complete` says so.
 */
export function searchCycles(deals: readonly Deal[], opts: CycleOptions = {}): CycleSearch {
  const minLength = clampInt(opts.minLength ?? 3, 3, 5);
  const maxLength = clampInt(opts.maxLength ?? 5, minLength, 5);
  const limit = Math.max(0, Math.floor(opts.limit ?? DEFAULT_LIMIT));
  let budget = Math.max(0, opts.budget ?? DEFAULT_BUDGET);
  const graph = buildGraph(deals, opts.context);
  const { names, keys } = graph.view.parties;
  if (limit === 0) return { cycles: [], complete: true };
  // Heaviest first, sorted a chunk at a time: the search usually stops within the first tenth of the edges.
  const edges: Edge[] = [];

  const n = names.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const into: number[][] = Array.from({ length: n }, () => []);
  const edgeAt = new Map<number, number>();
  const reach1 = new Int32Array(n).fill(-1);
  const reach2 = new Int32Array(n).fill(-1);
  const onPath = new Uint8Array(n);
  const found: { nodes: number[]; edgeIds: number[] }[] = [];
  const nodes: number[] = [];
  const path: number[] = [];
  let complete = true;

  const canReach = (x: number, hops: number, stamp: number): boolean =>
    hops >= 3 || (hops === 2 ? reach2[x] === stamp : hops === 1 && reach1[x] === stamp);

  // Extends the path ending at `at`; `path` holds its edges, starting with the new edge u -> v.
  const extend = (u: number, at: number, stamp: number): void => {
    for (const e of out[at]!) {
      if (--budget < 0) return;
      const next = edges[e]!.to;
      const length = path.length + 1;
      if (next === u) {
        if (length >= minLength) found.push({ nodes: [...nodes], edgeIds: [...path, e] });
      } else if (onPath[next] || length >= maxLength) {
        continue;
      } else if (maxLength - length === 1) {
        // Only the closing edge next -> u is left: look it up instead of walking next's edges.
        if (reach1[next] === stamp && length + 1 >= minLength) {
          found.push({ nodes: [...nodes, next], edgeIds: [...path, e, edgeAt.get(next * n + u)!] });
        }
      } else if (canReach(next, maxLength - length, stamp)) {
        onPath[next] = 1;
        nodes.push(next);
        path.push(e);
        extend(u, next, stamp);
        path.pop();
        nodes.pop();
        onPath[next] = 0;
      }
    }
  };

  for (let i = 0; i < edges.length || graph.more(edges); i++) {
    const edge = edges[i]!;
    if (found.length >= limit && edge.weight < edges[found[limit - 1]!.edgeIds[0]!]!.weight) break;
    const { from: u, to: v } = edge;
    // Mark who reaches u in one hop, and in at most two (steps count against the budget too).
    for (const p of into[u]!) {
      reach1[edges[p]!.from] = i;
      reach2[edges[p]!.from] = i;
    }
    for (const p of into[u]!) {
      for (const q of into[edges[p]!.from]!) reach2[edges[q]!.from] = i;
      budget -= into[edges[p]!.from]!.length;
    }
    budget -= into[u]!.length;
    if (canReach(v, maxLength - 1, i)) {
      onPath[u] = 1;
      onPath[v] = 1;
      nodes.push(u, v);
      path.push(i);
      extend(u, v, i);
      path.pop();
      nodes.length = 0;
      onPath[u] = 0;
      onPath[v] = 0;
    }
    if (budget < 0) {
      complete = false;
      break;
    }
    out[u]!.push(i);
    into[v]!.push(i);
    edgeAt.set(u * n + v, i);
  }

  gatherIds(graph, [...new Set(found.flatMap((c) => c.edgeIds))].map((e) => edges[e]!));
  const cycles = found.map((c) => toCycle(c.nodes, c.edgeIds, edges, names, keys));
  cycles.sort((a, b) => b.value - a.value || compare(cycleKey(a), cycleKey(b)));
  return { cycles: cycles.slice(0, limit), complete };
}

/** The top cycles only; see searchCycles for the bound and for whether the search was complete. */
export function findCycles(deals: readonly Deal[], opts: CycleOptions = {}): Cycle[] {
  return searchCycles(deals, opts).cycles;
}

/** Rotates a loop to start at the party whose name sorts first, so each loop has one spelling. */
function toCycle(nodes: number[], edgeIds: number[], edges: Edge[], names: string[], keys: string[]): Cycle {
  let start = 0;
  for (let i = 1; i < nodes.length; i++) if (keys[nodes[i]!]! < keys[nodes[start]!]!) start = i;
  const order = nodes.map((_, i) => (start + i) % nodes.length);
  return {
    parties: order.map((i) => names[nodes[i]!]!),
    value: Math.min(...edgeIds.map((e) => edges[e]!.weight)),
    // edgeIds[i] leaves nodes[i], so the same rotation keeps deals in flow order.
    dealIds: order.flatMap((i) => [...edges[edgeIds[i]!]!.ids].sort((a, b) => a - b)),
    undisclosed: order.map((i) => edges[edgeIds[i]!]!.undisclosed),
  };
}

function cycleKey(c: Cycle): string {
  return c.parties.map(partyKey).join('\u0000');
}
