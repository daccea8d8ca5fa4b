import { crossFieldIssues, PARTY_KINDS, type PartyKind } from '../../shared/model/deal';
import { mergedChildParent, parentProblem } from '../../shared/model/parties';
import { parseField } from '../../shared/model/fields';
import { AppFailure, type CellProblem } from '../../shared/protocol/result';
import type { Repos } from './repos';
import type { Writer } from './writer';

/** A party name as a cell would store it (trimmed, inner spaces collapsed, 1-120 characters); both stores. */
export function partyName(raw: string): string {
  const parsed = parseField('from_party', raw);
  if (!parsed.ok) {
    throw new AppFailure({ code: 'validation', message: `Party name ${parsed.message}`, details: [{ field: 'name', value: raw.slice(0, 200), message: parsed.message }] });
  }
  return parsed.value;
}

function needParty(repos: Repos, name: string) {
  const party = repos.parties.findByName(name);
  if (!party) throw new AppFailure({ code: 'not_found', message: `No party named "${name}"` });
  return party;
}

/** Rename a party everywhere; a name another party already has is a merge, not a rename. */
export function renameParty(repos: Repos, w: Writer, input: { name: string; to: string }): void {
  const party = needParty(repos, input.name);
  const to = partyName(input.to);
  const other = repos.parties.findByName(to);
  if (other && other.id !== party.id) {
    throw new AppFailure({ code: 'conflict', message: `"${other.name}" already exists: merge the parties instead of renaming` });
  }
  w.setPartyField(party.id, 'name', party.name, to);
}

export function setPartyKind(repos: Repos, w: Writer, input: { name: string; kind: PartyKind }): void {
  const party = needParty(repos, input.name);
  w.setPartyField(party.id, 'kind', party.kind, input.kind);
}

/** Set or clear a party's parent (v2); a self-parent or a loop is refused with a message naming it. */
export function setPartyParent(repos: Repos, w: Writer, input: { name: string; parent: string | null }): void {
  const party = needParty(repos, input.name);
  const parent = input.parent === null || input.parent.trim() === '' ? null : needParty(repos, input.parent);
  const problem = parentProblem(repos.parties.parents(), party.name, parent?.name ?? null);
  if (problem) throw new AppFailure({ code: 'validation', message: `Parent of ${party.name} rejected: ${problem}`, details: [{ field: 'parent', value: input.parent ?? '', message: problem }] });
  w.setPartyParent(party.id, party.parent_id ?? null, parent?.id ?? null);
}

export type PartyRow = { line?: number | undefined; name: string; kind?: string | undefined; parent?: string | null | undefined };

/** The rows of a parties import with their names and kinds checked (both stores): any problem rejects them all. */
export function namedPartyRows(rows: readonly PartyRow[]): NamedPartyRow[] {
  const problems: CellProblem[] = [];
  const named: NamedPartyRow[] = [];
  for (const row of rows) {
    const line = row.line ?? 0;
    const parsed = parseField('from_party', row.name);
    if (!parsed.ok) {
      problems.push({ line, field: 'name', value: row.name.slice(0, 200), message: parsed.message });
      continue;
    }
    const kind = row.kind?.trim().toLowerCase();
    if (kind && !(PARTY_KINDS as readonly string[]).includes(kind)) {
      problems.push({ line, field: 'kind', value: row.kind!.slice(0, 100), message: `must be one of ${PARTY_KINDS.join(', ')}` });
      continue;
    }
    named.push({ row, name: parsed.value, kind: (kind || undefined) as PartyKind | undefined });
  }
  rejectParties(problems);
  return named;
}

export type NamedPartyRow = { row: PartyRow; name: string; kind: PartyKind | undefined };

/**
 * Kind and parent of many parties at once (`dealbook parties --import`): missing parties (and parents) are created,
 * every problem is collected with its line, and any problem leaves the book as it was (the caller's transaction).
 */
export function importParties(repos: Repos, w: Writer, rows: readonly PartyRow[]): void {
  const named = namedPartyRows(rows);
  const problems: CellProblem[] = [];
  for (const { name, kind } of named) {
    const id = w.resolveParty(name, kind ?? 'other');
    const party = repos.parties.get(id)!;
    if (kind) w.setPartyField(id, 'kind', party.kind, kind);
  }
  for (const { row, name } of named) {
    if (row.parent === undefined) continue;
    const line = row.line ?? 0;
    const party = repos.parties.findByName(name)!;
    const parentName = row.parent === null || row.parent.trim() === '' ? null : partyName(row.parent);
    const parentId = parentName === null ? null : w.resolveParty(parentName);
    const problem = parentProblem(repos.parties.parents(), party.name, parentId === null ? null : repos.parties.get(parentId)!.name);
    if (problem) problems.push({ line, field: 'parent', value: row.parent ?? '', message: problem });
    else w.setPartyParent(party.id, party.parent_id ?? null, parentId);
  }
  rejectParties(problems);
}

/** Refuse a parties import with every problem, naming the first one's line (both stores). */
export function rejectParties(problems: CellProblem[]): void {
  if (!problems.length) return;
  const first = problems[0]!;
  const summary = problems.length === 1 ? `line ${first.line}, ${first.field}: ${first.message}` : `${problems.length} rows are invalid`;
  throw new AppFailure({ code: 'validation', message: `Parties import rejected: ${summary}; nothing was changed`, details: problems });
}

/**
 * Merge parties into one: every deal naming them is re-pointed (creating `into` if it is new) and the
 * merged parties removed. A deal that would then go from a party to itself (not infrastructure) blocks it.
 */
export function mergeParties(repos: Repos, w: Writer, input: { names: string[]; into: string }): void {
  const intoId = w.resolveParty(partyName(input.into));
  const into = repos.parties.get(intoId)!;
  const sources = input.names.map((n) => needParty(repos, n)).filter((p) => p.id !== intoId);
  const problems: CellProblem[] = [];
  const moved = new Set<number>();
  for (const source of sources) {
    for (const id of repos.deals.idsByParty(source.id)) moved.add(id);
  }
  const sourceIds = new Set(sources.map((s) => s.id));
  for (const id of moved) {
    const deal = repos.deals.get(id)!;
    const next = {
      ...deal,
      from_party: sourceIds.has(repos.deals.getStored(id)!.from_party_id) ? into.name : deal.from_party,
      to_party: sourceIds.has(repos.deals.getStored(id)!.to_party_id) ? into.name : deal.to_party,
    };
    for (const issue of crossFieldIssues(next)) problems.push({ row: id, field: issue.field, message: issue.message });
    if (!problems.length) w.updateDeal(id, next);
  }
  if (problems.length) {
    throw new AppFailure({ code: 'validation', message: `Merge rejected: ${problems.length} deal(s) would go from ${into.name} to itself`, details: problems });
  }
  // Children of a merged party now hang under `into`; one that is `into` or above it becomes top-level (no loop).
  const parentOf = mergedChildParent(intoId, (id) => repos.parties.get(id)?.parent_id, sourceIds);
  for (const source of sources) {
    for (const child of repos.parties.childrenOf(source.id)) w.setPartyParent(child, source.id, parentOf(child));
  }
  for (const source of sources) w.deleteParty(source.id);
}
