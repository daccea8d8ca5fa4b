import type { BookView, Grouping } from './book-view';
import { CLASS_COUNT, classWeights } from './book-view';
import { INFRASTRUCTURE, INVESTMENT, type BookColumns } from './book-columns';
import { fractionBits } from './commitment-classes';

/**
 * One side's money per (party, class of row), whatever the scenario: a row's weight depends only on its class
 * (status, up_to), and every effective value is linear in it: cash' = cash x w, credit' = credit x d x w, and the
 * rest of an investment (amount' - cash' - credit') = (amount - cash - credit) x w. Each party's cells are those of
 * the classes its rows have (`start[id]` .. `start[id + 1]`), so a scenario's exposure or money received is a sum
 * over a few cells per party instead of a pass over every row.
 */
export type SideClasses = {
  start: Int32Array;
  cls: Uint8Array;
  /** Counted rows of the cell: the party is seen under a scenario giving the class w > 0. */
  rows: Int32Array;
  cash: Float64Array;
  credit: Float64Array;
  /** Rest of the investments with an amount and both cash and credit set; of those with an amount and not both. */
  other: Float64Array;
  unsplit: Float64Array;
  infrastructure: Float64Array;
  /** Investment and infrastructure rows with no amount. */
  undisclosed: Int32Array;
  /** Sum of |amount|, |cash| and |credit|: bounds every partial sum of the party's values. */
  magnitude: Float64Array;
  /** The largest party's magnitude over all its cells: when below the limit, no party needs checking. */
  largest: number;
};

/** Both sides over the shown, non-internal rows, and which classes of shown investment rows each pair slot has. */
export type PartyClasses = {
  investors: SideClasses;
  recipients: SideClasses;
  /** Per slot of the grouping's pair index: bit `class` set when a shown investment row of that class feeds it. */
  pairClasses: Uint16Array;
  /** Every amount, cash and credit summed is a whole number. */
  whole: boolean;
};

type Side = { party: Int32Array; takes: (kind: number) => boolean };

function sideClasses(c: BookColumns, g: Grouping, shown: Uint8Array | null, parties: number, side: Side): { classes: SideClasses; whole: boolean } {
  const { kind, status, upTo, amount, cash, credit, length } = c;
  const { party, takes } = side;
  // Classes present per party (a bit each), then each party's cells at offsets counted from those bits.
  const mask = new Uint16Array(parties);
  const skip = (i: number) => (shown !== null && !shown[i]) || !takes(kind[i]!) || (g.rolled && kind[i] !== INFRASTRUCTURE && g.from[i] === g.to[i]);
  for (let i = 0; i < length; i++) if (!skip(i)) mask[party[i]!]! |= 1 << (status[i]! * 2 + upTo[i]!);
  const start = new Int32Array(parties + 1);
  for (let id = 0; id < parties; id++) start[id + 1] = start[id]! + bitCount(mask[id]!);
  const cells = start[parties]!;
  const out: SideClasses = {
    start, cls: new Uint8Array(cells), rows: new Int32Array(cells), cash: new Float64Array(cells), credit: new Float64Array(cells),
    other: new Float64Array(cells), unsplit: new Float64Array(cells), infrastructure: new Float64Array(cells),
    undisclosed: new Int32Array(cells), magnitude: new Float64Array(cells), largest: 0,
  };
  for (let id = 0; id < parties; id++) {
    let at = start[id]!;
    for (let cl = 0; cl < CLASS_COUNT; cl++) if (mask[id]! & (1 << cl)) out.cls[at++] = cl;
  }
  let whole = true;
  for (let i = 0; i < length; i++) {
    if (skip(i)) continue;
    const id = party[i]!;
    const cl = status[i]! * 2 + upTo[i]!;
    const at = start[id]! + bitCount(mask[id]! & ((1 << cl) - 1));
    out.rows[at]++;
    const a = amount[i]!;
    if (kind[i] === INFRASTRUCTURE) {
      if (a === a) {
        out.infrastructure[at] += a;
        out.magnitude[at] += Math.abs(a);
        whole &&= Number.isInteger(a);
      } else out.undisclosed[at]++;
      continue;
    }
    const ch = cash[i]!;
    const cr = credit[i]!;
    const hasC = ch === ch;
    const hasK = cr === cr;
    if (hasC) out.cash[at] += ch;
    if (hasK) out.credit[at] += cr;
    out.magnitude[at] += (hasC ? Math.abs(ch) : 0) + (hasK ? Math.abs(cr) : 0);
    whole &&= (!hasC || Number.isInteger(ch)) && (!hasK || Number.isInteger(cr));
    if (a !== a) {
      out.undisclosed[at]++;
      continue;
    }
    out.magnitude[at] += Math.abs(a);
    whole &&= Number.isInteger(a);
    const rest = a - (hasC ? ch : 0) - (hasK ? cr : 0);
    if (hasC && hasK) out.other[at] += rest;
    else out.unsplit[at] += rest;
  }
  for (let id = 0; id < parties; id++) {
    let sum = 0;
    for (let at = start[id]!; at < start[id + 1]!; at++) sum += out.magnitude[at]!;
    if (sum > out.largest) out.largest = sum;
  }
  return { classes: out, whole };
}

