import { describe, it, expect } from 'vitest';
import { formatMoney, formatMoneyAxis, formatPlainNumber, formatRatio, formatShare } from '../../../shared/model/format';
import { parseMoney } from '../../../shared/model/parse';

describe('formatMoney', () => {
  it.each([
    [45e9, '$45.0B'],
    [750e6, '$750M'],
    [1.2e12, '$1.20T'],
    [5500, '$5.5K'],
    [0, '$0'],
    [12.5e6, '$12.5M'],
    [100e6, '$100M'],
    [99.4e6, '$99.4M'],
    [1e9, '$1.0B'],
    [300e9, '$300.0B'],
    [1.256e12, '$1.26T'],
    [250e3, '$250K'],
    [999, '$999'],
    [12.5, '$12.50'],
    [999.96e9, '$1.00T'],
    [999.6e6, '$1.0B'],
    [999.6e3, '$1.0M'],
    [-28e9, '-$28.0B'],
  ])('%d as %s', (n, want) => {
    expect(formatMoney(n)).toBe(want);
  });

  it('is empty for null and non-finite values', () => {
    expect(formatMoney(null)).toBe('');
    expect(formatMoney(Number.NaN)).toBe('');
    expect(formatMoney(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('reads back through parseMoney close to the value', () => {
    for (const n of [45e9, 750e6, 1.2e12, 5500, 12.5e6]) expect(parseMoney(formatMoney(n))).toEqual({ ok: true, value: n });
  });
});

describe('formatShare and formatRatio', () => {
  it('shows shares as percentages', () => {
    expect(formatShare(0.2)).toBe('20%');
    expect(formatShare(1 / 3)).toBe('33.3%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(0.0004)).toBe('0%');
    expect(formatShare(0.125)).toBe('12.5%');
    expect(formatShare(null)).toBe('');
  });

  it('shows ratios with two decimals', () => {
    expect(formatRatio(1.56)).toBe('1.56x');
    expect(formatRatio(31 / 7)).toBe('4.43x');
    expect(formatRatio(0)).toBe('0.00x');
    expect(formatRatio(4.5)).toBe('4.50x');
    expect(formatRatio(null)).toBe('');
  });
});

describe('formatMoneyAxis', () => {
  it.each([
    [200e9, '$200B'],
    [1.2e12, '$1.2T'],
    [1.25e12, '$1.25T'],
    [1e12, '$1T'],
    [2.5e9, '$2.5B'],
    [50e6, '$50M'],
    [0, '$0'],
    [500, '$500'],
    [999.996e9, '$1T'],
    [-100e9, '-$100B'],
  ])('%d as %s', (n, want) => {
    expect(formatMoneyAxis(n)).toBe(want);
  });
});

describe('formatPlainNumber', () => {
  it.each([
    [45e9, '45000000000'],
    [0.2, '0.2'],
    [1.56, '1.56'],
    [0, '0'],
    [-0, '0'],
    [1e20, '100000000000000000000'],
    [1e21, '1000000000000000000000'],
    [1.5e22, '15000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-2.5e-8, '-0.000000025'],
    [1234.5678, '1234.5678'],
    [31 / 7, String(31 / 7)],
  ])('%d as %s', (n, want) => {
    expect(formatPlainNumber(n)).toBe(want);
    expect(Number(formatPlainNumber(n))).toBe(n === 0 ? 0 : n);
  });

  it('is empty for null', () => {
    expect(formatPlainNumber(null)).toBe('');
    expect(formatPlainNumber(Number.NaN)).toBe('');
  });
});
