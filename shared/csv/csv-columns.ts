import { DEAL_FIELDS, DERIVED_FIELDS, REQUIRED_FIELDS, type DealField } from '../model/deal';
import type { CellProblem } from '../protocol/result';
import { headerUnit, mappedUnit, normalise, unitMultiplier } from './csv-units';

export { normalise } from './csv-units';

/**
 * What the analyst says a column holds (`--map "HEADER=field"`, the import dialog): a field, the deal id (read by an
 * import that updates deals by id, as an `id` column is), or nothing.
 */
export type ColumnChoice = DealField | 'id' | 'ignore';
export type ColumnMap = Readonly<Record<string, ColumnChoice>>;

/*
 * A column map is keyed by the file's own header text, which may be anything ("__proto__", "constructor"): every
 * key is an own property, read and written only through these two, never with map[header].
 */

/** The analyst's choice for exactly this header, or undefined (never a value inherited from Object.prototype). */
export function ownChoice(map: ColumnMap | undefined, header: string): ColumnChoice | undefined {
  return map && Object.prototype.hasOwnProperty.call(map, header) ? map[header] : undefined;
}

/** `map` with `header` chosen as `choice`: an own property even for "__proto__" (an assignment would drop it). */
export function withChoice(map: ColumnMap, header: string, choice: ColumnChoice): ColumnMap {
  return Object.fromEntries([...Object.entries(map).filter(([h]) => h !== header), [header, choice]]);
}

/** Where one CSV column goes: a deal field (money columns may carry a unit from the header), the deal id, or nowhere. */
export type ColumnTarget = { field: DealField; header: string; multiplier: number } | { field: 'id'; header: string } | null;

export type HeaderMap = {
  /** One entry per CSV column, in file order. */
  columns: ColumnTarget[];
  /** The header as written in the file (cut to an excerpt) for each mapped field, to name it in problems. */
  headers: Partial<Record<DealField, string>>;
  problems: CellProblem[];
  /** Columns read as nothing: each named once. */
  warnings: CellProblem[];
  /** The header cannot be used at all (missing or duplicate columns, far too wide): no row is mapped. */
  fatal: boolean;
  /**
   * The field a column would fill but another column fills already (by column index): read as nothing, but the
   * import dialog shows that field for it, so choosing "ignore" (or another field) there is a change it can make.
   */
  duplicates: Record<number, DealField>;
};

/**
 * Far wider than any deal sheet (an export has 25 columns), small enough that a hostile header of 130,000 cells
 * is refused before any per-column work or any list of 130,000 problems.
 */
export const MAX_COLUMNS = 1000;
const EXCERPT = 60;

/** Every value echoed in a message (cells, headers) is at most a short excerpt: a 10 MB header is not a 10 MB error. */
export function excerpt(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
}

/** Normalised header text -> field. Spec keys are aliases of themselves. */
const ALIASES = new Map<string, DealField>(Object.entries({
  investor: 'from_party', investors: 'from_party', from: 'from_party', 'source party': 'from_party',
  recipient: 'to_party', recipients: 'to_party', to: 'to_party', investee: 'to_party',
  date: 'announced', 'announcement date': 'announced', 'announced date': 'announced', 'announced on': 'announced',
  announcement: 'announced', 'date announced': 'announced',
  precision: 'announced_precision', 'date precision': 'announced_precision', basis: 'amount_basis', 'amount basis': 'amount_basis',
  amount: 'amount_usd', value: 'amount_usd', 'deal value': 'amount_usd', 'deal size': 'amount_usd',
  cash: 'cash_usd',
  credits: 'credit_usd', credit: 'credit_usd', 'compute credits': 'credit_usd', 'credits usd': 'credit_usd',
  type: 'kind', 'deal type': 'kind', 'deal kind': 'kind',
  'deal status': 'status',
  term: 'term_years', years: 'term_years', 'term yrs': 'term_years', duration: 'term_years',
  'start date': 'start', 'start year': 'start',
  capacity: 'capacity_mw', mw: 'capacity_mw', 'power mw': 'capacity_mw', power: 'capacity_mw',
  source: 'source_url', sources: 'source_url', url: 'source_url', link: 'source_url', 'source link': 'source_url',
  note: 'notes', comment: 'notes', comments: 'notes',
}) as [string, DealField][]);
for (const field of DEAL_FIELDS) ALIASES.set(normalise(field), field);

/** Export columns the book computes: read back silently as nothing. */
const DERIVED = new Set<string>(DERIVED_FIELDS.map(normalise));

const isField = (name: string): name is DealField => (DEAL_FIELDS as readonly string[]).includes(name);

/**
 * The field a header names and the multiplier its cells carry, or null. A money header's unit, `Amount ($B)`,
 * `Cash (USD m)`, `Value [bn]`, means US dollars in that unit, so a bare `45` is 45e9 (a cell stating its own scale,
 * `750M`, keeps it; no other currency is read: EUR is refused); `Capacity (GW)` is in gigawatts.
 */
export function resolveHeader(header: string): { field: DealField; multiplier: number } | null {
  if (header.length > 200) return null;
  // `Investor(s)`: a plural marker, not a unit.
  const key = normalise(header).replace(/\s*\(s\)$/, '');
  const direct = ALIASES.get(key) ?? ALIASES.get(key.replace(/ usd$/, ''));
  if (direct) return { field: direct, multiplier: 1 };
  const m = headerUnit(key);
  if (!m) return null;
  const field = ALIASES.get(m.name) ?? ALIASES.get(m.name.replace(/ usd$/, ''));
  if (!field) return null;
  const multiplier = unitMultiplier(field, m.unit);
  return multiplier === null ? null : { field, multiplier };
}

