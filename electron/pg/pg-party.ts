import { crossFieldIssues, type PartyKind } from '../../shared/model/deal';
import { mergedChildParent, parentProblem } from '../../shared/model/parties';
import { namedPartyRows, partyName, rejectParties, type PartyRow } from '../service/party-service';
import { AppFailure, type CellProblem } from '../../shared/protocol/result';
import type { PgRepos } from './pg-repos';
import type { PgWriter } from './pg-writer';

// The party edits of electron/service/party-service.ts, on a team book: same rules, same messages.

async function needParty(repos: PgRepos, name: string) {
  const party = await repos.parties.findByName(name);
  if (!party) throw new AppFailure({ code: 'not_found', message: `No party named "${name}"` });
  return party;
}

export async function renamePgParty(repos: PgRepos, w: PgWriter, input: { name: string; to: string }): Promise<void> {
  const party = await needParty(repos, input.name);
  const to = partyName(input.to);
  const other = await repos.parties.findByName(to);
  if (other && other.id !== party.id) {
    throw new AppFailure({ code: 'conflict', message: `"${other.name}" already exists: merge the parties instead of renaming` });
  }
  await w.setPartyField(party.id, 'name', party.name, to);
}

export async function setPgPartyKind(repos: PgRepos, w: PgWriter, input: { name: string; kind: PartyKind }): Promise<void> {
  const party = await needParty(repos, input.name);
  await w.setPartyField(party.id, 'kind', party.kind, input.kind);
}

export async function mergePgParties(repos: PgRepos, w: PgWriter, input: { names: string[]; into: string }): Promise<void> {
  const intoId = await w.resolveParty(partyName(input.into));
  const into = (await repos.parties.get(intoId))!;
  const sources = [];
  for (const n of input.names) {
    const p = await needParty(repos, n);
    if (p.id !== intoId) sources.push(p);
  }
  const problems: CellProblem[] = [];
  const moved = new Set<number>();
  for (const source of sources) for (const id of await repos.deals.idsByParty(source.id)) moved.add(id);
  const sourceIds = new Set(sources.map((s) => s.id));
  for (const id of [...moved].sort((a, b) => a - b)) {
    const deal = (await repos.deals.get(id))!;
    const stored = (await repos.deals.getStored(id))!;
    const { id: _id, ...values } = deal;
    const next = {
      ...values,
      from_party: sourceIds.has(stored.from_party_id) ? into.name : deal.from_party,
      to_party: sourceIds.has(stored.to_party_id) ? into.name : deal.to_party,
    };
    for (const issue of crossFieldIssues(next)) problems.push({ row: id, field: issue.field, message: issue.message });
    if (!problems.length) await w.updateDeal(id, next, stored);
  }
  if (problems.length) {
    throw new AppFailure({ code: 'validation', message: `Merge rejected: ${problems.length} deal(s) would go from ${into.name} to itself`, details: problems });
  }
  // Children of a merged party now hang under `into`; one that is `into` or above it becomes top-level (no loop).
  const chain = new Map<number, number | null>();
  for (let at: number | null = intoId; at !== null && !chain.has(at); ) {
    const parent: number | null = (await repos.parties.get(at))?.parent_id ?? null;
    chain.set(at, parent);
    at = parent;
  }
  const parentOf = mergedChildParent(intoId, (id) => chain.get(id), new Set(sources.map((s) => s.id)));
  for (const source of sources) {
    for (const child of await repos.parties.childrenOf(source.id)) await w.setPartyParent(child, source.id, parentOf(child));
  }
  for (const source of sources) await w.deleteParty(source.id);
}

/** Set or clear a party's parent (v2); a self-parent or a loop is refused with a message naming it. */
export async function setPgPartyParent(repos: PgRepos, w: PgWriter, input: { name: string; parent: string | null }): Promise<void> {
  const party = await needParty(repos, input.name);
  const parent = input.parent === null || input.parent.trim() === '' ? null : await needParty(repos, input.parent);
  const problem = parentProblem(await repos.parties.parents(), party.name, parent?.name ?? null);
  if (problem) throw new AppFailure({ code: 'validation', message: `Parent of ${party.name} rejected: ${problem}`, details: [{ field: 'parent', value: input.parent ?? '', message: problem }] });
  await w.setPartyParent(party.id, party.parent_id ?? null, parent?.id ?? null);
}

/** `dealbook parties --import` on a team book: electron/service/party-service.ts's importParties, same rules and messages. */
export async function importPgParties(repos: PgRepos, w: PgWriter, rows: readonly PartyRow[]): Promise<void> {
  const named = namedPartyRows(rows);
  const problems: CellProblem[] = [];
  for (const { name, kind } of named) {
    const id = await w.resolveParty(name, kind ?? 'other');
    const party = (await repos.parties.get(id))!;
    if (kind) await w.setPartyField(id, 'kind', party.kind, kind);
  }
  for (const { row, name } of named) {
    if (row.parent === undefined) continue;
    const line = row.line ?? 0;
    const party = (await repos.parties.findByName(name))!;
    const parentName = row.parent === null || row.parent.trim() === '' ? null : partyName(row.parent);
    const parentId = parentName === null ? null : await w.resolveParty(parentName);
    const problem = parentProblem(await repos.parties.parents(), party.name, parentId === null ? null : (await repos.parties.get(parentId))!.name);
    if (problem) problems.push({ line, field: 'parent', value: row.parent ?? '', message: problem });
    else await w.setPartyParent(party.id, party.parent_id ?? null, parentId);
  }
  rejectParties(problems);
}
