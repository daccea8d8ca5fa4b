import { partyKey } from '../../shared/model/deal';

/** A party as `dealbook check` reads it from either store (parent_id and name_key: null in a book before schema 4). */
export type CheckedParty = { id: number; name: string; parent_id: number | null; name_key: string | null };

/**
 * The spec's invariants of a book beyond what its database enforces, worded for `dealbook check` (one line each,
 * empty when the book holds them), the same on a file book and a team book: every deal's parties exist, no
 * party's parent chain loops (a loop can only come from another tool's writes: the app refuses one), and the
 * derived name keys agree with the names (the one rule that matches party names).
 */
export function invariantProblems(parties: readonly CheckedParty[], dealsWithoutParty: number, hasKeys: boolean): string[] {
  const problems: string[] = [];
  if (dealsWithoutParty) problems.push(`${dealsWithoutParty} deal(s) name a party that does not exist`);
  const byId = new Map(parties.map((p) => [p.id, p]));
  const missing = parties.filter((p) => p.parent_id !== null && !byId.has(p.parent_id));
  if (missing.length) problems.push(`${missing.length} part${missing.length === 1 ? 'y has' : 'ies have'} a parent that does not exist (first: "${missing[0]!.name}")`);
  for (const loop of parentLoops(parties, byId)) problems.push(`parent loop: ${loop}`);
  if (hasKeys) {
    const stale = parties.filter((p) => p.name_key !== partyKey(p.name));
    if (stale.length) problems.push(`${stale.length} party name key${stale.length === 1 ? ' does' : 's do'} not match the name (first: "${stale[0]!.name}")`);
  }
  return problems;
}

/** Each loop once, as names from its lowest id around and back: "AWS -> Amazon -> AWS". */
function parentLoops(parties: readonly CheckedParty[], byId: Map<number, CheckedParty>): string[] {
  const loops: string[] = [];
  const done = new Set<number>();
  for (const start of parties) {
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let at: CheckedParty | undefined = start;
    while (at && !done.has(at.id) && !onPath.has(at.id)) {
      onPath.set(at.id, path.length);
      path.push(at.id);
      at = at.parent_id === null ? undefined : byId.get(at.parent_id);
    }
    if (at && onPath.has(at.id)) {
      const cycle = path.slice(onPath.get(at.id)!);
      const low = cycle.indexOf(Math.min(...cycle));
      const ordered = [...cycle.slice(low), ...cycle.slice(0, low)];
      loops.push([...ordered, ordered[0]!].map((id) => byId.get(id)!.name).join(' -> '));
    }
    for (const id of path) done.add(id);
  }
  return loops;
}
