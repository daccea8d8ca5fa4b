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
