import { DEAL_FIELDS, DERIVED_FIELDS, REQUIRED_FIELDS, type DealField, type DealValues } from './deal';
import type { RawValues } from './contract';
import type { CellProblem } from './result';
import { parseCsv } from './csv-parse';
import { isFormulaLike } from './csv-write';
import { parseMoneyWithUnit } from './parse';
import { buildDeal } from './fields';

/** Where one CSV column goes: a deal field (money columns may carry a unit from the header), or nowhere. */
export type ColumnTarget = { field: DealField; header: string; multiplier: number } | null;

export type HeaderMap = {
  /** One entry per CSV column, in file order. */
  columns: ColumnTarget[];
  /** The header as written in the file for each mapped field, to name it in problems. */
  headers: Partial<Record<DealField, string>>;
  problems: CellProblem[];
  /** The header cannot be used at all (missing or duplicate columns): no row is mapped. */
  fatal: boolean;
};

export type MappedRow = { line: number; values: RawValues };

export type MappedCsv = {
  rows: MappedRow[];
  problems: CellProblem[];
  headers: Partial<Record<DealField, string>>;
  /** Every non-blank data record in the file, valid or not. */
  recordCount: number;
  /** No row can be imported: the file is empty, not UTF-8 text, or its header is unusable. */
  fatal: boolean;
};

export type ValidatedCsv = {
  deals: { line: number; deal: DealValues }[];
  /** Every problem, the parse and mapping ones included, ordered by line. */
  problems: CellProblem[];
  recordCount: number;
  fatal: boolean;
};

/** Normalised header text -> field. Spec keys are aliases of themselves. */
const ALIASES: Record<string, DealField> = {
  investor: 'from_party', from: 'from_party', 'source party': 'from_party',
  recipient: 'to_party', to: 'to_party', investee: 'to_party',
  date: 'announced', 'announcement date': 'announced', 'announced date': 'announced', 'announced on': 'announced',
  amount: 'amount_usd', value: 'amount_usd', 'deal value': 'amount_usd',
  cash: 'cash_usd',
  credits: 'credit_usd', credit: 'credit_usd', 'compute credits': 'credit_usd', 'credits usd': 'credit_usd',
  type: 'kind', 'deal type': 'kind', 'deal kind': 'kind',
  'deal status': 'status',
  term: 'term_years', years: 'term_years', 'term yrs': 'term_years',
  'start date': 'start', 'start year': 'start',
  capacity: 'capacity_mw', mw: 'capacity_mw', 'power mw': 'capacity_mw',
  source: 'source_url', url: 'source_url', link: 'source_url', 'source link': 'source_url',
  note: 'notes', comment: 'notes', comments: 'notes',
};
for (const field of DEAL_FIELDS) ALIASES[normalise(field)] = field;

const IGNORED = new Set<string>(['id', ...DERIVED_FIELDS].map(normalise));
const MONEY_FIELDS = new Set<DealField>(['amount_usd', 'cash_usd', 'credit_usd']);
const MONEY_UNITS: Record<string, number> = {
  '': 1, k: 1e3, thousand: 1e3, thousands: 1e3,
  m: 1e6, mm: 1e6, mn: 1e6, mil: 1e6, million: 1e6, millions: 1e6,
  b: 1e9, bn: 1e9, billion: 1e9, billions: 1e9,
  t: 1e12, tn: 1e12, trillion: 1e12, trillions: 1e12,
};
const OTHER_UNITS: Partial<Record<DealField, string[]>> = {
  term_years: ['years', 'year', 'yrs', 'yr', 'y'],
  capacity_mw: ['mw'],
};
const UNIT_SUFFIX = /^(.*?)\s*[([]([^)\]]*)[)\]]$/;

function normalise(header: string): string {
  return header.trim().toLowerCase().replace(/[\s_]+/g, ' ');
}

/** The field a header names and the unit multiplier its money cells carry, or null. */
export function resolveHeader(header: string): { field: DealField; multiplier: number } | null {
  const key = normalise(header);
  const direct = ALIASES[key] ?? ALIASES[key.replace(/ usd$/, '')];
  if (direct) return { field: direct, multiplier: 1 };
  const m = UNIT_SUFFIX.exec(key);
  if (!m) return null;
  const field = ALIASES[m[1]] ?? ALIASES[m[1].replace(/ usd$/, '')];
  if (!field) return null;
  const unit = m[2].trim();
  if (MONEY_FIELDS.has(field)) {
    const multiplier = MONEY_UNITS[unit.replace(/us\$|usd|\$|\bin\b|[\s,.]/g, '')];
    return multiplier === undefined ? null : { field, multiplier };
  }
  return OTHER_UNITS[field]?.includes(unit) ? { field, multiplier: 1 } : null;
}

