import type { AmountBasis, DatePrecision, RoundTripBasis } from './deal';

/** Money units, largest first: the display's and the editor's `$45B` style. */
export const MONEY_UNITS = [
  { size: 1e12, suffix: 'T' },
  { size: 1e9, suffix: 'B' },
  { size: 1e6, suffix: 'M' },
  { size: 1e3, suffix: 'K' },
] as const;

// Decimals per unit: trillions carry two so $1.20T and $1.25T differ; below 100 of a unit one decimal, else none.
function decimalsFor(suffix: string, scaled: number): number {
  if (suffix === 'T') return 2;
  if (suffix === 'B') return 1;
  return scaled >= 100 ? 0 : 1;
}

/** USD as the grid shows it: `$45.0B`, `$750M`, `$1.20T`, `$5.5K`, `$0`; negative values (net exposure) get a minus. */
export function formatMoney(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '';
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  for (let i = 0; i < MONEY_UNITS.length; i++) {
    const { size, suffix } = MONEY_UNITS[i]!;
    if (abs < size) continue;
    const scaled = abs / size;
    const text = scaled.toFixed(decimalsFor(suffix, scaled));
    // 999.96B rounds to "1000.0": show it in the next unit up instead.
    if (Number(text) >= 1000 && i > 0) return sign + unitText(abs / MONEY_UNITS[i - 1]!.size, MONEY_UNITS[i - 1]!.suffix);
    return `${sign}$${text}${suffix}`;
  }
  const small = Number.isInteger(abs) ? String(abs) : abs.toFixed(2);
  return small === '1000.00' ? `${sign}$1.0K` : `${sign}$${small}`;
}

function unitText(scaled: number, suffix: string): string {
  return `$${scaled.toFixed(decimalsFor(suffix, scaled))}${suffix}`;
}

/** A share as a percentage: `20%`, `33.3%`; empty when there is no share. */
export function formatShare(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '';
  return `${trimZeros((n * 100).toFixed(1))}%`;
}

/** A round-trip ratio: `1.56x`. */
export function formatRatio(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '';
  return `${trimNegativeZero(n.toFixed(2))}x`;
}

/** Chart axis ticks: short and without trailing zeros, `$200B`, `$1.2T`, `$0`. */
export function formatMoneyAxis(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '';
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  const i = MONEY_UNITS.findIndex((u) => abs >= u.size);
  if (i < 0) return `${sign}$${trimZeros(abs.toFixed(1))}`;
  // Two decimals at most, so neighbouring ticks never read the same ($1.25T, not $1.3T, between $1T and $1.5T).
  const text = trimZeros((abs / MONEY_UNITS[i]!.size).toFixed(2));
  // A tick that rounds to 1000 of a unit reads as one of the next unit: $1T, not $1000B.
  const up = Number(text) >= 1000 && i > 0 ? MONEY_UNITS[i - 1]! : null;
  return up ? `${sign}$${trimZeros((abs / up.size).toFixed(2))}${up.suffix}` : `${sign}$${text}${MONEY_UNITS[i]!.suffix}`;
}

/**
 * A number for CSV: the shortest text that reads back to the same double, always positional, so spreadsheets
 * and other tools never see `1e+21` or `1e-7`.
 */
export function formatPlainNumber(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '';
  if (Object.is(n, -0)) return '0';
  const s = String(n);
  // Only below 1e-6 and from 1e21 does String() use an exponent: skip the pattern for every other number.
  return s.includes('e') ? expandExponent(s) : s;
}

function expandExponent(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, intPart, frac = '', expText] = m;
  const digits = intPart! + frac;
  const point = intPart!.length + Number(expText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function trimZeros(fixed: string): string {
  return trimNegativeZero(fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed);
}

function trimNegativeZero(s: string): string {
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A headline amount with its basis (v2): `$100.0B` firm, `≤ $100.0B` up to, `~$34.0B` estimate; empty stays empty. */
export function formatAmount(n: number | null, basis: AmountBasis | null | undefined): string {
  const money = formatMoney(n);
  if (money === '') return '';
  if (basis === 'up_to') return `≤ ${money}`;
  return basis === 'estimate' ? `~${money}` : money;
}

/** An announcement date at its precision (v2): `2025-09-22`, `Sep 2025`, `Q3 2025`, `2025`. */
export function formatAnnounced(iso: string | null, precision: DatePrecision | null | undefined): string {
  if (!iso) return '';
  const year = iso.slice(0, 4);
  const month = Number(iso.slice(5, 7));
  if (precision === 'year') return year;
  if (precision === 'quarter') return `Q${Math.floor((month - 1) / 3) + 1} ${year}`;
  if (precision === 'month') return `${SHORT_MONTHS[month - 1] ?? '?'} ${year}`;
  return iso;
}

/**
 * A round trip with its basis (v2), so the three can never be confused: `6.00x` exact, `≥ 6.00x` at least,
 * `? 6.00x` unknown (the renderer greys it), `?` unknown without a ratio; empty where the row has no round trip.
 */
export function formatRoundTrip(ratio: number | null, basis: RoundTripBasis | null | undefined): string {
  if (!basis) return '';
  const text = formatRatio(ratio);
  if (basis === 'unknown') return text ? `? ${text}` : '?';
  if (!text) return '';
  return basis === 'at_least' ? `≥ ${text}` : text;
}

/** A sum of a pair's (or an investor's pairs') money with its basis: `≥ $42.0B` a floor, `? $5.0B` bounding nothing. */
export function formatMoneyWithBasis(amount: number, basis: RoundTripBasis | null | undefined): string {
  const money = formatMoney(amount);
  return basis === 'at_least' ? `≥ ${money}` : basis === 'unknown' ? `? ${money}` : money;
}

/** A basis in words, for legends, tooltips and reports. */
export const BASIS_WORDS: Readonly<Record<RoundTripBasis, string>> = {
  exact: 'exact: every amount and split of the pair is known',
  at_least: 'at least: some money may flow back that the book does not price',
  unknown: 'unknown: an amount invested is not disclosed, so the ratio bounds nothing',
};

/** What a basis tooltip needs: the pair's basis and its deals whose amounts or splits are missing. */
export type BasisDetail = {
  basis: RoundTripBasis;
  investor: string;
  investee: string;
  missing: readonly { id: number; from_party: string; to_party: string; kind: string; what: 'amount' | 'split' }[];
};

/**
 * The tooltip of a round-trip cell or a pair: what the basis means and which deals make it so, e.g.
 * "At least: ... Missing: #8 OpenAI -> NVIDIA purchase (no amount)". At most `limit` deals are named.
 */
export function basisTooltip(detail: BasisDetail, limit = 8): string {
  const head = `${detail.investor} -> ${detail.investee}: ${BASIS_WORDS[detail.basis]}.`;
  if (!detail.missing.length) return head;
  const named = detail.missing
    .slice(0, limit)
    .map((m) => `#${m.id} ${m.from_party} -> ${m.to_party} ${m.kind} (${m.what === 'amount' ? 'no amount' : 'no cash/credit split'})`);
  const more = detail.missing.length > limit ? `; and ${detail.missing.length - limit} more` : '';
  return `${head} Missing: ${named.join('; ')}${more}.`;
}
