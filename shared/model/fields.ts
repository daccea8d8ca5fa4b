import {
  AMOUNT_BASES,
  DATE_PRECISIONS,
  DEAL_DEFAULTS,
  DEAL_FIELDS,
  DEAL_KINDS,
  DEAL_STATUSES,
  MAX_NOTES,
  MAX_PARTY_NAME,
  REQUIRED_FIELDS,
  crossFieldIssues,
  dealValuesSchema,
  dealValuesShape,
  cleanPartyName,
  isHttpUrl,
  periodStart,
  textProblem,
  type AmountBasis,
  type DatePrecision,
  type DealField,
  type DealKind,
  type DealStatus,
  type DealValues,
  type FieldIssue,
} from './deal';
import type { RawValue, RawValues } from './raw-values';
import { parseAmount, parseInteger, parseMoney, parseNumber, parsePreciseDate, type ParseOptions, type Parsed } from './parse';

const good = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

const text = (raw: RawValue): string => (raw === null ? '' : String(raw).trim());
const MAX_URL = 2048;

function required<T>(raw: RawValue, parse: (s: string) => Parsed<T>): Parsed<T> {
  const s = text(raw);
  return s === '' ? bad('is required') : parse(s);
}

function oneOf<T extends string>(allowed: readonly T[], aliases: ReadonlyMap<string, T> = new Map()): (s: string) => Parsed<T> {
  return (s) => {
    const lower = s.toLowerCase();
    const hit = allowed.find((a) => a === lower) ?? aliases.get(lower);
    return hit ? good(hit) : bad(`must be one of ${allowed.join(', ')}`);
  };
}

// The spec's clean form (NFC, no invisible (default-ignorable) characters, whitespace collapsed) so "Open  AI" and
// "Open AI" cannot become two parties.
function partyName(raw: RawValue): Parsed<string> {
  const problem = raw === null ? null : textProblem(String(raw));
  if (problem) return bad(problem);
  return required(raw === null ? null : cleanPartyName(String(raw)), (name) => {
    return name.length > MAX_PARTY_NAME ? bad(`must be at most ${MAX_PARTY_NAME} characters`) : good(name);
  });
}

function dateCell(raw: RawValue, options: ParseOptions): Parsed<string | null> {
  const d = parsePreciseDate(raw === null ? null : String(raw), options);
  return d.ok ? good(d.value === null ? null : d.value.date) : d;
}

function requiredDate(raw: RawValue, options: ParseOptions): Parsed<string> {
  const d = dateCell(raw, options);
  if (!d.ok) return d;
  return d.value === null ? bad('is required') : good(d.value);
}

function amount(raw: RawValue): Parsed<number | null> {
  const a = parseAmount(raw);
  return a.ok ? good(a.value.value) : a;
}

function termYears(raw: RawValue): Parsed<number> {
  const s = text(raw).replace(/\s*(y|yr|yrs|year|years)$/i, '');
  if (s === '') return good(DEAL_DEFAULTS.term_years);
  const n = parseInteger(typeof raw === 'number' ? raw : s);
  if (!n.ok || n.value === null) return bad('must be a whole number of years from 1 to 50');
  return n.value >= 1 && n.value <= 50 ? good(n.value) : bad('must be a whole number of years from 1 to 50');
}