function bitCount(x: number): number {
  let n = 0;
  for (let y = x; y; y &= y - 1) n++;
  return n;
}

const isInvestment = (k: number) => k === INVESTMENT;
const investsOrBuilds = (k: number) => k === INVESTMENT || k === INFRASTRUCTURE;

/** The classes of the view's rows (its grouping) over `shown` (null: all), with the pair index's slots. */
export function partyClasses(view: BookView, shown: Uint8Array | null, pairOfRow: Int32Array, pairCount: number): PartyClasses {
  const c = view.columns;
  const g = view.grouping;
  const parties = g.parties.names.length;
  const investors = sideClasses(c, g, shown, parties, { party: g.from, takes: investsOrBuilds });
  const recipients = sideClasses(c, g, shown, parties, { party: g.to, takes: isInvestment });
  const pairClasses = new Uint16Array(pairCount);
  const { kind, status, upTo, length } = c;
  for (let i = 0; i < length; i++) {
    if (kind[i] !== INVESTMENT || (shown && !shown[i])) continue;
    pairClasses[pairOfRow[i]!]! |= 1 << (status[i]! * 2 + upTo[i]!);
  }
  return { investors: investors.classes, recipients: recipients.classes, pairClasses, whole: investors.whole && recipients.whole };
}

/**
 * Whether every sum made from these classes under the weights is exact in any order of its terms (see
 * commitment-classes' exactLimit): whole money, parameters with few binary digits, no party's magnitude at the
 * limit. Then the sums by class equal the row-by-row sums bit for bit; otherwise the caller sums row by row.
 */
export function classesExact(classes: PartyClasses, weights: Float64Array, drawdown: number): boolean {
  if (!classes.whole) return false;
  let bits = 0;
  for (let cl = 0; cl < CLASS_COUNT; cl++) if (weights[cl]! > 0) bits = Math.max(bits, fractionBits(weights[cl]!));
  bits += Math.max(fractionBits(1 - drawdown), fractionBits(drawdown));
  if (bits > 52) return false;
  const limit = 2 ** (52 - bits);
  for (const side of [classes.investors, classes.recipients]) {
    if (side.largest < limit) continue;
    for (let id = 0; id + 1 < side.start.length; id++) {
      let sum = 0;
      for (let at = side.start[id]!; at < side.start[id + 1]!; at++) if (weights[side.cls[at]!]! > 0) sum += side.magnitude[at]!;
      if (sum >= limit) return false;
    }
  }
  return true;
}

/** What a party's sums receive: exposureAndRecipients' PartySums. */
export type PartyTarget = {
  cash: Float64Array; credit: Float64Array; other: Float64Array; unsplit: Float64Array; infrastructure: Float64Array;
  undisclosed: Int32Array; seen: Uint8Array;
};

/** One side's sums under a scenario's weights and drawdown, from its classes (exact: see classesExact). */
export function sideSums(side: SideClasses, weights: Float64Array, drawdown: number, into: PartyTarget): void {
  const { start, cls } = side;
  for (let id = 0; id + 1 < start.length; id++) {
    for (let at = start[id]!; at < start[id + 1]!; at++) {
      const w = weights[cls[at]!]!;
      if (!(w > 0)) continue;
      into.seen[id] = 1;
      into.cash[id] += side.cash[at]! * w;
      into.credit[id] += side.credit[at]! * drawdown * w;
      into.other[id] += side.other[at]! * w;
      into.unsplit[id] += side.unsplit[at]! * w;
      into.infrastructure[id] += side.infrastructure[at]! * w;
      into.undisclosed[id] += side.undisclosed[at]!;
    }
  }
}

const kept = new WeakMap<object, WeakMap<BookColumns, Map<Int32Array, PartyClasses>>>();
const ALL = {};

/** partyClasses cached per columns, grouping and shown rows (`shownKey`: what the mask was made from; null = all). */
export function keptPartyClasses(view: BookView, shown: Uint8Array | null, shownKey: object | null, pairOfRow: Int32Array, pairCount: number): PartyClasses | null {
  if (shown && !shownKey) return partyClasses(view, shown, pairOfRow, pairCount);
  const key = shownKey ?? ALL;
  let byColumns = kept.get(key);
  if (!byColumns) kept.set(key, (byColumns = new WeakMap()));
  let byGrouping = byColumns.get(view.columns);
  if (!byGrouping) byColumns.set(view.columns, (byGrouping = new Map()));
  let found = byGrouping.get(view.grouping.from);
  if (!found) {
    // Two groupings at most (own parties, one set of groups): a third replaces them.
    if (byGrouping.size >= 2) byGrouping.clear();
    byGrouping.set(view.grouping.from, (found = partyClasses(view, shown, pairOfRow, pairCount)));
  }
  return found;
}