/** Map a header row onto deal fields; `line` is the header's physical line for problems. */
export function mapHeader(header: readonly string[], line = 1): HeaderMap {
  const result: HeaderMap = { columns: [], headers: {}, problems: [], fatal: false };
  for (const raw of header) {
    const name = raw.trim();
    const target = resolveHeader(name);
    if (!target) {
      result.columns.push(null);
      if (name !== '' && !IGNORED.has(normalise(name))) {
        result.problems.push({ line, field: name, message: `unknown column; expected one of ${DEAL_FIELDS.join(', ')} or a common alias` });
      }
      continue;
    }
    const earlier = result.headers[target.field];
    if (earlier !== undefined) {
      result.problems.push({ line, field: name, message: `duplicate column: "${earlier}" and "${name}" both mean ${target.field}` });
      result.fatal = true;
      result.columns.push(null);
      continue;
    }
    result.headers[target.field] = name;
    result.columns.push({ field: target.field, header: name, multiplier: target.multiplier });
  }
  for (const field of REQUIRED_FIELDS) {
    if (result.headers[field] === undefined) {
      result.problems.push({ line, field, message: 'required column is missing' });
      result.fatal = true;
    }
  }
  return result;
}

/** Undo the export's formula-injection guard: drop the one `'` that export put before formula-like text. */
export function unneutralise(text: string): string {
  return text.charCodeAt(0) === 39 && isFormulaLike(text.slice(1)) ? text.slice(1) : text;
}

/** Parse CSV text and map every record onto raw deal values (money with a header unit already in USD). */
export function mapCsv(text: string): MappedCsv {
  const parsed = parseCsv(text);
  const problems = [...parsed.problems];
  const out: MappedCsv = { rows: [], problems, headers: {}, recordCount: parsed.recordCount, fatal: true };
  if (parsed.header.length === 0) return out;

  const map = mapHeader(parsed.header, parsed.headerLine);
  problems.push(...map.problems);
  out.headers = map.headers;
  if (map.fatal) return out;
  out.fatal = false;

  const columns = map.columns;
  for (const row of parsed.rows) {
    const values: RawValues = {};
    for (let i = 0; i < columns.length; i++) {
      const target = columns[i];
      const cell = unneutralise(row.cells[i]);
      if (target === null) {
        if (parsed.header[i].trim() === '' && cell.trim() !== '') {
          problems.push({ line: row.line, field: String(i + 1), value: shorten(cell), message: 'value in a column without a header' });
        }
        continue;
      }
      if (target.multiplier === 1 || cell.trim() === '') {
        values[target.field] = cell;
        continue;
      }
      const money = parseMoneyWithUnit(cell, target.multiplier);
      if (money.ok) values[target.field] = money.value;
      else problems.push({ line: row.line, field: target.header, value: shorten(cell), message: money.message });
    }
    out.rows.push({ line: row.line, values });
  }
  return out;
}

/**
 * Validate mapped rows with the grid's own rules. A row is a deal only when neither parsing, mapping nor
 * validation found anything wrong on its line; problems come back ordered by line.
 */
export function validateRows(mapped: MappedCsv): ValidatedCsv {
  const problems = [...mapped.problems];
  const badLines = new Set<number>();
  for (const p of mapped.problems) if (p.line !== undefined) badLines.add(p.line);
  const deals: ValidatedCsv['deals'] = [];

  for (const row of mapped.rows) {
    const built = buildDeal(row.values);
    if (built.ok) {
      if (!badLines.has(row.line)) deals.push({ line: row.line, deal: built.deal });
      continue;
    }
    for (const issue of built.problems) {
      problems.push({
        line: row.line,
        field: mapped.headers[issue.field] ?? issue.field,
        value: shorten(row.values[issue.field]),
        message: issue.message,
      });
    }
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { deals, problems, recordCount: mapped.recordCount, fatal: mapped.fatal };
}

/** Problems travel to the UI and the terminal: never carry a 10 MB cell along. */
function shorten(value: RawValues[DealField]): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return text.length > 200 ? text.slice(0, 200) + '…' : text;
}