/** Why a header that names a field with a unit (`Amount (EUR m)`, `Capacity (kW)`) is not read as it, or null. */
function unitRefusal(header: string): string | null {
  const m = headerUnit(normalise(header));
  if (!m) return null;
  const field = ALIASES.get(m.name) ?? ALIASES.get(m.name.replace(/ usd$/, ''));
  if (!field) return null;
  const unit = mappedUnit(header, field);
  return unit.ok ? null : unit.message;
}

/** Words of a header that may hold the deal's headline amount. */
const AMOUNT_WORDS = /amount|value|size|\$|usd|ticket|commitment|investment|total/;

/**
 * No column is read as amount_usd while one left out looks as if it holds it (`Amount €`, `Ticket size`): every deal
 * would come in with no amount (undisclosed). Not a refusal (a file may have no amounts), but said beside that
 * column's own warning, so an import that succeeds does not hide it.
 */
function amountLeftOut(header: readonly string[], result: HeaderMap, line: number): void {
  if (result.headers.amount_usd !== undefined) return;
  const at = header.findIndex((h, i) => result.columns[i] === null && h.trim() !== '' && !DERIVED.has(normalise(h)) && AMOUNT_WORDS.test(normalise(h)) && unitRefusal(h) === null);
  if (at === -1) return;
  result.warnings.push({
    line, field: excerpt(header[at]!.trim()),
    message: 'no column is read as amount_usd, so every deal would have no amount (undisclosed): if this column holds the amounts, map it to amount_usd',
  });
}

/** The analyst's choice for a header, matched as written or case- and spacing-insensitively. */
function chosen(map: ColumnMap | undefined, name: string): ColumnChoice | undefined {
  if (!map) return undefined;
  const own = ownChoice(map, name);
  if (own !== undefined) return own;
  const key = normalise(name);
  const short = excerpt(name);
  for (const [header, choice] of Object.entries(map)) if (normalise(header) === key || header === short) return choice;
  return undefined;
}

/**
 * Map a header row onto deal fields; `line` is the header's physical line for problems. A column the book has
 * no field for is ignored with one warning; `map` overrides what a header would be read as (a unit in the mapped
 * header applies; one the field cannot take is a problem). The `id` column (or the one mapped to `id`) is read only
 * when `withId` (an import that updates deals by id).
 */
export function mapHeader(header: readonly string[], line = 1, options: { map?: ColumnMap; withId?: boolean } = {}): HeaderMap {
  const result: HeaderMap = { columns: [], headers: {}, problems: [], warnings: [], fatal: false, duplicates: {} };
  if (header.length > MAX_COLUMNS) {
    const count = header.length.toLocaleString('en-US');
    result.problems.push({ line, message: `header has ${count} columns; a deal file has at most ${MAX_COLUMNS.toLocaleString('en-US')}` });
    result.fatal = true;
    return result;
  }
  let idColumn = false;
  for (const raw of header) {
    const name = raw.trim();
    const shown = excerpt(name);
    const choice = chosen(options.map, name);
    if (choice === 'ignore') {
      result.columns.push(null);
      continue;
    }
    if (choice === 'id' || (choice === undefined && normalise(name) === 'id')) {
      // Two id columns could name two deals for one row: which one it updates must not depend on column order.
      if (options.withId && idColumn) {
        result.problems.push({ line, field: shown, message: 'duplicate column: two columns are the deal id' });
        result.fatal = true;
      }
      result.columns.push(options.withId && !idColumn ? { field: 'id', header: shown } : null);
      idColumn = true;
      continue;
    }
    let target = resolveHeader(name);
    if (choice !== undefined && isField(choice)) {
      const unit = mappedUnit(name, choice);
      if (!unit.ok) {
        // Read in the field's own unit, the column would store every number wrong (GW as MW, EUR as USD).
        result.problems.push({ line, field: shown, message: `cannot be mapped: ${unit.message}` });
        result.fatal = true;
        result.columns.push(null);
        continue;
      }
      target = { field: choice, multiplier: unit.multiplier };
    }
    if (!target) {
      result.columns.push(null);
      if (name !== '' && !DERIVED.has(normalise(name))) {
        // `Amount (EUR m)` names a field, in a unit it cannot take: mapping it would be refused, so that is not offered.
        const refused = unitRefusal(name);
        const why = refused ?? 'the book has no field for it (map it to a field to import it)';
        result.warnings.push({ line, field: shown, message: `column ignored: ${why}` });
      }
      continue;
    }
    const earlier = result.headers[target.field];
    if (earlier !== undefined) {
      result.problems.push({ line, field: shown, message: `duplicate column: "${earlier}" and "${shown}" both mean ${target.field}` });
      result.fatal = true;
      result.duplicates[result.columns.length] = target.field;
      result.columns.push(null);
      continue;
    }
    result.headers[target.field] = shown;
    result.columns.push({ field: target.field, header: shown, multiplier: target.multiplier });
  }
  for (const wanted of Object.keys(options.map ?? {})) {
    const key = normalise(wanted);
    if (!header.some((h) => normalise(h) === key || excerpt(h.trim()) === wanted)) {
      result.warnings.push({ line, field: excerpt(wanted), message: 'no column has this header; its mapping was not used' });
    }
  }
  amountLeftOut(header, result, line);
  // Read by id, a row keeps its deal's value of every field the file leaves out (a sheet of `ID, Amount ($B)`); a row
  // without an id adds a deal and says on its own line what it lacks.
  const byId = options.withId === true && result.columns.some((c) => c?.field === 'id');
  for (const field of REQUIRED_FIELDS) {
    if (result.headers[field] === undefined && !byId) {
      result.problems.push({ line, field, message: 'required column is missing' });
      result.fatal = true;
    }
  }
  return result;
}
