import type { DealField, DealValues } from '../model/deal';
import type { RawValues } from '../protocol/contract';
import type { CellProblem } from '../protocol/result';
import { parseCsv } from './csv-parse';
import { mixedEncodingWarning, type CsvEncoding } from './csv-decode';
import { readNumberCells } from './csv-number-cells';
import { isFormulaLike } from './csv-write';
import { parseAmount, parseMoneyWithUnit, parseNumber, parsePreciseDate, splitAmountBasis, type Parsed } from '../model/parse';
import { buildDeal } from '../model/fields';
import { excerpt, mapHeader, MAX_COLUMNS, type ColumnMap } from './csv-columns';
import { normaliseDateCell, type DateOrder } from './csv-cells';
import { DateOrderEvidence, totalsLabel } from './csv-sheet-habits';
import { excelRoundedWarnings } from './csv-excel-rounding';

export { excerpt, mapHeader, resolveHeader, MAX_COLUMNS, type ColumnTarget, type HeaderMap, type ColumnMap, type ColumnChoice } from './csv-columns';

/**
 * How to read a file: the analyst's column choices, the order for ambiguous numeric dates, ids for updates, and the
 * encoding its bytes were read in (shared/csv/csv-decode), when a file was decoded.
 */
export type CsvReadOptions = {
  map?: ColumnMap | undefined;
  dateOrder?: DateOrder | null | undefined;
  withId?: boolean | undefined;
  encoding?: CsvEncoding | undefined;
};

/** One data row; `id` is the raw id cell when the file is read for updates and the cell is not empty. */
export type MappedRow = { line: number; values: RawValues; id?: string; shown?: Partial<Record<DealField, string>> };

/** One file column as read: its header (an excerpt) and the field it fills, `id`, or null (ignored). */
export type ReadColumn = { header: string; field: DealField | 'id' | null };

export type MappedCsv = {
  rows: MappedRow[];
  problems: CellProblem[];
  warnings: CellProblem[];
  headers: Partial<Record<DealField, string>>;
  columns: ReadColumn[];
  /** Every non-blank data record in the file, valid or not. */
  recordCount: number;
  /** No row can be imported: the file is empty, not text, or its header is unusable. */
  fatal: boolean;
};

export type ValidatedCsv = {
  deals: { line: number; deal: DealValues; id?: string }[];
  /** Every problem, the parse and mapping ones included, ordered by line. */
  problems: CellProblem[];
  warnings: CellProblem[];
  columns: ReadColumn[];
  recordCount: number;
  fatal: boolean;
};

const DATE_FIELDS = new Set<string>(['announced', 'start']);

/** Undo the export's formula-injection guard: drop the one `'` that export put before formula-like text. */
export function unneutralise(text: string): string {
  return text.charCodeAt(0) === 39 && isFormulaLike(text.slice(1)) ? text.slice(1) : text;
}

