import type { ImportReport } from '../../shared/contract';
import { mapCsv, validateRows } from '../../shared/csv-map';
import { dealsToCsv } from '../../shared/csv-write';
import { deriveRows } from '../../shared/metrics';
import { toStored } from '../db/deals-repo';
import type { Repos } from './repos';
import { createWriter, newTouched } from './writer';

const PROGRESS_EVERY = 5000;

type ImportOptions = { now: () => Date; onProgress?: ((done: number, total: number) => void) | undefined };

/**
 * Import CSV text as one transaction and one undo step. With any invalid row nothing is written unless
 * skipInvalid; a dry run reports what would happen and writes nothing.
 */
export function importBookCsv(
  repos: Repos,
  input: { text: string; skipInvalid?: boolean | undefined; dryRun?: boolean | undefined },
  options: ImportOptions,
): ImportReport {
  const { deals, problems: allProblems, recordCount, fatal } = validateRows(mapCsv(input.text));
  const newParties = new Map<string, string>();
  for (const { deal } of deals) {
    for (const name of [deal.from_party, deal.to_party]) {
      const key = name.toLowerCase();
      if (!newParties.has(key) && !repos.parties.findByName(name)) newParties.set(key, name);
    }
  }
  const report: ImportReport = {
    totalRows: recordCount,
    validRows: deals.length,
    imported: 0,
    newParties: [...newParties.values()],
    problems: allProblems.map((p) => ({ line: p.line ?? 0, ...(p.field ? { field: p.field } : {}), ...(p.value !== undefined ? { value: p.value } : {}), message: p.message })),
    dryRun: Boolean(input.dryRun),
  };
  const blocked = fatal || (allProblems.length > 0 && !input.skipInvalid);
  if (blocked || input.dryRun || deals.length === 0) return report;

  const savedAt = options.now().toISOString();
  repos.db
    .transaction(() => {
      const batchId = repos.edits.begin(`Import ${deals.length} deals`, savedAt);
      const w = createWriter(repos, batchId, newTouched());
      let first = 0;
      let last = 0;
      deals.forEach(({ deal }, i) => {
        const id = repos.deals.insert(toStored(deal, w.resolveParty(deal.from_party), w.resolveParty(deal.to_party)));
        if (i === 0) first = id;
        last = id;
        if (options.onProgress && (i + 1) % PROGRESS_EVERY === 0) options.onProgress(i + 1, deals.length);
      });
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
