import { z } from 'zod';

/** The longest term a deal may run, in years. */
export const MAX_TERM_YEARS = 50;
export const DEAL_KINDS = ['investment', 'purchase', 'infrastructure'] as const;
export const DEAL_STATUSES = ['rumored', 'announced', 'signed', 'closed', 'cancelled'] as const;
export const PARTY_KINDS = [
  'lab', 'hyperscaler', 'chipmaker', 'sovereign', 'investor', 'energy', 'neocloud', 'other',
] as const;

/** v2: how firm a headline amount is; `up_to` is a ceiling, `estimate` the analyst's own valuation. */
export const AMOUNT_BASES = ['firm', 'up_to', 'estimate'] as const;
/** v2: how much of `announced` is known; a coarser date is stored as the first day of its period. */
export const DATE_PRECISIONS = ['day', 'month', 'quarter', 'year'] as const;
/** v2: how much a pair's round trip is known (see the spec's "Unknown is not zero"). */
export const ROUND_TRIP_BASES = ['exact', 'at_least', 'unknown'] as const;

export type AmountBasis = (typeof AMOUNT_BASES)[number];
export type DatePrecision = (typeof DATE_PRECISIONS)[number];
export type RoundTripBasis = (typeof ROUND_TRIP_BASES)[number];
export type DealKind = (typeof DEAL_KINDS)[number];
export type DealStatus = (typeof DEAL_STATUSES)[number];
export type PartyKind = (typeof PARTY_KINDS)[number];

/** Every input field of a deal, in the grid's and the CSV export's order. */
export const DEAL_FIELDS = [
  'announced', 'announced_precision', 'from_party', 'to_party', 'kind', 'status', 'amount_usd', 'amount_basis',
  'cash_usd', 'credit_usd', 'term_years', 'start', 'capacity_mw', 'source_url', 'notes',
] as const;
export type DealField = (typeof DEAL_FIELDS)[number];

export const DERIVED_FIELDS = ['cash_share', 'credit_share', 'other_share', 'round_trip_ratio', 'round_trip_basis'] as const;
export type DerivedField = (typeof DERIVED_FIELDS)[number];

export const REQUIRED_FIELDS: readonly DealField[] = ['announced', 'from_party', 'to_party', 'kind'];

export const MAX_PARTY_NAME = 120;
export const MAX_NOTES = 10_000;
export const MIN_DATE = '1990-01-01';
export const MAX_DATE = '2100-12-31';

/** A deal as stored: plain USD numbers, ISO dates, party names as the book spells them. */
export type Deal = {
  id: number;
  announced: string;
  announced_precision: DatePrecision;
  from_party: string;
  to_party: string;
  kind: DealKind;
  status: DealStatus;
  amount_usd: number | null;
  amount_basis: AmountBasis;
  cash_usd: number | null;
  credit_usd: number | null;
  term_years: number;
  start: string | null;
  capacity_mw: number | null;
  source_url: string | null;
  notes: string | null;
};

export type DealValues = Omit<Deal, 'id'>;

export type DealDerived = {
  cash_share: number | null;
  credit_share: number | null;
  other_share: number | null;
  round_trip_ratio: number | null;
  /** Null exactly when round_trip_ratio has no place (not a counted investment row, or internal to a group). */
  round_trip_basis: RoundTripBasis | null;
};

/** A deal with its derived columns, as the grid and the CSV export show it. */
export type DealRow = Deal & DealDerived;

/** A party of the book; `parent` (v2) names another party (AWS -> Amazon), null for a top-level party. */
export type Party = { id: number; name: string; kind: PartyKind; parent: string | null; deal_count: number };

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => s >= MIN_DATE && s <= MAX_DATE, `must be between ${MIN_DATE} and ${MAX_DATE}`)
  .refine((s) => isRealDate(s), 'is not a real calendar date');

const money = z.number().finite('must be a finite number').nonnegative('must not be negative');