/** Parse CSV text and map every record onto raw deal values (money with a header unit already in USD). */
export function mapCsv(text: string, options: CsvReadOptions = {}): MappedCsv {
  const parsed = parseCsv(text);
  const problems = parsed.problems.slice();
  const mixed = options.encoding === 'windows-1252' ? mixedEncodingWarning(text) : null;
  const out: MappedCsv = { rows: [], problems, warnings: mixed ? [mixed] : [], headers: {}, columns: [], recordCount: parsed.recordCount, fatal: true };
  for (const t of parsed.titles) out.warnings.push({ line: t.line, value: excerpt(t.text), message: 'a title above the header, not a deal: skipped' });
  if (parsed.header.length === 0) return out;

  const map = mapHeader(parsed.header, parsed.headerLine, { map: options.map, withId: options.withId });
  // A header far too wide is the one thing to say: every row would otherwise be "ragged" against it.
  if (parsed.header.length > MAX_COLUMNS) problems.length = 0;
  for (const p of map.problems) problems.push(p);
  for (const w of map.warnings) out.warnings.push(w);
  out.headers = map.headers;
  // Listed even when a required column is missing, so the import dialog can offer to map one.
  out.columns = map.columns.map((c, i) => ({ header: c?.header ?? excerpt(parsed.header[i]!.trim()), field: c?.field ?? map.duplicates[i] ?? null }));
  if (map.fatal) return out;
  out.fatal = false;

  const columns = map.columns;
  const order = options.dateOrder ?? null;
  // Number cells made the decimal-point form every parser reads, as the file writes its numbers (csv-number-cells.ts).
  const { comma, written } = readNumberCells(parsed, columns, out.warnings);
  // An empty precision or basis cell states nothing: the date or amount beside it says it (`Q3 2025` is a quarter,
  // `up to 100B` a ceiling), as when the file has no such column. Read as a value, it would be `day` and `firm`.
  const companion = columns.map((c) => c?.field === 'announced_precision' || c?.field === 'amount_basis');
  // A first column with no header is the row index pandas' to_csv and R's write.csv put there: not data, said once.
  // A headerless column elsewhere may be a row shifted by a stray separator, so its values stay problems.
  const orders = new DateOrderEvidence();
  const totals = new Set<number>();
  let rowIndex = parsed.header.length > 1 && parsed.header[0]!.trim() === '' ? ('unseen' as 'unseen' | 'said') : null;
  for (const row of parsed.rows) {
    const problemsBefore = problems.length;
    const values: RawValues = {};
    let id: string | undefined;
    for (let i = 0; i < columns.length; i++) {
      const target = columns[i];
      const cell = unneutralise(row.cells[i]!);
      if (target === null || target === undefined) {
        if (i === 0 && rowIndex !== null) {
          if (rowIndex === 'unseen' && cell.trim() !== '') {
            out.warnings.push({ line: parsed.headerLine, field: '1', message: 'column without a header ignored: the row numbers pandas and R write first' });
            rowIndex = 'said';
          }
          continue;
        }
        if (parsed.header[i]!.trim() === '' && cell.trim() !== '') {
          problems.push({ line: row.line, field: String(i + 1), value: excerpt(cell), message: 'value in a column without a header' });
        }
        continue;
      }
      if (target.field === 'id') {
        if (cell.trim() !== '') id = cell.trim();
        continue;
      }
      if (DATE_FIELDS.has(target.field)) {
        values[target.field] = normaliseDateCell(cell, order);
        if (order === null) orders.note(cell, row.line, target.header);
        continue;
      }
      if (target.multiplier === 1 || cell.trim() === '') {
        if (companion[i] && cell.trim() === '') continue;
        values[target.field] = cell;
        continue;
      }
      const scaled = target.field === 'capacity_mw' ? numberUnderUnit(cell, target.multiplier) : moneyUnderUnit(cell, target.field, target.multiplier);
      if (scaled.ok) values[target.field] = scaled.value;
      else problems.push({ line: row.line, field: target.header, value: excerpt(written.get(row.line)?.get(i) ?? cell), message: scaled.message });
    }
    const total = totalsLabel(values);
    if (total !== null) {
      // Its sum (`=SUM(E2:E9)`, a figure under `Amount ($B)`) is no deal's value either.
      problems.length = problemsBefore;
      out.warnings.push({ line: row.line, value: excerpt(total), message: 'a totals row, not a deal: skipped' });
      out.recordCount--;
      totals.add(row.line);
      continue;
    }
    const mapped: MappedRow = id === undefined ? { line: row.line, values } : { line: row.line, values, id };
    const originals = written.get(row.line);
    if (originals) mapped.shown = Object.fromEntries([...originals].map(([i, cell]) => [(columns[i] as { field: DealField }).field, cell]));
    out.rows.push(mapped);
  }
  comma?.finish(problems, out.warnings);
  orders.finish(out.warnings);
  excelRoundedWarnings(parsed.rows, columns, written, totals, out.warnings);
  return out;
}


/**
 * A money cell under a header with a unit, in USD. The headline amount may carry its basis (`up to 100` under
 * `Amount ($B)`): the amount is scaled and handed on with its prefix, so buildDeal sets the basis as for `up to 100B`.
 */
