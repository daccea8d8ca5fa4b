import { MAX_DATE, MIN_DATE, isRealDate, type AmountBasis, type DatePrecision } from './deal';

/** The outcome of reading one typed or pasted cell: a value, or a message that follows the field name. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const good = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

export const MONEY_HELP =
  'must be a USD amount such as 45000000000, 45e9, 45B, 45 bn, $45bn, 45,000M, 750M or 1.2T (suffixes K, M/mm/mn, B/bn, T/tn)';
export const DATE_HELP =
  'must be a date such as 2025-09-22 (YYYY-MM-DD), September 22, 2025, 22 Sep 2025, 2025-09, Sep 2025, Q3 2025 or 2025';

/** How to read numeric day/month dates that both orders allow (`3/4/2025`): a book setting, default none. */
export const DATE_ORDERS = ['DMY', 'MDY'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** Options every cell parser takes (CSV import passes the file's or the book's, the grid the book's). */
export type ParseOptions = { dateOrder?: DateOrder | null };

/** Powers of ten per suffix, so scaling is exact decimal arithmetic, never a float multiply. */
const MONEY_SUFFIXES = new Map(Object.entries({
  k: 3, thousand: 3, thousands: 3,
  m: 6, mm: 6, mn: 6, mio: 6, million: 6, millions: 6,
  b: 9, bn: 9, billion: 9, billions: 9,
  t: 12, tn: 12, trillion: 12, trillions: 12,
}));

// Commas are accepted only as thousands separators (1,200,000), so a European decimal comma (45,5B) is rejected, not misread.
const DECIMAL = String.raw`(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?(?:[eE]([+-]?\d+))?`;
const MONEY_RE = new RegExp(String.raw`^${DECIMAL}\s*([a-zA-Z]+)?$`);
const PLAIN_RE = new RegExp(String.raw`^${DECIMAL}$`);
const PLAIN_DIGITS = /^\d+$/;

type Decimal = { digits: string; exp: number; scaled: boolean };

/** Splits `1,200.5e3` into an exact decimal string and a power of ten; `scaled` = the text states its own scale. */
function readDecimal(intPart: string | undefined, frac: string | undefined, exp: string | undefined): Decimal | null {
  if (intPart === undefined && frac === undefined) return null;
  const digits = `${(intPart ?? '0').replaceAll(',', '')}.${frac ?? '0'}`;
  const e = exp === undefined ? 0 : Number(exp);
  return Number.isSafeInteger(e) ? { digits, exp: e, scaled: exp !== undefined } : null;
}

/** `Number('1.2e12')` is the double nearest the decimal, so 1.2T is exactly 1200000000000. */
function toNumber(d: Decimal, extraExp: number): number {
  return Number(`${d.digits}e${d.exp + extraExp}`);
}

function finiteNonNegative(n: number): Parsed<number> {
  if (Number.isNaN(n) || !Number.isFinite(n)) return bad('must be a finite number');
  if (n < 0) return bad('must not be negative');
  return good(n === 0 ? 0 : n);
}

const isEmptyText = (s: string): boolean => s === '' || s.toLowerCase() === '(empty)';

/** Strips one leading minus (before or after the `$`) so `-5B` gets the precise "negative" message. */
function splitSign(s: string): { negative: boolean; rest: string } {
  const m = /^(\$?)\s*-\s*(.*)$/.exec(s);
  return m ? { negative: true, rest: `${m[1]}${m[2]}` } : { negative: false, rest: s };
}

/** Dollars named, as news and filings write them: `$`, `US$`, `USD` before the number, or `USD` after it. */
const DOLLAR_PREFIX = /^(?:US\s?\$|USD\s?\$?|\$)\s*/i;
const DOLLAR_SUFFIX = /\s*(?:USD|US\$)$/i;
/** Another currency, named by its sign or its ISO code: refused as such, never read as dollars. */
const OTHER_CURRENCY = /[€£¥₹₩]|\b(?:EUR|GBP|JPY|CNY|RMB|CHF|CAD|AUD|INR|KRW|SAR|AED|SGD|HKD)\b/i;

/** `$10-15B`, `10 to 15 bn`, `10–15B`: two amounts where one goes. */
const RANGE = /^\$?\s*\d[\d.,]*\s*[a-z]*\s*(?:-|–|—|to)\s*\$?\s*\d[\d.,]*\s*[a-z]*$/i;

/** What sheets and tools write for a value not known (pandas' NaN, R's NA, a typed n/a or TBD): never read as 0. */
const UNKNOWN_WORDS = /^(?:nan|na|n\/a|#n\/a|null|none|-|–|—|tbd|tba|undisclosed|unknown|not disclosed|\?)$/i;

function readMoney(text: string): Parsed<Decimal & { suffixExp: number }> {
  const { negative, rest } = splitSign(text.replace(/^(?:USD|US\s?\$)\s*(?=-)/i, '$'));
  const body = rest.replace(DOLLAR_PREFIX, '').replace(DOLLAR_SUFFIX, '');
  const m = MONEY_RE.exec(body);
  const d = m ? readDecimal(m[1], m[2], m[3]) : null;
  if (!m || !d) {
    const other = OTHER_CURRENCY.exec(text);
    if (other) return bad(`is in another currency (${other[0]}): amounts are US dollars; convert it and write USD`);
    if (RANGE.test(text)) return bad('is a range: write one amount, "up to 15B" for a ceiling or "~12.5B" for an estimate');
    return bad(UNKNOWN_WORDS.test(text) ? `is not an amount: leave the cell empty when the amount is not known (undisclosed), or write 0 when it is nothing; otherwise it ${MONEY_HELP}` : MONEY_HELP);
  }
  const suffix = m[4]?.toLowerCase();
  const suffixExp = suffix === undefined ? 0 : MONEY_SUFFIXES.get(suffix);
  if (suffixExp === undefined) return bad(MONEY_HELP);
  if (negative) return bad('must not be negative');
  return good({ ...d, scaled: d.scaled || suffix !== undefined, suffixExp });
}

/** Thousands grouped by spaces, as French, Nordic and Swiss locales write them (a space, U+00A0, U+202F, U+2009). */
const SPACED_GROUPS = /(?<![\d.,])\d{1,3}(?:[ \u00A0\u202F\u2009]\d{3})+(?!\d)/g;
const GROUP_SPACE = /[ \u00A0\u202F\u2009]/g;

/** `1 300 000 000` -> `1300000000` (and `1 300,5` -> `1300,5`): digit groups of three joined, nothing else touched. */
export function joinDigitGroups(text: string): string {
  return /\d[ \u00A0\u202F\u2009]\d/.test(text) ? text.replace(SPACED_GROUPS, (g) => g.replace(GROUP_SPACE, '')) : text;
}

/** A money cell as analysts type or paste it; empty, whitespace or `(empty)` clears it (null). */
export function parseMoney(raw: string | number | null): Parsed<number | null> {
  return parseMoneyWithUnit(raw, 1);
}

/**
 * A money cell under a header that names a unit, e.g. `Amount ($B)` with unitMultiplier 1e9: a bare `45`
 * means 45e9, while a cell that states its own scale (`750M`, `4.5e10`) keeps it.
 */
export function parseMoneyWithUnit(raw: string | number | null, unitMultiplier: number): Parsed<number | null> {
  if (!(unitMultiplier > 0) || !Number.isFinite(unitMultiplier)) return bad('has an invalid unit');
  const unitExp = Math.round(Math.log10(unitMultiplier));
  const exactUnit = 10 ** unitExp === unitMultiplier;
  const scale = (n: number): number => (exactUnit ? scaleExact(n, unitExp) : n * unitMultiplier);
  if (raw === null) return good(null);
  if (typeof raw === 'number') {
    const checked = finiteNonNegative(raw);
    return checked.ok ? finiteNonNegative(scale(checked.value)) : checked;
  }
  const text = joinDigitGroups(raw.trim());
  if (isEmptyText(text)) return good(null);
  // Fast path for what exports hold, plain whole dollars: Number() of the digits is the same nearest double.
  if (unitMultiplier === 1 && text.length < 300 && PLAIN_DIGITS.test(text)) return good(Number(text));
  const read = readMoney(text);
  if (!read.ok) return read;
  const d = read.value;
  const value = d.scaled ? toNumber(d, d.suffixExp) : exactUnit ? toNumber(d, unitExp) : toNumber(d, 0) * unitMultiplier;
  if (!Number.isFinite(value)) return bad('is too large');
  return good(value === 0 ? 0 : value);
}

/** n * 10^exp through the decimal text of n, so 1.2 * 1e12 does not pick up float noise. */
function scaleExact(n: number, exp: number): number {
  const [mantissa, e = '0'] = String(n).split('e');
  return Number(`${mantissa}e${Number(e) + exp}`);
}

/**
 * A whole number, optionally with thousands separators; empty is null. A point and zeros after it (`5.0`, `5.00`)
 * still write a whole number: spreadsheets and pandas save one so when the column is formatted or typed as decimal.
 */
export function parseInteger(raw: string | number | null): Parsed<number | null> {
  if (raw === null) return good(null);
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? good(raw === 0 ? 0 : raw) : bad('must be a whole number');
  const text = raw.trim();
  if (isEmptyText(text)) return good(null);
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?$/.exec(text);
  if (!m) return bad('must be a whole number');
  const n = Number(`${m[1]}${m[2]!.replaceAll(',', '')}`);
  return Number.isSafeInteger(n) ? good(n === 0 ? 0 : n) : bad('is too large');
}

/** A non-negative quantity such as capacity: `1200`, `1,200.5`, `1200 MW`; `1.2 GW` is read as 1200 (megawatts). */
export function parseNumber(raw: string | number | null): Parsed<number | null> {
  const help = 'must be a non-negative number such as 1200, 1,200.5 or 1200 MW';
  if (raw === null) return good(null);
  if (typeof raw === 'number') return finiteNonNegative(raw);
  const text = joinDigitGroups(raw.trim());
  if (isEmptyText(text)) return good(null);
  const { negative, rest } = splitSign(text);
  const m = /^(.*?)\s*(mw|gw)?$/i.exec(rest)!;
  const n = PLAIN_RE.exec(m[1]!);
  const d = n ? readDecimal(n[1], n[2], n[3]) : null;
  if (!d) return bad(help);
  if (negative) return bad('must not be negative');
  const value = toNumber(d, m[2]?.toLowerCase() === 'gw' ? 3 : 0);
  return Number.isFinite(value) ? good(value === 0 ? 0 : value) : bad('is too large');
}

// A Map, not an object literal, so names like "constructor" find nothing.
const MONTHS = new Map(Object.entries({
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
}));

type DateParts = [year: string, month: string | number | undefined, day: string | undefined, precision: DatePrecision];

const QUARTER_MONTH = (q: string): number => (Number(q) - 1) * 3 + 1;

/** Forms whose field order cannot be misread; each yields [year, month, day, precision]. */
const DATE_FORMS: { re: RegExp; parts: (m: RegExpExecArray) => DateParts }[] = [
  // 2025-09-22, 2025/09/22, and a timestamp's date part (2025-09-22T10:00:00Z) as written, without a time-zone shift.
  { re: /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/i, parts: (m) => [m[1]!, m[3], m[4], 'day'] },
  { re: /^(\d{4})-(\d{1,2})$/, parts: (m) => [m[1]!, m[2], '1', 'month'] },
  { re: /^(\d{4})$/, parts: (m) => [m[1]!, 1, '1', 'year'] },
  // Q3 2025, 2025-Q3, 2025 Q3, 3Q 2025, 3Q25 is not taken (two-digit years are ambiguous).
  { re: /^q([1-4])[\s-]*(\d{4})$/i, parts: (m) => [m[2]!, QUARTER_MONTH(m[1]!), '1', 'quarter'] },
  { re: /^(\d{4})[\s-]*q([1-4])$/i, parts: (m) => [m[1]!, QUARTER_MONTH(m[2]!), '1', 'quarter'] },
  { re: /^([1-4])q[\s-]*(\d{4})$/i, parts: (m) => [m[2]!, QUARTER_MONTH(m[1]!), '1', 'quarter'] },
  { re: /^([a-z]+)\.?[\s-]+(\d{4})$/i, parts: (m) => [m[2]!, monthOf(m[1]!), '1', 'month'] },
  { re: /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i, parts: (m) => [m[3]!, monthOf(m[1]!), m[2], 'day'] },
  { re: /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})$/i, parts: (m) => [m[3]!, monthOf(m[2]!), m[1], 'day'] },
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// 22/09/2025, 9/22/2025, 18.11.2025, 22-09-2025: day and month in an order the text does not say.
const NUMERIC_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;

const monthOf = (name: string): number | undefined => MONTHS.get(name.toLowerCase());
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY = /^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?,?\s+(?=\S)/i;
const cap = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date with how much of it is known; `date` is the first day of its period. */
export type PreciseDate = { date: string; precision: DatePrecision };

const iso = (y: string | number, m: string | number, d: string | number): string =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function checkedDate(date: string, precision: DatePrecision): Parsed<PreciseDate> {
  if (!isRealDate(date)) return bad('is not a real calendar date');
  if (date < MIN_DATE || date > MAX_DATE) return bad(`must be between ${MIN_DATE} and ${MAX_DATE}`);
  return good({ date, precision });
}

/** 3/4/2025 and the like: accepted when only one reading is a real date, or when the date order decides. */
function numericDate(m: RegExpExecArray, options: ParseOptions): Parsed<PreciseDate> {
  const a = Number(m[1]);
  const b = Number(m[3]);
  const year = m[4]!;
  const dmy = iso(year, b, a);
  const mdy = iso(year, a, b);
  const dmyOk = b <= 12 && isRealDate(dmy);
  const mdyOk = a <= 12 && isRealDate(mdy);
  if (dmyOk && mdyOk && dmy !== mdy) {
    if (options.dateOrder === 'DMY') return checkedDate(dmy, 'day');
    if (options.dateOrder === 'MDY') return checkedDate(mdy, 'day');
    return bad(
      `is ambiguous: ${a} ${MONTH_NAMES[b - 1]} or ${MONTH_NAMES[a - 1]} ${b}, ${year}; write ${dmy} or ${mdy} (YYYY-MM-DD), or set the date order (DMY or MDY)`,
    );
  }
  if (dmyOk) return checkedDate(dmy, 'day');
  if (mdyOk) return checkedDate(mdy, 'day');
  return bad('is not a real calendar date');
}

/**
 * A date cell with its precision (v2): `2025-09-22`, `September 22, 2025`, `22 Sep 2025` (day), `2025-09`,
 * `Sep 2025` (month), `Q3 2025`, `2025-Q3`, `3Q 2025` (quarter), `2025` (year), and numeric day/month forms
 * that only one order allows (or that options.dateOrder decides). Empty is null.
 */
export function parsePreciseDate(raw: string | null, options: ParseOptions = {}): Parsed<PreciseDate | null> {
  if (raw === null) return good(null);
  // Fast path for the ISO form every export writes; it is already the stored text.
  if (raw.length === 10 && ISO_DATE.test(raw)) return checkedDate(raw, 'day');
  const text = raw.trim().replace(/\s+/g, ' ');
  if (isEmptyText(text)) return good(null);
  // Excel's long date (`Monday, September 22, 2025`) names the weekday: dropped, once it agrees with the date.
  const weekday = WEEKDAY.exec(text);
  if (weekday) {
    const read = parsePreciseDate(text.slice(weekday[0].length), options);
    if (!read.ok || read.value === null || read.value.precision !== 'day') return read.ok ? bad(DATE_HELP) : read;
    const named = WEEKDAYS.findIndex((w) => w.startsWith(weekday[1]!.toLowerCase().slice(0, 3)));
    const actual = new Date(`${read.value.date}T00:00:00Z`).getUTCDay();
    return named === actual ? read : bad(`says ${cap(WEEKDAYS[named]!)}, but ${read.value.date} is a ${cap(WEEKDAYS[actual]!)}: check the date`);
  }
  const numeric = NUMERIC_DATE.exec(text);
  if (numeric) return numericDate(numeric, options);
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(text)) return bad('has a two-digit year: use YYYY-MM-DD, e.g. 2025-09-22');
  // `22-Sep-25`, `Sep-25` (Excel's d-mmm-yy and mmm-yy): 25 may be the year or the day, so no guess.
  const shortYear = /^(?:\d{1,2}[\s-])?([a-z]+)\.?[\s-]\d{2}$/i.exec(text);
  if (shortYear && monthOf(shortYear[1]!) !== undefined) return bad('has a two-digit year: use YYYY-MM-DD, e.g. 2025-09-22, or Sep 2025');
  for (const form of DATE_FORMS) {
    const m = form.re.exec(text);
    if (!m) continue;
    const [y, mo, d, precision] = form.parts(m);
    if (mo === undefined || d === undefined) return bad(DATE_HELP);
    return checkedDate(iso(y, mo, d), precision);
  }
  return bad(DATE_HELP);
}

/** A date cell to ISO `YYYY-MM-DD` (the first day of a coarser period); empty is null. */
export function parseDate(raw: string | null, options: ParseOptions = {}): Parsed<string | null> {
  const parsed = parsePreciseDate(raw, options);
  if (!parsed.ok) return parsed;
  return good(parsed.value === null ? null : parsed.value.date);
}

/** A money cell with the basis it may carry (v2): `up to 100B`, `<= 100B`, `≤100B` (up_to); `~34B`, `est. 34B` (estimate). */
export type MoneyWithBasis = { value: number | null; basis: AmountBasis | null };

const BASIS_PREFIXES: { re: RegExp; basis: AmountBasis }[] = [
  { re: /^(?:up\s+to|<=|≤|=<)\s*/i, basis: 'up_to' },
  { re: /^(?:~|≈|est(?:imated?)?\.?\s+|est\.)\s*/i, basis: 'estimate' },
];

/**
 * The headline amount: a money cell optionally prefixed by its basis. `basis` is null when the text states none
 * (a plain number), so the caller can keep an explicit amount_basis cell; a number is always plain.
 */
export function parseAmount(raw: string | number | null): Parsed<MoneyWithBasis> {
  if (raw === null || typeof raw === 'number') {
    const plain = parseMoney(raw);
    return plain.ok ? good({ value: plain.value, basis: null }) : plain;
  }
  const { basis, prefix, rest } = splitAmountBasis(raw);
  if (basis !== null) {
    if (isEmptyText(rest.trim())) return bad(`needs an amount after "${prefix.trim()}", e.g. ${basis === 'up_to' ? 'up to 100B' : '~34B'}`);
    const money = parseMoney(rest);
    return money.ok ? good({ value: money.value, basis }) : money;
  }
  const plain = parseMoney(rest);
  return plain.ok ? good({ value: plain.value, basis: null }) : plain;
}

/** A money cell's basis prefix (`up to `, `~`, `est. `...) apart from the money after it; none: basis null, prefix ''. */
export function splitAmountBasis(raw: string): { basis: AmountBasis | null; prefix: string; rest: string } {
  const text = raw.trim();
  for (const { re, basis } of BASIS_PREFIXES) {
    const m = re.exec(text);
    if (m) return { basis, prefix: m[0], rest: text.slice(m[0].length) };
  }
  return { basis: null, prefix: '', rest: text };
}
