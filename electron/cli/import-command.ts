import { resolve } from 'node:path';
import type { ImportReport } from '../../shared/protocol/contract';
import { DATE_ORDERS, type DateOrder } from '../../shared/csv/csv-cells';
import { withChoice, type ColumnChoice, type ColumnMap } from '../../shared/csv/csv-columns';
import { mappedUnit } from '../../shared/csv/csv-units';
import { DEAL_FIELDS, type DealField } from '../../shared/model/deal';
import { describeProblem, describeProblems, type CellProblem } from '../../shared/protocol/result';
import { openStore } from '../service/open-store';
import { allowOnly, requireFlag, UsageError, type Args } from './args';
import type { ExitCode, Io } from './commands';
import { changeLines, importSummary } from './import-report';
import { readCsvFile } from './read-csv';
import { isPgBook } from '../pg/book-url';
import { cliUser } from './cli-user';

/**
 * `--map "HEADER=field"` (the last `=` splits, so a header may hold one); `field` may be `id` (the deal id --update
 * reads) or `ignore`. A unit in HEADER applies (`Size ($B)`, `Capacity (GW)`); one the field cannot take is refused.
 */
export function columnMap(values: readonly string[]): ColumnMap {
  let map: ColumnMap = {};
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const header = value.slice(0, at).trim();
    // Field names are the spec's keys, all lower case: `Amount_USD` or `NOTES` can only mean one of them.
    const field = value.slice(at + 1).trim().toLowerCase();
    if (at < 1 || header === '') throw new UsageError(`--map needs "HEADER=field", got "${value.slice(0, 80)}"`);
    const isField = (DEAL_FIELDS as readonly string[]).includes(field);
    if (field !== 'ignore' && field !== 'id' && !isField) {
      throw new UsageError(`--map ${header.slice(0, 80)}=${field.slice(0, 40)}: the field must be one of ${DEAL_FIELDS.join(', ')}, id or ignore`);
    }
    const unit = isField ? mappedUnit(header, field as DealField) : null;
    if (unit && !unit.ok) throw new UsageError(`--map "${header.slice(0, 80)}=${field}": ${unit.message}`);
    map = withChoice(map, header, field as ColumnChoice);
  }
  return map;
}

function dateOrderFlag(args: Args): DateOrder | undefined {
  const value = args.flags.get('date-order');
  if (value === undefined) return undefined;
  const order = typeof value === 'string' ? value.toUpperCase() : '';
  if (!(DATE_ORDERS as readonly string[]).includes(order)) throw new UsageError('--date-order must be DMY or MDY');
  return order as DateOrder;
}

export async function cmdImport(args: Args, io: Io): Promise<ExitCode> {
  allowOnly(args, ['book', 'dry-run', 'skip-invalid', 'update', 'map', 'date-order'], 1);
  const book = requireFlag(args, 'book');
  const path = isPgBook(book) ? book : resolve(book);
  const file = args.positional[0];
  if (!file) throw new UsageError('Name the CSV file to import: dealbook import --book PATH FILE');
  const skipInvalid = args.flags.has('skip-invalid');
  const dryRun = args.flags.has('dry-run');
  const update = args.flags.has('update');
  const map = columnMap(args.repeated.get('map') ?? []);
  const dateOrder = dateOrderFlag(args);
  // Progress only for a person watching: a pipe or a log file gets the report, not carriage returns.
  const tty = io.errIsTty;
  const progress = (done: number, total: number) => io.err(`\rimporting ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`);
  const decoded = await readCsvFile(file);
  // A file book or a team book: one store interface (a team book records the step as the command line's user).
  const store = await openStore(path, tty ? { onProgress: progress } : {});
  try {
    if (tty) io.err(`checking ${file}...`);
    const report = decoded.ok
      ? await store.handlersFor(cliUser()).importCsv({ text: decoded.text, skipInvalid, dryRun, update, map, encoding: decoded.encoding, ...(dateOrder ? { dateOrder } : {}) })
      : unreadableReport(decoded.problem, dryRun);
    if (tty) io.err('\r\x1b[K');
    if (report.problems.length) io.err(describeProblems(report.problems) + '\n');
    for (const w of report.warnings) io.err(`warning: ${describeProblem(w)}\n`);
    const written = !report.dryRun && (report.imported > 0 || report.updated > 0);
    if (written || report.dryRun) io.out(changeLines(report));
    io.out(importSummary(report, skipInvalid) + '\n');
    return report.problems.length ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** A file that is not text: no row was read, one problem. */
function unreadableReport(problem: CellProblem, dryRun: boolean): ImportReport {
  const { line = 1, value, message } = problem;
  return {
    totalRows: 0, validRows: 0, imported: 0, updated: 0, unchanged: 0, changes: [], newParties: [], warnings: [], columns: [],
    problems: [{ line, ...(value ? { value } : {}), message }], dryRun,
  };
}