// A NUL character cannot travel through CSV (a file holding one reads as binary), so no text field may hold one.
export const hasNoNul = (s: string): boolean => !s.includes('\u0000');
export const NUL_MESSAGE = 'must not contain a NUL character';

// A lone surrogate cannot be written as UTF-8 (SQLite, CSV and JSON would each mangle it differently).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const hasNoLoneSurrogate = (s: string): boolean => !LONE_SURROGATE.test(s);
export const SURROGATE_MESSAGE = 'must not contain a lone UTF-16 surrogate (broken Unicode text)';
/** Text any field may hold: no NUL, no lone surrogate. Returns the message for the first rule broken, or null. */
export function textProblem(s: string): string | null {
  if (!hasNoNul(s)) return NUL_MESSAGE;
  return hasNoLoneSurrogate(s) ? null : SURROGATE_MESSAGE;
}

const partyName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(MAX_PARTY_NAME, `must be at most ${MAX_PARTY_NAME} characters`)
  .refine(hasNoNul, NUL_MESSAGE)
  .refine(hasNoLoneSurrogate, SURROGATE_MESSAGE);

/** The typed values of a deal, before the cross-field rules. */
export const dealValuesShape = z.object({
  announced: isoDate,
  announced_precision: z.enum(DATE_PRECISIONS),
  from_party: partyName,
  to_party: partyName,
  kind: z.enum(DEAL_KINDS),
  status: z.enum(DEAL_STATUSES),
  amount_usd: money.nullable(),
  amount_basis: z.enum(AMOUNT_BASES),
  cash_usd: money.nullable(),
  credit_usd: money.nullable(),
  term_years: z.number().int('must be a whole number of years').min(1, 'must be at least 1').max(MAX_TERM_YEARS, `must be at most ${MAX_TERM_YEARS}`),
  start: isoDate.nullable(),
  capacity_mw: money.nullable(),
  source_url: z
    .string()
    .max(2048, 'must be at most 2048 characters')
    .refine(hasNoNul, NUL_MESSAGE)
    .refine((s) => isHttpUrl(s), 'must be an http:// or https:// URL')
    .nullable(),
  notes: z
    .string()
    .max(MAX_NOTES, `must be at most ${MAX_NOTES} characters`)
    .refine(hasNoNul, NUL_MESSAGE)
    .refine(hasNoLoneSurrogate, SURROGATE_MESSAGE)
    .nullable(),
});

/** A complete, valid deal: field rules plus the spec's cross-field rules. */
export const dealValuesSchema = dealValuesShape.superRefine((d, ctx) => {
  for (const issue of crossFieldIssues(d)) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
});

export type FieldIssue = { field: DealField; message: string };

/** Rules that involve more than one field; each issue names the field to blame. */
export function crossFieldIssues(d: DealValues): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (d.kind !== 'infrastructure' && samePartyKey(d.from_party, d.to_party)) {
    issues.push({ field: 'to_party', message: 'must differ from from_party unless kind is infrastructure' });
  }
  if (d.announced_precision !== undefined && d.announced_precision !== 'day' && periodStart(d.announced, d.announced_precision) !== d.announced) {
    issues.push({ field: 'announced', message: `must be the first day of its ${d.announced_precision} (${periodStart(d.announced, d.announced_precision)}) when announced_precision is ${d.announced_precision}` });
  }
  if (d.amount_usd !== null) {
    const paid = (d.cash_usd ?? 0) + (d.credit_usd ?? 0);
    if (paid > d.amount_usd * (1 + 1e-9) && paid - d.amount_usd > 1e-9) {
      issues.push({
        field: d.credit_usd ? 'credit_usd' : 'cash_usd',
        message: 'cash_usd + credit_usd must not exceed amount_usd',
      });
    }
  }
  return issues;
}

