import { partyKey } from './deal';

/** A party's name and parent, as the book holds them (parent: another party's name, or null). */
export type PartyParent = { name: string; parent: string | null };

/**
 * The group (top ancestor) of every party, as a lookup by any spelling of a name. Names the list does not hold
 * are their own group. A chain that loops (only a book written by another tool can hold one) stops where it
 * would repeat, so the lookup always ends.
 */
export function groupResolver(parties: readonly PartyParent[]): (name: string) => string {
  const byKey = new Map<string, PartyParent>();
  for (const p of parties) byKey.set(partyKey(p.name), p);
  const groups = new Map<string, string>();
  return (name) => {
    const key = partyKey(name);
    let group = groups.get(key);
    if (group !== undefined) return group;
    let at = byKey.get(key);
    const seen = new Set<string>([key]);
    group = at?.name ?? name.trim();
    while (at?.parent) {
      const up = partyKey(at.parent);
      if (seen.has(up)) break;
      seen.add(up);
      const next = byKey.get(up);
      group = next?.name ?? at.parent;
      at = next;
    }
    groups.set(key, group);
    return group;
  };
}

/**
 * Why `name` may not get `parent`, or null when it may: a party cannot be its own parent, the parent must be a
 * party of the book, and the chain must not loop (the message names the loop, e.g. "AWS -> Amazon -> AWS").
 */
export function parentProblem(parties: readonly PartyParent[], name: string, parent: string | null): string | null {
  if (parent === null) return null;
  const key = partyKey(name);
  if (partyKey(parent) === key) return `${name} cannot be its own parent`;
  const byKey = new Map(parties.map((p) => [partyKey(p.name), p]));
  const top = byKey.get(partyKey(parent));
  if (!top) return `parent "${parent}" is not a party of this book`;
  const chain = [byKey.get(key)?.name ?? name, top.name];
  const seen = new Set([key]);
  for (let at: PartyParent | undefined = top; at?.parent; ) {
    const up = partyKey(at.parent);
    at = byKey.get(up);
    chain.push(at?.name ?? '?');
    if (up === key) return `parent "${top.name}" would make a loop: ${chain.join(' -> ')}`;
    if (seen.has(up)) break;
    seen.add(up);
  }
  return null;
}

/**
 * Where a child of a party merged into `into` goes: under `into`, unless the child is `into` itself or one of its
 * ancestors (the chain above `into` as it stands before the merge, up to a merged party), where hanging it under
 * `into` would make a loop: that child becomes top-level. `parentOf` reads the book's parent ids before the merge.
 */
export function mergedChildParent(
  into: number,
  parentOf: (id: number) => number | null | undefined,
  merged: ReadonlySet<number>,
): (child: number) => number | null {
  const above = new Set<number>([into]);
  for (let at = parentOf(into); at != null && !merged.has(at) && !above.has(at); at = parentOf(at)) above.add(at);
  return (child) => (above.has(child) ? null : into);
}
