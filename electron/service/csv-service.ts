import type { ImportReport } from '../../shared/contract';
import { mapCsv, validateRows } from '../../shared/csv-map';
import { dealsToCsv } from '../../shared/csv-write';
import { partyKey, type DealRow, type DealValues } from '../../shared/deal';
import type { Repos } from './repos';
import { createWriter, newTouched } from './writer';

const PROGRESS_EVERY = 5000;

type ImportOptions = { now: () => Date; onProgress?: ((done: number, total: number) => void) | undefined };

/** Party ids by spelling as written in the file; null for a party the book does not have yet. */
type PartyPlan = { ids: Map<string, number | null>; newParties: string[] };

/**
 * Look each distinct party up once (100k rows name a few thousand parties), matching like the book does
 * (partyKey, SQLite NOCASE), so "OpenAI" and "openai" in one file are one new party.
 */
function planParties(repos: Repos, deals: readonly { deal: DealValues }[]): PartyPlan {
  const ids = new Map<string, number | null>();
  const byKey = new Map<string, number | null>();
  const newParties: string[] = [];
  for (const { deal } of deals) {
    for (const name of [deal.from_party, deal.to_party]) {
      if (ids.has(name)) continue;
      const key = partyKey(name);
      let id = byKey.get(key);
      if (id === undefined) {
        id = repos.parties.findByName(name)?.id ?? null;
        byKey.set(key, id);
        if (id === null) newParties.push(name);
      }
      ids.set(name, id);
    }
  }
  return { ids, newParties };
}

/**
 * Import CSV text as one transaction and one undo step. With any invalid row nothing is written unless
 * skipInvalid; a dry run reports what would happen and writes nothing.
 */
export function importBookCsv(
  repos: Repos,
  input: { text: string; skipInvalid?: boolean | undefined; dryRun?: boolean | undefined },
  options: ImportOptions,
): ImportReport {
  const { deals, problems, recordCount, fatal } = validateRows(mapCsv(input.text));
  const report: ImportReport = {
    totalRows: recordCount,
    validRows: deals.length,
    imported: 0,
    newParties: planParties(repos, deals).newParties,
    problems: problems.map(({ line, field, value, message }) => ({ line: line ?? 0, ...(field ? { field } : {}), ...(value !== undefined ? { value } : {}), message })),
    dryRun: Boolean(input.dryRun),
  };
  const blocked = fatal || (problems.length > 0 && !input.skipInvalid);
  if (blocked || input.dryRun || deals.length === 0) return report;

  const savedAt = options.now().toISOString();
  const newParties = repos.db
    .transaction(() => {
      const batchId = repos.edits.begin(`Import ${deals.length} deals`, savedAt);
      repos.edits.dropRedo();
      const w = createWriter(repos, batchId, newTouched());
      // Planned again inside the transaction: another window may have added a party since the dry look.
      const plan = planParties(repos, deals);
      // New parties are logged one by one (undo removes them); the deals are one range, not 100k log rows.
      const created = new Map(plan.newParties.map((name) => [partyKey(name), w.resolveParty(name)]));
      for (const [name, id] of plan.ids) if (id === null) plan.ids.set(name, created.get(partyKey(name))!);
      const idOf = (name: string): number => plan.ids.get(name)!;
      let first = 0;
      let last = 0;
      for (let i = 0; i < deals.length; i++) {
        const d = deals[i]!.deal;
        last = repos.deals.insert({
          announced: d.announced, from_party_id: idOf(d.from_party), to_party_id: idOf(d.to_party), kind: d.kind,
          status: d.status, amount_usd: d.amount_usd, cash_usd: d.cash_usd, credit_usd: d.credit_usd,
          term_years: d.term_years, start: d.start, capacity_mw: d.capacity_mw, source_url: d.source_url, notes: d.notes,
          announced_precision: d.announced_precision, amount_basis: d.amount_basis,
        });
        if (i === 0) first = last;
        if (options.onProgress && (i + 1) % PROGRESS_EVERY === 0) options.onProgress(i + 1, deals.length);
      }
      repos.edits.log(batchId, { op: 'insert_range', old_value: String(first), new_value: String(last) });
      return plan.newParties;
    })
    .immediate();
  options.onProgress?.(deals.length, deals.length);
  return { ...report, newParties, imported: deals.length };
}

/** The book's rows as CSV: every deal (or the given ids, in that order) with derived columns. */
export function exportBookCsv(rows: readonly DealRow[], ids: number[] | undefined): string {
  if (!ids) return dealsToCsv(rows);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return dealsToCsv(ids.flatMap((id) => byId.get(id) ?? []));
}
