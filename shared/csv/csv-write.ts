import { DEAL_FIELDS, DERIVED_FIELDS, type Deal, type DealRow } from '../model/deal';
import { csvCell, fastCell, type CsvCell } from './csv-escape';
import { CHUNK_ROWS, extrasOfRows, writeAllColumns, writePickedColumns, type ExtrasOf } from './csv-rows';
import { oddCellOr } from './csv-odd-cell';

export { csvCell, fastCell, isFormulaLike, type CsvCell } from './csv-escape';

/** Export columns, exactly the spec's keys: id, every input field, then the derived columns. */
export const CSV_COLUMNS = ['id', ...DEAL_FIELDS, ...DERIVED_FIELDS] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Columns that carry part of another's meaning: `2025-07-01` is Q3 2025 only with its precision (v2). */
const COMPANIONS: Partial<Record<CsvColumn, CsvColumn>> = {
  announced: 'announced_precision',
  amount_usd: 'amount_basis',
  round_trip_ratio: 'round_trip_basis',
};

/**
 * The columns to export for the columns shown: each followed by its companion when that is not shown itself, so
 * a file exported from any view reads back with the same meaning (an estimate stays an estimate).
 */
export function withCompanions(columns: readonly string[]): CsvColumn[] {
  const shown = new Set(columns);
  const out: CsvColumn[] = [];
  for (const column of columns) {
    if (!isCsvColumn(column)) continue;
    out.push(column);
    const companion = COMPANIONS[column];
    if (companion && !shown.has(companion)) out.push(companion);
  }
  return out;
}

// Joining a reused cell array is markedly faster than growing a string cell by cell (fewer rope nodes to flatten).
function csvLine(cells: readonly CsvCell[], scratch: string[]): string {
  scratch.length = cells.length;
  for (let i = 0; i < cells.length; i++) scratch[i] = csvCell(cells[i]);
  return scratch.join(',');
}

/** RFC 4180 text with CRLF line ends (the last line ends with CRLF too). Pass numbers as numbers, not strings. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const scratch: string[] = [];
  const lines: string[] = new Array(rows.length + 1);
  lines[0] = csvLine(header, scratch);
  for (let r = 0; r < rows.length; r++) lines[r + 1] = csvLine(rows[r], scratch);
  return lines.join('\r\n') + '\r\n';
}

export function isCsvColumn(name: string): name is CsvColumn {
  return (CSV_COLUMNS as readonly string[]).includes(name);
}

/**
 * The deal book as CSV. `columns` restricts and orders the columns (the grid's visible columns); names that are
 * not export columns are skipped. Default: every column.
 */
export function dealsToCsv(rows: readonly DealRow[], columns?: readonly string[]): string {
  return dealsToCsvChunks(rows, columns).join('');
}

/**
 * The same text as dealsToCsv in pieces of whole lines (the header first), each passed to `onChunk` as it is made
 * (and returned when no callback is given): a file is written without one 20 MB string, and a piece with only
 * Latin-1 text stays one byte per character even when another piece names `東京 Labs`. Each piece is one join of
 * its cells and separators, with no string per line in between; every column in order (the export's usual shape)
 * goes through writeAllColumns.
 */
