import { partyKey } from '../model/deal';

/**
 * Dense numeric ids for parties, matching by partyKey, named by the first spelling seen. Each distinct
 * spelling is normalised once, so whole-book passes cost one Map lookup per party name. With `alias` (a group
 * resolver under roll-up) every name gets the id of the name it aliases.
 */
export type PartyIndex = { id: (name: string) => number; names: string[]; keys: string[] };

export function partyIndex(alias?: (name: string) => string): PartyIndex {
  const bySpelling = new Map<string, number>();
  const byKey = new Map<string, number>();
  const names: string[] = [];
  const keys: string[] = [];
  const id = (name: string): number => {
    let found = bySpelling.get(name);
    if (found !== undefined) return found;
    const shown = alias ? alias(name) : name;
    const key = partyKey(shown);
    found = byKey.get(key);
    if (found === undefined) {
      found = keys.length;
      byKey.set(key, found);
      keys.push(key);
      names.push(shown.trim());
    }
    bySpelling.set(name, found);
    return found;
  };
  return { id, names, keys };
}

/** Values per (from id, to id): one small Map per from party, cheaper in V8 than composite keys. */
export type PairMap<T> = Map<number, T>[];

export function pairEntry<T>(map: PairMap<T>, from: number, to: number, make: (from: number, to: number) => T): T {
  let inner = map[from];
  if (!inner) {
    inner = new Map();
    map[from] = inner;
  }
  let value = inner.get(to);
  if (value === undefined) {
    value = make(from, to);
    inner.set(to, value);
  }
  return value;
}

export function pairValues<T>(map: PairMap<T>): T[] {
  const values: T[] = [];
  for (const inner of map) if (inner) for (const v of inner.values()) values.push(v);
  return values;
}

/** Parties in case-insensitive name order (ids ascending among equal lower-case names), and each one's rank in it. */
export type NameOrder = {
  /** Ids by lower-case name, then id. */
  order: Int32Array;
  /** Place of each id's lower-case name among the distinct ones (equal names share it). */
  rank: Int32Array;
};

/**
 * A value made from a list of strings, cached per list, and carried over to a new list holding the same strings
 * in the same order: each rows version builds a new party index, and after an edit it nearly always names the
 * same parties (comparing 12k strings costs far less than sorting them again).
 */
function perList<T>(make: (list: readonly string[]) => T): (list: readonly string[]) => T {
  const made = new WeakMap<readonly string[], { length: number; value: T }>();
  let last: { list: WeakRef<readonly string[]>; length: number; value: T } | null = null;
  return (list) => {
    const found = made.get(list);
    // A list that has grown since (an index still being filled) is made again.
    if (found && found.length === list.length) return found.value;
    const before = last?.list.deref();
    const value = before && last!.length === list.length && before.length === list.length && sameStrings(before, list) ? last!.value : make(list);
    made.set(list, { length: list.length, value });
    last = { list: new WeakRef(list), length: list.length, value };
    return value;
  };
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const nameOrderOf = perList((names): NameOrder => {
  const lower = names.map((name) => name.toLowerCase());
  // A stable sort: equal names keep their ids' order.
  const order = Int32Array.from(lower.map((_, id) => id).sort((a, b) => (lower[a]! < lower[b]! ? -1 : lower[a]! > lower[b]! ? 1 : 0)));
  const rank = new Int32Array(names.length);
  let r = 0;
  for (let k = 0; k < order.length; k++) {
    if (k > 0 && lower[order[k]!] !== lower[order[k - 1]!]) r++;
    rank[order[k]!] = r;
  }
  return { order, rank };
});

/**
 * The tie order of the exposure and recipient tables, made once per party list instead of two toLowerCase per
 * compare.
 */
export function nameOrder(parties: PartyIndex): NameOrder {
  return nameOrderOf(parties.names);
}

const keyRankOf = perList((keys) => {
  const byKey = keys.map((_, id) => id).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  const rank = new Int32Array(keys.length);
  byKey.forEach((id, r) => (rank[id] = r));
  return rank;
});

/** Each party's place in partyKey order (keys are distinct: one id per key). */
export function keyRank(parties: PartyIndex): Int32Array {
  return keyRankOf(parties.keys);
}
