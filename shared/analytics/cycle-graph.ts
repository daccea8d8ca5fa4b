import type { Deal } from '../model/deal';
import { viewBook, type AnalysisContext, type BookView, type Grouping } from './book-view';
import type { PairMap } from './party-index';

/** One direction of money between two parties (groups) under a scenario; `ids` filled in for cycles' edges only. */
export type Edge = { slot: number; from: number; to: number; weight: number; ids: number[]; undisclosed: number };

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const FIRST_CHUNK = 2048;

/** Every directed party pair some deal joins under one grouping, whatever the scenario (built once per book version). */
type EdgeIndex = { count: number; from: Int32Array; to: Int32Array; edgeOf: Int32Array };
const edgeIndexes = new WeakMap<Grouping, EdgeIndex>();

function edgeIndexOf(view: BookView): EdgeIndex {
  let found = edgeIndexes.get(view.grouping);
  if (found) return found;
  const { from, to } = view.grouping;
  const slots: PairMap<number> = [];
  const froms: number[] = [];
  const tos: number[] = [];
  const edgeOf = new Int32Array(from.length).fill(-1);
  for (let i = 0; i < from.length; i++) {
    const a = from[i]!;
    const b = to[i]!;
    if (a === b) continue;
    let inner = slots[a];
    if (!inner) slots[a] = inner = new Map();
    let e = inner.get(b);
    if (e === undefined) {
      e = froms.length;
      froms.push(a);
      tos.push(b);
      inner.set(b, e);
    }
    edgeOf[i] = e;
  }
  found = { count: froms.length, from: Int32Array.from(froms), to: Int32Array.from(tos), edgeOf };
  edgeIndexes.set(view.grouping, found);
  return found;
}

/**
 * The money-flow graph under a scenario: one edge per direction between two parties (groups under roll-up),
 * summing every counted deal's effective amount. A deal with no amount still makes its edge (weight 0 when it
 * is the only one) and is counted as undisclosed, so a loop through it shows as a loop of unknown size. Deal ids
 * are gathered later, for the edges of the cycles found only.
 */
export type Graph = {
  view: BookView;
  index: EdgeIndex;
  /** Appends the next edges in order (weight descending, then the parties' keys); false when none are left. */
  more: (edges: Edge[]) => boolean;
};

export function buildGraph(deals: readonly Deal[], context: AnalysisContext | undefined): Graph {
  const view = viewBook(deals, context);
  const index = edgeIndexOf(view);
  const weight = new Float64Array(index.count);
  const undisclosed = new Int32Array(index.count);
  const present = new Uint8Array(index.count);
  const { counted, amount } = view;
  for (let i = 0; i < amount.length; i++) {
    const e = index.edgeOf[i]!;
    if (e < 0 || !counted[i]) continue;
    const a = amount[i]!;
    if (a === a) {
      if (!(a > 0)) continue;
      weight[e] += a;
    } else undisclosed[e]++;
    present[e] = 1;
  }
  let slots = 0;
  for (let e = 0; e < index.count; e++) slots += present[e]!;
  const live = new Int32Array(slots);
  const sorted = new Float64Array(slots);
  for (let e = 0, k = 0; e < index.count; e++) if (present[e]) sorted[k] = weight[(live[k++] = e)]!;
  // Weights descending (a native numeric sort); chunk j holds the edges with weight in [bound j, bound j - 1).
  sorted.sort().reverse();
  const keys = view.parties.keys;
  const byOrder = (a: number, b: number): number =>
    weight[b]! - weight[a]! || compare(keys[index.from[a]!]!, keys[index.from[b]!]!) || compare(keys[index.to[a]!]!, keys[index.to[b]!]!);
  let upper = Infinity;
  let taken = 0;
  let size = FIRST_CHUNK;
  const more = (edges: Edge[]): boolean => {
    while (taken < slots) {
      const end = Math.min(slots, taken + size) - 1;
      size *= 2;
      // The last chunk takes everything left; the others end at a weight, so equal weights stay in one chunk.
      const lower = end === slots - 1 ? -Infinity : sorted[end]!;
      const chunk: number[] = [];
      for (const e of live) {
        const w = weight[e]!;
        if (w >= lower && w < upper) chunk.push(e);
      }
      upper = lower;
      if (!chunk.length) continue;
      taken += chunk.length;
      chunk.sort(byOrder);
      for (const e of chunk) edges.push({ slot: e, from: index.from[e]!, to: index.to[e]!, weight: weight[e]!, ids: [], undisclosed: undisclosed[e]! });
      return true;
    }
    return false;
  };
  return { view, index, more };
}

/** Fills in the deal ids of the given edges (counted deals, amount unknown or above 0), in deal order. */
export function gatherIds(graph: { view: BookView; index: EdgeIndex }, wanted: readonly Edge[]): void {
  if (!wanted.length) return;
  const { view, index } = graph;
  const bySlot = new Map(wanted.map((e) => [e.slot, e]));
  const { counted, amount } = view;
  const id = view.columns.id;
  for (let i = 0; i < amount.length; i++) {
    const e = index.edgeOf[i]!;
    if (e < 0 || !counted[i]) continue;
    const a = amount[i]!;
    if (a === a && !(a > 0)) continue;
    bySlot.get(e)?.ids.push(id[i]!);
  }
}