export function dealsToCsvChunks(rows: readonly DealRow[], columns?: readonly string[], onChunk?: (text: string) => void): string[] {
  const cols: readonly CsvColumn[] = columns ? columns.filter(isCsvColumn) : CSV_COLUMNS;
  const chunks: string[] = [];
  const emit = onChunk ?? ((text: string) => void chunks.push(text));
  emit(csvLine(cols, []) + '\r\n');
  if (cols.length === 0) {
    if (rows.length) emit('\r\n'.repeat(rows.length));
    return chunks;
  }
  if (isEveryColumn(cols)) {
    writeAllColumns(rows, extrasOfRows(rows), emit);
    return chunks;
  }
  const pick = cols.map((c) => CSV_COLUMNS.indexOf(c));
  if (!onChunk && new Set(pick).size === pick.length) {
    try {
      writePickedColumns(rows, extrasOfRows(rows), emit, pick);
      return chunks;
    } catch {
      // An odd cell, maybe in a column not picked: the writer below writes only the picked ones, or names the cell.
      chunks.length = 1;
    }
  }
  const cellOf = cols.map(columnCell);
  const last = cols.length - 1;
  const parts: string[] = new Array(Math.min(rows.length, CHUNK_ROWS) * cols.length * 2);
  let n = 0;
  let r = 0;
  try {
    for (; r < rows.length; r++) {
      const row = rows[r]!;
      for (let c = 0; c < last; c++) {
        parts[n++] = cellOf[c]!(row);
        parts[n++] = ',';
      }
      parts[n++] = cellOf[last]!(row);
      parts[n++] = '\r\n';
      if (n === parts.length) {
        emit(parts.join(''));
        n = 0;
      }
    }
  } catch (err) {
    // A cell of another type than text or a number (a BLOB another program wrote) fails in fastCell: name it.
    throw oddCellOr(err, rows[r], cols);
  }
  if (n > 0) {
    parts.length = n;
    emit(parts.join(''));
  }
  return chunks;
}

/**
 * Every column of deals whose derived cells come from elsewhere (the deals and their round trips, with no row
 * object made per deal): the same text as dealsToCsvChunks of the rows they make, in the same pieces.
 */
export function dealsWithExtrasToCsvChunks(deals: readonly Deal[], extrasOf: ExtrasOf, onChunk?: (text: string) => void): string[] {
  const chunks: string[] = [];
  const emit = onChunk ?? ((text: string) => void chunks.push(text));
  emit(csvLine(CSV_COLUMNS, []) + '\r\n');
  writeAllColumns(deals, extrasOf, emit);
  return chunks;
}

function isEveryColumn(cols: readonly CsvColumn[]): boolean {
  return cols.length === CSV_COLUMNS.length && cols.every((c, i) => c === CSV_COLUMNS[i]);
}

/**
 * One column's cells, written as csvCell writes them but without its patterns on every cell: text is tested for
 * a formula start only when its first character can start one, and a column whose values repeat (parties, dates,
 * kinds) writes each distinct value once.
 */
function columnCell(column: CsvColumn): (row: DealRow) => string {
  const get = GET[column];
  if (!REPEATING.has(column)) return (row) => fastCell(get(row));
  const seen = new Map<string, string>();
  return (row) => {
    const value = get(row);
    if (typeof value !== 'string') return fastCell(value);
    let text = seen.get(value);
    if (text === undefined) seen.set(value, (text = fastCell(value)));
    return text;
  };
}

/**
 * Each column's value read by name, one function per column: `row[column]` with the column in a variable is a keyed
 * load V8 looks up in a dictionary every time (a third of a 100k-row export of the grid's columns); a named load in
 * its own function stays a single field read.
 */
const GET: { readonly [C in CsvColumn]: (row: DealRow) => DealRow[C] } = {
  id: (r) => r.id,
  announced: (r) => r.announced,
  announced_precision: (r) => r.announced_precision,
  from_party: (r) => r.from_party,
  to_party: (r) => r.to_party,
  kind: (r) => r.kind,
  status: (r) => r.status,
  amount_usd: (r) => r.amount_usd,
  amount_basis: (r) => r.amount_basis,
  cash_usd: (r) => r.cash_usd,
  credit_usd: (r) => r.credit_usd,
  term_years: (r) => r.term_years,
  start: (r) => r.start,
  capacity_mw: (r) => r.capacity_mw,
  source_url: (r) => r.source_url,
  notes: (r) => r.notes,
  cash_share: (r) => r.cash_share,
  credit_share: (r) => r.credit_share,
  other_share: (r) => r.other_share,
  round_trip_ratio: (r) => r.round_trip_ratio,
  round_trip_basis: (r) => r.round_trip_basis,
};

const REPEATING: ReadonlySet<CsvColumn> = new Set([
  'announced', 'announced_precision', 'from_party', 'to_party', 'kind', 'status', 'amount_basis', 'start', 'round_trip_basis',
]);