// Invisible characters that make two names look the same are Unicode's Default_Ignorable_Code_Point set (the
// characters a renderer shows nothing for when it does not support them): zero-width spaces and joiners, the word
// joiner and BOM, the soft hyphen, the direction marks and embeddings a right-to-left name picks up when pasted
// (U+200E/F, U+061C), the Hangul fillers, the combining grapheme joiner, variation selectors and tag characters
// (issue 17). Taking Unicode's set rather than a hand-kept list means the next invisible character is covered too.
// The cost, accepted: a name loses its variation selectors and tags too, so "❤️ Capital" is stored and matched as
// "❤ Capital" (an emoji may show in text style) and a tag-sequence flag as the plain black flag.
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const SIMPLE_ASCII = /^[\x21-\x7E]+(?: [\x21-\x7E]+)*$/;

/**
 * A party name as it is stored and shown: Unicode NFC, invisible (default-ignorable) characters removed, trimmed,
 * runs of whitespace collapsed to one space. Spelling and case are kept.
 */
export function cleanPartyName(name: string): string {
  if (SIMPLE_ASCII.test(name)) return name;
  // Removed before composing: an invisible character between a letter and its accent ("e" U+034F U+0301) keeps
  // them from composing, so NFC first would leave a decomposed "é" behind once it is gone.
  return name.replace(IGNORABLE, '').normalize('NFC').trim().replace(/\s+/g, ' ');
}

/**
 * THE one rule for whether two party names are one party (spec v2): the clean name, case-folded. Every
 * comparison of party names (metrics, charts, the database's name_key column, imports) goes through this.
 */
export function partyKey(name: string): string {
  return cleanPartyName(name).toLowerCase();
}

/** partyKey(a) === partyKey(b); equal spellings (the common case on import) skip building keys. */
export function samePartyKey(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length && SIMPLE_ASCII.test(a) && SIMPLE_ASCII.test(b)) {
    for (let i = 0; i < a.length; i++) {
      let c = a.charCodeAt(i);
      let d = b.charCodeAt(i);
      if (c === d) continue;
      if (c >= 65 && c <= 90) c += 32;
      if (d >= 65 && d <= 90) d += 32;
      if (c !== d) return false;
    }
    return true;
  }
  return partyKey(a) === partyKey(b);
}

export function isHttpUrl(s: string): boolean {
  if (!/^https?:\/\//i.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

// Calendar arithmetic rather than a Date per call: imports check two dates on each of 100k rows.
export function isRealDate(iso: string): boolean {
  const [y, m, d] = isoParts(iso) ?? iso.split('-').map(Number);
  if (!y || !m || !d || m > 12) return false;
  return d <= daysInMonth(Math.trunc(y), Math.trunc(m));
}

/** [year, month, day] of exactly `dddd-dd-dd` without allocating substrings; null for anything else. */
export function isoParts(iso: string): [number, number, number] | null {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return null;
  let y = 0;
  let m = 0;
  let d = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const digit = iso.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    if (i < 4) y = y * 10 + digit;
    else if (i < 7) m = m * 10 + digit;
    else d = d * 10 + digit;
  }
  return [y, m, d];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The first day of the month, quarter or year holding an ISO date (the day itself for `day`). */
export function periodStart(iso: string, precision: DatePrecision): string {
  if (precision === 'day' || iso.length < 10) return iso;
  const year = iso.slice(0, 4);
  if (precision === 'year') return `${year}-01-01`;
  const month = Number(iso.slice(5, 7));
  const first = precision === 'quarter' ? Math.floor((month - 1) / 3) * 3 + 1 : month;
  return `${year}-${String(first).padStart(2, '0')}-01`;
}

export const DEAL_DEFAULTS = {
  status: 'announced',
  term_years: 1,
  amount_basis: 'firm',
  announced_precision: 'day',
} as const satisfies Partial<DealValues>;

export const partyKindSchema = z.enum(PARTY_KINDS);
