import type { ImportReport } from '../../shared/contract';
import { mapCsv, validateRows } from '../../shared/csv-map';
import { AppFailure, type CellProblem } from '../../shared/result';
import { DATE_ORDER_SETTING, type ImportInput } from '../service/csv-service';
import { partyKey, type DealValues } from '../../shared/deal';
import type { PgPool } from './connection';
import type { PgRepos } from './pg-repos';
import { inTransaction } from './pg-tx';
import { createPgWriter } from './pg-writer';
import { newTouched, type Touched } from '../service/writer';

const CHUNK = 1000;
// Rows beyond which the windows reload rather than patch (as undo does).
const PATCH_LIMIT = 5000;

type ImportOptions = { now: () => Date; onProgress?: ((done: number, total: number) => void) | undefined };

/** Each distinct party looked up once, matching as the book does (partyKey). */
async function planParties(repos: PgRepos, deals: readonly { deal: DealValues }[]) {
  const ids = new Map<string, number | null>();
  const byKey = new Map<string, number | null>();
  const newParties: string[] = [];
  for (const { deal } of deals) {
    for (const name of [deal.from_party, deal.to_party]) {
      if (ids.has(name)) continue;
      const key = partyKey(name);
      let id = byKey.get(key);
      if (id === undefined) {
        id = (await repos.parties.findByName(name))?.id ?? null;
        byKey.set(key, id);
        if (id === null) newParties.push(name);
      }
      ids.set(name, id);
    }
  }
  return { ids, newParties };
}

/** CSV into a team book: the file book's rules (electron/service/csv-service.ts), one transaction, one undo step. */
export async function importPgCsv(
  pool: PgPool,
  schema: string,
  user: string,
  input: ImportInput,
  options: ImportOptions,
): Promise<ImportReport & { touched: Touched | null; label: string }> {
  if (input.update) {
    throw new AppFailure({ code: 'invalid_payload', message: 'Updating deals by id from a CSV (--update) is not available on a team book yet; nothing was imported.' });
  }
  const stored = await inTransaction(pool, schema, false, (repos) => repos.settings.get(DATE_ORDER_SETTING));
  const dateOrder = input.dateOrder ?? (stored === 'DMY' || stored === 'MDY' ? stored : null);
  const { deals, problems, warnings, columns, recordCount, fatal } = validateRows(mapCsv(input.text, { map: input.map, dateOrder, withId: false }));
  const toReported = ({ line, field, value, message }: CellProblem) => ({ line: line ?? 0, ...(field ? { field } : {}), ...(value !== undefined ? { value } : {}), message });
  const report: ImportReport & { touched: Touched | null; label: string } = {
    totalRows: recordCount,
    validRows: deals.length,
    imported: 0,
    updated: 0,
    unchanged: 0,
    changes: [],
    newParties: (await inTransaction(pool, schema, false, (repos) => planParties(repos, deals))).newParties,
    problems: problems.map(toReported),
    warnings: warnings.map(toReported),
    columns,
    ...(input.encoding ? { encoding: input.encoding } : {}),
    dryRun: Boolean(input.dryRun),
    touched: null,
    label: `Import ${deals.length} deals`,
  };
  const blocked = fatal || (problems.length > 0 && !input.skipInvalid);
  if (blocked || input.dryRun || deals.length === 0) return report;

  const savedAt = options.now().toISOString();
  const touched = newTouched();
  const newParties = await inTransaction(pool, schema, true, async (repos) => {
    const batchId = await repos.edits.begin(report.label, savedAt, user);
    await repos.edits.dropRedo(user);
    const w = createPgWriter(repos, batchId, touched);
    const plan = await planParties(repos, deals);
    const created = new Map<string, number>();
    for (const name of plan.newParties) created.set(partyKey(name), await w.resolveParty(name));
    for (const [name, id] of plan.ids) if (id === null) plan.ids.set(name, created.get(partyKey(name))!);
    const idOf = (name: string): number => plan.ids.get(name)!;
    let first = 0;
    let last = 0;
    for (let i = 0; i < deals.length; i += CHUNK) {
      const rows = deals.slice(i, i + CHUNK).map(({ deal: d }) => ({
        announced: d.announced, from_party_id: idOf(d.from_party), to_party_id: idOf(d.to_party), kind: d.kind,
        status: d.status, amount_usd: d.amount_usd, cash_usd: d.cash_usd, credit_usd: d.credit_usd,
        term_years: d.term_years, start: d.start, capacity_mw: d.capacity_mw, source_url: d.source_url, notes: d.notes,
        announced_precision: d.announced_precision, amount_basis: d.amount_basis,
      }));
      const ids = await repos.deals.insertMany(rows);
      if (i === 0) first = ids[0]!;
      last = ids[ids.length - 1]!;
      options.onProgress?.(Math.min(i + CHUNK, deals.length), deals.length);
    }
    // The range is one undo step only if the ids are consecutive: the write lock keeps other inserts out.
    await repos.edits.log(batchId, { op: 'insert_range', old_value: String(first), new_value: String(last) });
    if (last - first + 1 > PATCH_LIMIT) touched.reload = true;
    else for (let id = first; id <= last; id++) touched.deals.add(id);
    touched.parties = true;
    return plan.newParties;
  });
  return { ...report, newParties, imported: deals.length, touched };
}
