import { isRealDate } from '../model/deal';

// One definition of the date orders: the model's (shared/model/parse), which the cell parsers take too.
import type { DateOrder } from '../model/parse';
export { DATE_ORDERS, type DateOrder } from '../model/parse';

/** Excel's serial day numbers for 1990-01-01 and 2100-12-31, the book's date range. */
export const FIRST_SERIAL = 32874;
export const LAST_SERIAL = 73415;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * A date column's cell as spreadsheets leave it, made into a form parseDate reads: an Excel serial day number
 * (a whole number 32874..73415; `45922` or `45922.0`, a time of day after the point dropped) becomes ISO, and a
 * numeric day/month date (a time of day after it dropped too) is read in the one order that makes a real date, or
 * in `order` when both do. A four-digit number is a year and is left alone (`2026.0` is made `2026`), as is anything
 * else (parseDate judges it).
 */
export function normaliseDateCell(cell: string, order: DateOrder | null): string {
  // The ISO dates every export writes: nothing to do, and no pattern to run (200k date cells in a 100k-row import).
  if (cell.length === 10 && cell.charCodeAt(4) === 45 && cell.charCodeAt(7) === 45) return cell;
  const text = cell.trim();
  if (text.length < 5 || text.length > 32) return cell;
  // A year saved as a decimal (`2026.0`: pandas writes a whole-number column with blanks so) is that year.
  const decimalYear = /^(\d{4})\.0+$/.exec(text);
  if (decimalYear) return decimalYear[1]!;
  const serial = /^(\d{5})(?:\.\d+)?$/.exec(text);
  if (serial) {
    const n = Number(serial[1]);
    return n >= FIRST_SERIAL && n <= LAST_SERIAL ? new Date(EXCEL_EPOCH + n * DAY_MS).toISOString().slice(0, 10) : cell;
  }
  const numeric = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?: ?([AaPp])\.?[Mm]\.?)?)?$/.exec(text);
  if (!numeric) return cell;
  const [, a, , b, year, hour, minute, half] = numeric;
  // A time of day after the date (Excel and LibreOffice save a date-time cell as `9/22/2025 0:00` or
  // `9/22/2025 12:00:00 AM`) is dropped, as a serial's fraction is; one that is not a time leaves the cell alone.
  if (hour !== undefined && (Number(minute) > 59 || Number(hour) > (half ? 12 : 23) || (half && Number(hour) === 0))) return cell;
  const dmy = iso(year!, b!, a!);
  const mdy = iso(year!, a!, b!);
  const dmyReal = isRealDate(dmy);
  const mdyReal = isRealDate(mdy);
  // Left to the date parser to explain (ambiguous, not a real date), without the time it does not read.
  const date = hour === undefined ? cell : `${a}${numeric[2]}${b}${numeric[2]}${year}`;
  if (dmyReal && mdyReal) {
    if (dmy === mdy) return dmy;
    return order === 'DMY' ? dmy : order === 'MDY' ? mdy : date;
  }
  if (dmyReal) return dmy;
  if (mdyReal) return mdy;
  return date;
}

const iso = (y: string, m: string, d: string): string => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;

/**
 * Which order a numeric day/month date cell can be read in: `DMY` or `MDY` when only one makes a real date, `both`
 * when both do (and differ), null when it is no such date. What the other dates of a file say about the ambiguous ones.
 */
export function dayMonthOrder(cell: string): DateOrder | 'both' | null {
  const m = /^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b/.exec(cell);
  if (!m) return null;
  const dmy = isRealDate(iso(m[4]!, m[3]!, m[1]!));
  const mdy = isRealDate(iso(m[4]!, m[1]!, m[3]!));
  if (dmy && mdy) return Number(m[1]) === Number(m[3]) ? null : 'both';
  return dmy ? 'DMY' : mdy ? 'MDY' : null;
}