function moneyUnderUnit(cell: string, field: DealField, multiplier: number): Parsed<number | string | null> {
  const { basis, prefix, rest } = field === 'amount_usd' ? splitAmountBasis(cell) : { basis: null, prefix: '', rest: cell };
  // A prefix with nothing after it is left to the amount's own parser, which says what is missing.
  if (basis !== null && rest.trim() === '') return { ok: true, value: cell };
  const money = parseMoneyWithUnit(rest, multiplier);
  if (!money.ok || basis === null || money.value === null) return money;
  return { ok: true, value: `${prefix}${money.value}` };
}

/** A capacity cell under a header with a unit (`Capacity (GW)`), in MW; a cell stating its own unit (`1200 MW`) keeps it. */
function numberUnderUnit(cell: string, multiplier: number): Parsed<number | null> {
  const read = parseNumber(cell);
  if (!read.ok || read.value === null || /[a-z]\s*$/i.test(cell)) return read;
  // Through the decimal text, so 1.1 GW is exactly 1100 MW (1.1 * 1000 is not).
  const [mantissa, exp = '0'] = String(read.value).split('e');
  return { ok: true, value: Number(`${mantissa}e${Number(exp) + Math.round(Math.log10(multiplier))}`) };
}

/**
 * An update's cells read over its deal, without what the file does not say. A plain date or amount implies day
 * precision or a firm basis; when the file has no precision (or basis) column and the cell holds the deal's value
 * as it is, the book's `month` or `up_to` stands: a file without those columns (a v1 export, a sheet that dropped
 * them) must not turn `Sep 2025` into 2025-09-01 or `up to 100B` into a firm 100B.
 */
function keepUnstated(values: RawValues, base: DealValues): RawValues {
  let out = values;
  const date = values.announced;
  if (typeof date === 'string' && values.announced_precision === undefined && base.announced_precision !== 'day') {
    const read = parsePreciseDate(date);
    if (read.ok && read.value?.precision === 'day' && read.value.date === base.announced) out = without(out, 'announced');
  }
  const amount = values.amount_usd;
  if (amount !== undefined && values.amount_basis === undefined && base.amount_basis !== 'firm') {
    const read = parseAmount(amount);
    if (read.ok && read.value.basis === null && read.value.value === base.amount_usd) out = without(out, 'amount_usd');
  }
  return out;
}

function without(values: RawValues, field: DealField): RawValues {
  const { [field]: _dropped, ...rest } = values;
  return rest;
}

/**
 * Validate mapped rows with the grid's own rules. A row is a deal only when neither parsing, mapping nor
 * validation found anything wrong on its line; problems come back ordered by line. `baseOf` gives the deal a
 * row with an id updates (its cells are read over that deal), or a problem for an id the book lacks.
 */
export function validateRows(
  mapped: MappedCsv,
  baseOf?: (id: string) => { ok: true; deal: DealValues } | { ok: false; message: string },
): ValidatedCsv {
  const problems = mapped.problems.slice();
  const badLines = new Set<number>();
  for (const p of mapped.problems) if (p.line !== undefined) badLines.add(p.line);
  const deals: ValidatedCsv['deals'] = [];

  for (const row of mapped.rows) {
    let base: DealValues | undefined;
    if (row.id !== undefined && baseOf) {
      const found = baseOf(row.id);
      if (!found.ok) {
        problems.push({ line: row.line, field: 'id', value: excerpt(row.id), message: found.message });
        continue;
      }
      base = found.deal;
    }
    const built = buildDeal(base ? keepUnstated(row.values, base) : row.values, base);
    if (built.ok) {
      if (!badLines.has(row.line)) deals.push(row.id === undefined ? { line: row.line, deal: built.deal } : { line: row.line, deal: built.deal, id: row.id });
      continue;
    }
    for (const issue of built.problems) {
      problems.push({
        line: row.line,
        field: mapped.headers[issue.field] ?? issue.field,
        value: excerpt(row.shown?.[issue.field] ?? row.values[issue.field]),
        message: issue.message,
      });
    }
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { deals, problems, warnings: mapped.warnings, columns: mapped.columns, recordCount: mapped.recordCount, fatal: mapped.fatal };
}