function sourceUrl(raw: RawValue): Parsed<string | null> {
  const s = text(raw);
  if (s === '') return good(null);
  if (s.length > MAX_URL) return bad(`must be at most ${MAX_URL} characters`);
  const problem = textProblem(s);
  if (problem) return bad(problem);
  if (isHttpUrl(s)) return good(s);
  // A link copied without its scheme (`www.ft.com/...`): say the form that works rather than guess it.
  const bare = /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:[/?#]\S*)?$/i.test(s) && isHttpUrl(`https://${s}`);
  return bad(bare ? `must be an http:// or https:// URL: write https://${s.length > 60 ? `${s.slice(0, 60)}…` : s}` : 'must be an http:// or https:// URL');
}

function notes(raw: RawValue): Parsed<string | null> {
  const s = text(raw);
  if (s === '') return good(null);
  const problem = textProblem(s);
  if (problem) return bad(problem);
  return s.length > MAX_NOTES ? bad(`must be at most ${MAX_NOTES} characters`) : good(s);
}

const parseStatus = oneOf<DealStatus>(DEAL_STATUSES, new Map([['canceled', 'cancelled'], ['rumoured', 'rumored']]));
const parseKind = oneOf<DealKind>(DEAL_KINDS);
const parseBasis = oneOf<AmountBasis>(AMOUNT_BASES, new Map([
  ['up to', 'up_to'], ['up-to', 'up_to'], ['upto', 'up_to'], ['ceiling', 'up_to'], ['≤', 'up_to'], ['<=', 'up_to'],
  ['est', 'estimate'], ['est.', 'estimate'], ['estimated', 'estimate'], ['~', 'estimate'],
]));
const parsePrecision = oneOf<DatePrecision>(DATE_PRECISIONS);

type FieldParsers = { [F in DealField]: (raw: RawValue, options: ParseOptions) => Parsed<DealValues[F]> };

const PARSERS: FieldParsers = {
  announced: requiredDate,
  announced_precision: (raw) => (text(raw) === '' ? good(DEAL_DEFAULTS.announced_precision) : parsePrecision(text(raw))),
  from_party: partyName,
  to_party: partyName,
  kind: (raw) => required(raw, parseKind),
  status: (raw) => (text(raw) === '' ? good(DEAL_DEFAULTS.status) : parseStatus(text(raw))),
  amount_usd: amount,
  amount_basis: (raw) => (text(raw) === '' ? good(DEAL_DEFAULTS.amount_basis) : parseBasis(text(raw))),
  cash_usd: parseMoney,
  credit_usd: parseMoney,
  term_years: termYears,
  start: dateCell,
  capacity_mw: parseNumber,
  source_url: sourceUrl,
  notes,
};

/** One raw cell (typed, pasted, imported or sent) to the field's stored value. Grid, CSV and service all use this. */
export function parseField<F extends DealField>(field: F, raw: RawValue, options: ParseOptions = {}): Parsed<DealValues[F]> {
  const parse: FieldParsers[F] = PARSERS[field];
  return parse(raw, options);
}

/**
 * What a typed cell implies for its companion field (v2): `Q3 2025` in announced sets announced_precision to
 * quarter, `up to 100B` in amount_usd sets amount_basis to up_to (a plain amount sets firm). Empty when the
 * cell implies nothing. buildDeal applies it unless the same edit sets the companion itself.
 */
export function impliedFields(field: DealField, raw: RawValue, options: ParseOptions = {}): Partial<DealValues> {
  if (field === 'announced') {
    const d = parsePreciseDate(raw === null ? null : String(raw), options);
    return d.ok && d.value ? { announced_precision: d.value.precision } : {};
  }
  if (field === 'amount_usd') {
    const a = parseAmount(raw);
    return a.ok ? { amount_basis: a.value.basis ?? DEAL_DEFAULTS.amount_basis } : {};
  }
  return {};
}

/**
 * A new deal before any cell is filled in: defaults where the spec has them, required fields still missing.
 * Keys in column order, so a built deal lists its fields the way the schema would.
 */
export const NEW_DEAL: Readonly<Partial<DealValues>> = {
  announced: undefined,
  announced_precision: DEAL_DEFAULTS.announced_precision,
  from_party: undefined,
  to_party: undefined,
  kind: undefined,
  status: DEAL_DEFAULTS.status,
  amount_usd: null,
  amount_basis: DEAL_DEFAULTS.amount_basis,
  cash_usd: null,
  credit_usd: null,
  term_years: DEAL_DEFAULTS.term_years,
  start: null,
  capacity_mw: null,
  source_url: null,
  notes: null,
};

export type BuiltDeal = { ok: true; deal: DealValues } | { ok: false; problems: FieldIssue[] };

/**
 * Parses every provided cell over `base` (or a new deal's defaults) and validates the result. Reports every bad
 * field at once, in column order; cross-field rules run once each field is valid on its own. Never returns an
 * invalid deal: every field of a new deal comes out of its parser, which enforces the schema's rule for it
 * (test/shared/model/fields-fast-path.test.ts holds them together); a base from elsewhere goes through the zod schema.
 */
export function buildDeal(raw: RawValues, base?: DealValues, options: ParseOptions = {}): BuiltDeal {
  const values: Partial<Record<DealField, unknown>> = { ...(base ?? NEW_DEAL) };
  const problems: FieldIssue[] = [];
  for (const field of DEAL_FIELDS) {
    const cell = raw[field];
    if (cell === undefined) continue;
    const parsed = parseField(field, cell, options);
    if (parsed.ok) values[field] = parsed.value;
    else problems.push({ field, message: parsed.message });
  }
  // A typed `Q3 2025` or `up to 100B` carries its companion field, unless the same edit sets that field too.
  if (raw.announced !== undefined && raw.announced_precision === undefined && !problems.length) {
    Object.assign(values, impliedFields('announced', raw.announced, options));
  }
  if (raw.amount_usd !== undefined && raw.amount_basis === undefined) Object.assign(values, impliedFields('amount_usd', raw.amount_usd));
  // A coarser precision keeps the first day of its period (2025-09-22 at month precision is 2025-09-01).
  const precision = values.announced_precision as DatePrecision | undefined;
  if (typeof values.announced === 'string' && precision && precision !== 'day') values.announced = periodStart(values.announced, precision);
  for (const field of REQUIRED_FIELDS) {
    if (values[field] === undefined && !problems.some((p) => p.field === field)) problems.push({ field, message: 'is required' });
  }
  if (problems.length) return { ok: false, problems: inColumnOrder(problems) };

  // A new deal: defaults plus parsed cells only, so the schema pass would re-check what the parsers just checked
  // (it cost ~10 us a row, most of a 100k-row import).
  if (base === undefined) {
    const deal = values as DealValues;
    const cross = crossFieldIssues(deal);
    return cross.length ? { ok: false, problems: inColumnOrder(blameEdited(cross, raw)) } : { ok: true, deal };
  }

  // Parsing already enforces each field's rules; the shape check types the merged values (and catches a bad base).
  const shaped = dealValuesShape.safeParse(values);
  if (!shaped.success) return { ok: false, problems: schemaProblems(shaped.error.issues) };
  const cross = crossFieldIssues(shaped.data);
  if (cross.length) return { ok: false, problems: inColumnOrder(blameEdited(cross, raw)) };
  const final = dealValuesSchema.safeParse(shaped.data);
  return final.success ? { ok: true, deal: final.data } : { ok: false, problems: schemaProblems(final.error.issues) };
}

// Fields that a cross-field rule reads together; the one the analyst just typed is the one to name.
const RULE_GROUPS: readonly (readonly DealField[])[] = [
  ['cash_usd', 'credit_usd', 'amount_usd'],
  ['announced', 'announced_precision'],
  ['to_party', 'from_party', 'kind'],
];

function blameEdited(issues: FieldIssue[], raw: RawValues): FieldIssue[] {
  return issues.map((issue) => {
    const group = RULE_GROUPS.find((g) => g.includes(issue.field));
    const typed = group?.find((f) => raw[f] !== undefined);
    return typed && raw[issue.field] === undefined ? { ...issue, field: typed } : issue;
  });
}

function schemaProblems(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldIssue[] {
  const seen = new Set<string>();
  const problems: FieldIssue[] = [];
  for (const issue of issues) {
    // Every rule in the schema sits on a field; a path-less issue would be a schema change, blamed on the first column.
    const field = DEAL_FIELDS.find((f) => f === issue.path[0]) ?? DEAL_FIELDS[0];
    const key = `${field}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ field, message: issue.message });
  }
  return inColumnOrder(problems);
}

function inColumnOrder(issues: FieldIssue[]): FieldIssue[] {
  return [...issues].sort((a, b) => DEAL_FIELDS.indexOf(a.field) - DEAL_FIELDS.indexOf(b.field));
}
