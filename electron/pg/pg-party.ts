import { crossFieldIssues, type PartyKind } from '../../shared/deal';
import { parseField } from '../../shared/fields';
import { AppFailure, type CellProblem } from '../../shared/result';
import type { PgRepos } from './pg-repos';
import type { PgWriter } from './pg-writer';

// The party edits of electron/service/party-service.ts, on a team book: same rules, same messages.

function partyName(raw: string): string {
  const parsed = parseField('from_party', raw);
  if (!parsed.ok) {
    throw new AppFailure({ code: 'validation', message: `Party name ${parsed.message}`, details: [{ field: 'name', value: raw.slice(0, 200), message: parsed.message }] });
  }
  return parsed.value;
}

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
  for (const source of sources) await w.deleteParty(source.id);
}
