import type { DealField } from '../model/deal';

/*
 * Units in a column's header, `Amount ($B)`, `Capacity (GW)`, `Term (years)`: what each numeric field can take and
 * the multiplier that brings the column's cells into the field's own unit (US dollars, MW, years).
 */

const MONEY_FIELDS = new Set<DealField>(['amount_usd', 'cash_usd', 'credit_usd']);

/** A money header's scale, `Amount ($B)`, `Cash (USD m)`, `Value [bn]`: US dollars in that unit. */
const MONEY_SCALES = new Map(Object.entries({
  '': 1, k: 1e3, thousand: 1e3, thousands: 1e3,
  m: 1e6, mm: 1e6, mn: 1e6, mil: 1e6, million: 1e6, millions: 1e6,
  b: 1e9, bn: 1e9, billion: 1e9, billions: 1e9,
  t: 1e12, tn: 1e12, trillion: 1e12, trillions: 1e12,
}));
const DOLLARS = /us\$|usd|\$|\bin\b|[\s,.]/g;
/** Other currencies (nothing converts them) and a scale: a unit a money column cannot take, not a word. */
const OTHER_MONEY = /eur|€|gbp|£|jpy|¥|chf|cny|rmb|cad|c\$|aud|a\$|inr|₹|krw|₩|sek|nok|dkk|\$|usd|\bin\b|[\s,.]/g;

/** The units each other numeric field takes, with the multiplier into its own unit. */
const FIELD_UNITS: Partial<Record<DealField, ReadonlyMap<string, number>>> = {
  term_years: new Map(['years', 'year', 'yrs', 'yr', 'y'].map((u) => [u, 1])),
  capacity_mw: new Map([['mw', 1], ['megawatts', 1], ['gw', 1e3], ['gigawatts', 1e3]]),
};
/** What the fields' units are called in a message. */
const UNIT_NAMES: Partial<Record<DealField, string>> = {
  amount_usd: 'US dollars ($, $K, $M, $B, $T)', cash_usd: 'US dollars ($, $K, $M, $B, $T)', credit_usd: 'US dollars ($, $K, $M, $B, $T)',
  term_years: 'years', capacity_mw: 'MW or GW',
};
/** Units of some quantity: power, energy, time, percent. A header naming one for a field that cannot take it is refused. */
const OTHER_UNITS = /^(?:[kmgt]?wh?|[kmgt]wp|(?:kilo|mega|giga|tera)watt(?:s| hours?)?|months?|mos?|days?|weeks?|quarters?|qtrs?|hours?|hrs?|%|percent|pct)$/;

export const UNIT_SUFFIX = /^(.*?)\s*[([]([^)\]]*)[)\]]$/;
/**
 * A unit written after the name without brackets (`Amount $B`, `Amount, $bn`, `Amount in $B`, `amount_usd_bn`,
 * `Power GW`, `Term months`): dollars named, a scale word of two letters or more, or a unit of power or time. A lone
 * `m` or `b` counts only beside a dollar (`Amount m` may be anything).
 */
const UNIT_TAIL = /^(.*?)[\s,;:]+((?:in\s+)?(?:(?:us\$|usd|\$)(?:\s*[a-z]+)?|(?:usd\s+)?(?:bn|mn|mm|tn|billions?|millions?|trillions?|thousands?)|[kmgt]wh?|(?:giga|mega|kilo)watts?|years?|yrs?|months?|days?|weeks?))$/i;

/** A normalised header's name and the unit it ends with, in brackets or after it; null when it names none. */
export function headerUnit(key: string): { name: string; unit: string } | null {
  const m = UNIT_SUFFIX.exec(key) ?? UNIT_TAIL.exec(key);
  return m ? { name: m[1]!.replace(/[\s,;:]+$/, ''), unit: m[2]!.trim() } : null;
}

/** What a header's unit means for a field: its multiplier, 1 for a unit the field is in anyway, null for none it takes. */
export function unitMultiplier(field: DealField, unit: string): number | null {
  if (MONEY_FIELDS.has(field)) return MONEY_SCALES.get(unit.replace(DOLLARS, '')) ?? null;
  return FIELD_UNITS[field]?.get(unit) ?? null;
}

const isNumericField = (field: DealField): boolean => MONEY_FIELDS.has(field) || FIELD_UNITS[field] !== undefined;

/** True when `unit` (normalised) is a unit of some quantity rather than a word (`(internal)`, `(2025)`). */
function isUnit(unit: string): boolean {
  if (OTHER_UNITS.test(unit)) return true;
  for (const units of Object.values(FIELD_UNITS)) if (units.has(unit)) return true;
  const scale = unit.replace(OTHER_MONEY, '');
  return scale !== unit.replace(/[\s,.]/g, '') ? MONEY_SCALES.has(scale) : MONEY_SCALES.has(unit) && unit !== '';
}

/**
 * The unit of a header the analyst mapped to `field` (`--map`, the import dialog): `Size ($B)` -> amount_usd is in
 * billions, `Capacity (GW)` -> capacity_mw in gigawatts. A unit the field cannot take (`Capacity (kW)`,
 * `Amount (EUR)`, `Term (months)`) is refused: read as the field's own unit it would store a wrong number. Text in
 * brackets that is no unit (`Investor (lead)`), or any header of a field without units, reads as it is.
 */
export function mappedUnit(header: string, field: DealField): { ok: true; multiplier: number } | { ok: false; message: string } {
  const m = headerUnit(normalise(header));
  if (!m || !isNumericField(field)) return { ok: true, multiplier: 1 };
  const unit = m.unit;
  const multiplier = unitMultiplier(field, unit);
  if (multiplier !== null) return { ok: true, multiplier };
  if (!isUnit(unit)) return { ok: true, multiplier: 1 };
  // Shown as the file writes it (`kW`, not `kw`).
  const shown = headerUnit(header.trim().replace(/[\s_]+/g, ' '))?.unit ?? unit;
  return { ok: false, message: `${field} is in ${UNIT_NAMES[field]}; the header's unit "${shown}" is not one it can take` };
}

/** A header as matched: trimmed, lower case, spaces and underscores one space. */
export function normalise(header: string): string {
  return header.trim().toLowerCase().replace(/[\s_]+/g, ' ');
}
