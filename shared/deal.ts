import { z } from 'zod';

/** The longest term a deal may run, in years. */
export const MAX_TERM_YEARS = 50;
export const DEAL_KINDS = ['investment', 'purchase', 'infrastructure'] as const;
export const DEAL_STATUSES = ['rumored', 'announced', 'signed', 'closed', 'cancelled'] as const;
export const PARTY_KINDS = [
  'lab', 'hyperscaler', 'chipmaker', 'sovereign', 'investor', 'energy', 'neocloud', 'other',
] as const;

export type DealKind = (typeof DEAL_KINDS)[number];
export type DealStatus = (typeof DEAL_STATUSES)[number];
export type PartyKind = (typeof PARTY_KINDS)[number];

/** Every input field of a deal, in the grid's and the CSV export's order. */
export const DEAL_FIELDS = [
  'announced', 'from_party', 'to_party', 'kind', 'status', 'amount_usd', 'cash_usd', 'credit_usd',
  'term_years', 'start', 'capacity_mw', 'source_url', 'notes',
] as const;
export type DealField = (typeof DEAL_FIELDS)[number];

export const DERIVED_FIELDS = ['cash_share', 'credit_share', 'other_share', 'round_trip_ratio'] as const;
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
  from_party: string;
  to_party: string;
  kind: DealKind;
  status: DealStatus;
  amount_usd: number | null;
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
};

/** A deal with its derived columns, as the grid and the CSV export show it. */
export type DealRow = Deal & DealDerived;

export type Party = { id: number; name: string; kind: PartyKind; deal_count: number };

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => s >= MIN_DATE && s <= MAX_DATE, `must be between ${MIN_DATE} and ${MAX_DATE}`)
  .refine((s) => isRealDate(s), 'is not a real calendar date');

const money = z.number().finite('must be a finite number').nonnegative('must not be negative');

// A NUL character cannot travel through CSV (a file holding one reads as binary), so no text field may hold one.
export const hasNoNul = (s: string): boolean => !s.includes('\u0000');
export const NUL_MESSAGE = 'must not contain a NUL character';

const partyName = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(MAX_PARTY_NAME, `must be at most ${MAX_PARTY_NAME} characters`)
  .refine(hasNoNul, NUL_MESSAGE);

/** The typed values of a deal, before the cross-field rules. */
export const dealValuesShape = z.object({
  announced: isoDate,
  from_party: partyName,
  to_party: partyName,
  kind: z.enum(DEAL_KINDS),
  status: z.enum(DEAL_STATUSES),
  amount_usd: money.nullable(),
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
  notes: z.string().max(MAX_NOTES, `must be at most ${MAX_NOTES} characters`).refine(hasNoNul, NUL_MESSAGE).nullable(),
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

/**
 * How party names match: trimmed, ASCII letters case-folded. This is exactly SQLite's NOCASE, which the book
 * uses for its unique party names, so the grid, the metrics and the database agree on who is who.
 */
export function partyKey(name: string): string {
  return name.trim().replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/** partyKey(a) === partyKey(b) without building either key: this check runs on every row of an import. */
function samePartyKey(a: string, b: string): boolean {
  const x = a.trim();
  const y = b.trim();
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    let c = x.charCodeAt(i);
    let d = y.charCodeAt(i);
    if (c === d) continue;
    // The ASCII fold partyKey applies (A-Z to a-z) keeps lengths, so comparing char by char is the same test.
    if (c >= 65 && c <= 90) c += 32;
    if (d >= 65 && d <= 90) d += 32;
    if (c !== d) return false;
  }
  return true;
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

export const DEAL_DEFAULTS = { status: 'announced', term_years: 1 } as const satisfies Partial<DealValues>;

export const partyKindSchema = z.enum(PARTY_KINDS);
