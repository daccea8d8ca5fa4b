import type { ImportReport } from '../../shared/contract';
import { mapCsv, validateRows } from '../../shared/csv-map';
import { dealsToCsv } from '../../shared/csv-write';
import { deriveRows } from '../../shared/metrics';
import type { Repos } from './repos';
import { createWriter, newTouched } from './writer';

const PROGRESS_EVERY = 5000;

type ImportOptions = { now: () => Date; onProgress?: ((done: number, total: number) => void) | undefined };

/** SQLite's NOCASE folds ASCII letters only; party lookups here must agree with the book's unique index. */
const foldCase = (name: string): string => name.replace(/[A-Z]+/g, (m) => m.toLowerCase());

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
  // Each distinct party is looked up once, not twice per row: 100k rows name only a few thousand parties.
  const partyIds = new Map<string, number | null>();
  const newParties: string[] = [];
  const seen = new Set<string>();
  for (const { deal } of deals) {
    for (const name of [deal.from_party, deal.to_party]) {
      if (seen.has(name)) continue;
      seen.add(name);
      const key = foldCase(name);
      if (partyIds.has(key)) continue;
      const found = repos.parties.findByName(name);
      partyIds.set(key, found ? found.id : null);
      if (!found) newParties.push(name);
    }
  }
  const report: ImportReport = {
    totalRows: recordCount,
    validRows: deals.length,
    imported: 0,
    newParties,
    problems: problems.map(({ line, field, value, message }) => ({ line: line ?? 0, ...(field ? { field } : {}), ...(value !== undefined ? { value } : {}), message })),
    dryRun: Boolean(input.dryRun),
  };
  const blocked = fatal || (problems.length > 0 && !input.skipInvalid);
  if (blocked || input.dryRun || deals.length === 0) return report;

  const savedAt = options.now().toISOString();
  repos.db
    .transaction(() => {
      const batchId = repos.edits.begin(`Import ${deals.length} deals`, savedAt);
      const w = createWriter(repos, batchId, newTouched());
      // New parties are logged one by one (undo removes them); the deals are one range, not 100k log rows.
      for (const name of newParties) partyIds.set(foldCase(name), w.resolveParty(name));
      // Most rows repeat a name exactly as spelled before: remember spellings to skip the case fold.
      const bySpelling = new Map<string, number>();
      const idOf = (name: string): number => {
        let id = bySpelling.get(name);
        if (id === undefined) bySpelling.set(name, (id = partyIds.get(foldCase(name)) ?? w.resolveParty(name)));
        return id;
      };
      let first = 0;
      let last = 0;
      for (let i = 0; i < deals.length; i++) {
        const d = deals[i]!.deal;
        last = repos.deals.insert({
          announced: d.announced, from_party_id: idOf(d.from_party), to_party_id: idOf(d.to_party), kind: d.kind,
          status: d.status, amount_usd: d.amount_usd, cash_usd: d.cash_usd, credit_usd: d.credit_usd,
          term_years: d.term_years, start: d.start, capacity_mw: d.capacity_mw, source_url: d.source_url, notes: d.notes,
        });
        if (i === 0) first = last;
        if (options.onProgress && (i + 1) % PROGRESS_EVERY === 0) options.onProgress(i + 1, deals.length);
      }
      repos.edits.log(batchId, { op: 'insert_range', old_value: String(first), new_value: String(last) });
    })
    .immediate();
  options.onProgress?.(deals.length, deals.length);
  return { ...report, imported: deals.length };
}

/** The book as CSV: every deal (or the given ids, in that order) with derived columns. */
export function exportBookCsv(repos: Repos, ids: number[] | undefined): string {
  const rows = deriveRows(repos.deals.all());
  if (!ids) return dealsToCsv(rows);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return dealsToCsv(ids.flatMap((id) => byId.get(id) ?? []));
}
