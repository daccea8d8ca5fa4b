import { MONEY_UNITS, formatPlainNumber } from '../../shared/model/format';
import { parseMoney } from '../../shared/model/parse';

/**
 * Money as an analyst would retype it: `45B`, `1.2T`, `750M`. Only forms that read back to exactly the stored
 * number are used, so opening an editor and pressing Enter never changes a value.
 */
export function moneyEditText(n: number): string {
  if (!Number.isFinite(n)) return '';
  for (const { size, suffix } of MONEY_UNITS) {
    if (n < size) continue;
    const text = `${formatPlainNumber(Number((n / size).toPrecision(12)))}${suffix}`;
    const back = parseMoney(text);
    if (back.ok && back.value === n) return text;
  }
  return formatPlainNumber(n);
}
