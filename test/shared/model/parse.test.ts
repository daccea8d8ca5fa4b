import { describe, it, expect } from 'vitest';
import { parseAmount, parseDate, parseInteger, parseMoney, parseMoneyWithUnit, parseNumber, parsePreciseDate } from '../../../shared/model/parse';

const value = <T>(p: { ok: true; value: T } | { ok: false; message: string }): T | string => (p.ok ? p.value : `error: ${p.message}`);

describe('parseMoney', () => {
  it.each([
    ['45000000000', 45e9],
    ['45e9', 45e9],
    ['45E9', 45e9],
    ['45B', 45e9],
    ['45b', 45e9],
    ['45 bn', 45e9],
    ['45 BN', 45e9],
    ['$45bn', 45e9],
    ['$ 45 bn', 45e9],
    ['45,000M', 45e9],
    ['1.2T', 1_200_000_000_000],
    ['1.2 tn', 1_200_000_000_000],
    ['1.2t', 1_200_000_000_000],
    ['750M', 750_000_000],
    ['750m', 750_000_000],
    ['750mm', 750_000_000],
    ['750 mn', 750_000_000],
    ['5.5K', 5500],
    ['5.5k', 5500],
    ['$1,200,000,000', 1_200_000_000],
    ['1,200.50', 1200.5],
    ['0.1B', 100_000_000],
    ['0.3B', 300_000_000],
    ['2.675B', 2_675_000_000],
    ['.5B', 500_000_000],
    ['4.5 billion', 4_500_000_000],
    ['4.5 Billion', 4_500_000_000],
    ['2 trillion', 2e12],
    ['300 million', 3e8],
    ['  45B  ', 45e9],
    ['0', 0],
    ['$0', 0],
    ['1.5e3', 1500],
  ])('accepts %j', (raw, want) => {
    expect(parseMoney(raw)).toEqual({ ok: true, value: want });
  });

  it.each(['', '   ', '(empty)', '(EMPTY)'])('reads %j as empty', (raw) => {
    expect(parseMoney(raw)).toEqual({ ok: true, value: null });
  });

  it('passes numbers and null through', () => {
    expect(parseMoney(null)).toEqual({ ok: true, value: null });
    expect(parseMoney(45e9)).toEqual({ ok: true, value: 45e9 });
    expect(parseMoney(-0)).toEqual({ ok: true, value: 0 });
    expect(Object.is(value(parseMoney(-0)), 0)).toBe(true);
  });

  it.each(['45 constructor', '45 toString', '45 __proto__', 'abc', '1.2.3', 'NaN', 'Infinity', '-Infinity', '45X', '45 BB', '$$45', '45$', '1,2,3', '12,00', '45,5B', ',5', 'e9', '45e', '5B5', '(5B)', '+5B', '0x10'])(
    'rejects %j and says which forms work',
    (raw) => {
      const parsed = parseMoney(raw);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/45B.*1\.2T/);
    },
  );

  it.each([
    ['USD 1.2 trillion', 1.2e12], ['US$ 2.5 billion', 2.5e9], ['US$2.5bn', 2.5e9], ['usd 45B', 45e9], ['45B USD', 45e9], ['$45B USD', 45e9], ['USD $45B', 45e9],
  ])('accepts the dollar named as USD or US$: %j', (raw, want) => {
    expect(parseMoney(raw)).toEqual({ ok: true, value: want });
  });

  it.each(['€5B', 'EUR 5B', '5bn GBP', '£5B', '¥500B'])('says %j is another currency, never reads it as dollars', (raw) => {
    const parsed = parseMoney(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^is in another currency \(.+\): amounts are US dollars; convert it and write USD$/);
  });

  it.each(['n/a', 'N/A', 'NaN', 'NA', 'undisclosed', 'TBD', '-', '?'])('says %j is not an amount: empty means undisclosed, never 0', (raw) => {
    const parsed = parseMoney(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^is not an amount: leave the cell empty when the amount is not known \(undisclosed\), or write 0/);
  });

  it.each(['$10-15B', '10 to 15 bn', '10B–15B', '$10bn - $15bn'])('says %j is a range and how to write it', (raw) => {
    expect(parseMoney(raw)).toEqual({ ok: false, message: 'is a range: write one amount, "up to 15B" for a ceiling or "~12.5B" for an estimate' });
  });

  it.each(['USD -5B', 'US$ -5B'])('rejects negative %j with a named dollar', (raw) => {
    expect(parseMoney(raw)).toEqual({ ok: false, message: 'must not be negative' });
  });

  it.each([
    ['1 300 000 000', 1.3e9], ['1\u00a0300\u00a0000\u00a0000', 1.3e9], ['1\u202f300\u202f000\u202f000', 1.3e9], ['$45 000M', 45e9], ['750 000 000', 7.5e8],
  ])('reads thousands grouped by spaces (French and Nordic locales): %j', (raw, want) => {
    expect(parseMoney(raw)).toEqual({ ok: true, value: want });
  });

  it.each(['1 30 000', '1 3000', '12 34'])('still refuses digits split other than in groups of three: %j', (raw) => {
    expect(parseMoney(raw).ok).toBe(false);
  });

  it.each(['-5B', '-5', '$-5B', '-$5B', '- 5'])('rejects negative %j', (raw) => {
    expect(parseMoney(raw)).toEqual({ ok: false, message: 'must not be negative' });
  });

  it('rejects negative and non-finite numbers', () => {
    expect(parseMoney(-1)).toEqual({ ok: false, message: 'must not be negative' });
    expect(parseMoney(Number.NaN)).toEqual({ ok: false, message: 'must be a finite number' });
    expect(parseMoney(Number.POSITIVE_INFINITY)).toEqual({ ok: false, message: 'must be a finite number' });
    expect(parseMoney('1e400')).toEqual({ ok: false, message: 'is too large' });
    expect(parseMoney('1e400000000000000000000')).toMatchObject({ ok: false });
  });
});

describe('parseMoneyWithUnit', () => {
  it('scales bare numbers by the header unit', () => {
    expect(parseMoneyWithUnit('45', 1e9)).toEqual({ ok: true, value: 45e9 });
    expect(parseMoneyWithUnit('1.2', 1e12)).toEqual({ ok: true, value: 1_200_000_000_000 });
    expect(parseMoneyWithUnit('0.1', 1e9)).toEqual({ ok: true, value: 100_000_000 });
    expect(parseMoneyWithUnit('$1,250.5', 1e6)).toEqual({ ok: true, value: 1_250_500_000 });
    expect(parseMoneyWithUnit(0.1, 1e9)).toEqual({ ok: true, value: 100_000_000 });
    expect(parseMoneyWithUnit(1.2, 1e12)).toEqual({ ok: true, value: 1_200_000_000_000 });
  });

  it('keeps a cell that states its own scale', () => {
    expect(parseMoneyWithUnit('750M', 1e9)).toEqual({ ok: true, value: 750e6 });
    expect(parseMoneyWithUnit('45e9', 1e9)).toEqual({ ok: true, value: 45e9 });
    expect(parseMoneyWithUnit('1.2T', 1e6)).toEqual({ ok: true, value: 1.2e12 });
  });

  it('keeps empty cells empty and still rejects bad ones', () => {
    expect(parseMoneyWithUnit('', 1e9)).toEqual({ ok: true, value: null });
    expect(parseMoneyWithUnit('-5', 1e9)).toEqual({ ok: false, message: 'must not be negative' });
    expect(parseMoneyWithUnit('abc', 1e9).ok).toBe(false);
    expect(parseMoneyWithUnit('1', 0).ok).toBe(false);
  });

  it('handles a unit that is not a power of ten', () => {
    expect(parseMoneyWithUnit('2', 2.5)).toEqual({ ok: true, value: 5 });
  });
});

describe('parseDate: Excel\'s long and short date formats', () => {
  it.each(['Monday, September 22, 2025', 'Mon, 22 Sep 2025', 'monday 22 September 2025', 'Mon. Sep 22, 2025'])('reads %j, its weekday agreeing', (raw) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: '2025-09-22' });
  });

  it('refuses a weekday that disagrees with the date, naming both', () => {
    expect(parseDate('Tuesday, September 22, 2025')).toEqual({ ok: false, message: 'says Tuesday, but 2025-09-22 is a Monday: check the date' });
  });

  it.each(['22-Sep-25', 'Sep-25', 'sept 25'])('refuses the two-digit year of %j, saying so', (raw) => {
    expect(parseDate(raw)).toEqual({ ok: false, message: 'has a two-digit year: use YYYY-MM-DD, e.g. 2025-09-22, or Sep 2025' });
  });
});

describe('parseDate', () => {
  it.each([
    ['2025-09-22', '2025-09-22'],
    ['2025-9-2', '2025-09-02'],
    ['2025/09/22', '2025-09-22'],
    ['2025-09-22T18:30:00Z', '2025-09-22'],
    ['2025-09', '2025-09-01'],
    ['Sep 2025', '2025-09-01'],
    ['sep 2025', '2025-09-01'],
    ['SEPTEMBER 2025', '2025-09-01'],
    ['Sept 2025', '2025-09-01'],
    ['Sept. 2025', '2025-09-01'],
    ['September 22, 2025', '2025-09-22'],
    ['Sep 22, 2025', '2025-09-22'],
    ['Sep 22 2025', '2025-09-22'],
    ['Sept 22, 2025', '2025-09-22'],
    ['22 Sep 2025', '2025-09-22'],
    ['22 september 2025', '2025-09-22'],
    ['22-Sep-2025', '2025-09-22'],
    ['1st Feb 2024', '2024-02-01'],
    ['29 Feb 2024', '2024-02-29'],
    ['  May   2025 ', '2025-05-01'],
    ['1990-01-01', '1990-01-01'],
    ['2100-12-31', '2100-12-31'],
  ])('accepts %j as %s', (raw, want) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: want });
  });

  it.each([null, '', '  ', '(empty)'])('reads %j as empty', (raw) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: null });
  });

  // v2: a numeric day/month date is read when only one order makes a real date (v1 refused them all).
  it.each([['9/22/2025', '2025-09-22'], ['22/09/2025', '2025-09-22'], ['22.09.2025', '2025-09-22'], ['09-22-2025', '2025-09-22'], ['18.11.2025', '2025-11-18'], ['5/5/2025', '2025-05-05']])(
    'reads unambiguous %j as %s', (raw, iso) => {
      expect(parsePreciseDate(raw)).toEqual({ ok: true, value: { date: iso, precision: 'day' } });
    },
  );

  it.each(['3/4/2025', '2.1.2025', '01-02-2025'])('refuses ambiguous %j naming the ISO forms, unless a date order decides', (raw) => {
    const parsed = parseDate(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^is ambiguous: .* write \d{4}-\d{2}-\d{2} or \d{4}-\d{2}-\d{2} \(YYYY-MM-DD\), or set the date order \(DMY or MDY\)$/);
    expect(parseDate(raw, { dateOrder: 'DMY' }).ok).toBe(true);
  });

  it('a date order decides 3/4/2025 both ways, and never overrides an unambiguous date', () => {
    expect(parseDate('3/4/2025')).toEqual({ ok: false, message: 'is ambiguous: 3 April or March 4, 2025; write 2025-04-03 or 2025-03-04 (YYYY-MM-DD), or set the date order (DMY or MDY)' });
    expect(parseDate('3/4/2025', { dateOrder: 'DMY' })).toEqual({ ok: true, value: '2025-04-03' });
    expect(parseDate('3/4/2025', { dateOrder: 'MDY' })).toEqual({ ok: true, value: '2025-03-04' });
    expect(parseDate('22/09/2025', { dateOrder: 'MDY' })).toEqual({ ok: true, value: '2025-09-22' });
    expect(parseDate('1/2/25').ok).toBe(false);
    expect(parseDate('31/02/2025')).toEqual({ ok: false, message: 'is not a real calendar date' });
  });

  it.each([
    ['2025-09-22', '2025-09-22', 'day'], ['September 22, 2025', '2025-09-22', 'day'], ['22 Sep 2025', '2025-09-22', 'day'],
    ['2025-09', '2025-09-01', 'month'], ['Sep 2025', '2025-09-01', 'month'],
    ['Q3 2025', '2025-07-01', 'quarter'], ['2025-Q3', '2025-07-01', 'quarter'], ['3Q 2025', '2025-07-01', 'quarter'], ['q4 2025', '2025-10-01', 'quarter'],
    ['2025', '2025-01-01', 'year'],
  ] as const)('reads %j as %s at precision %s', (raw, date, precision) => {
    expect(parsePreciseDate(raw)).toEqual({ ok: true, value: { date, precision } });
  });

  it.each(['2025-02-30', '2025-13-01', '2025-00-10', '31 Apr 2025', 'Feb 29, 2025', '2025-04-31'])('rejects impossible %j', (raw) => {
    expect(parseDate(raw)).toEqual({ ok: false, message: 'is not a real calendar date' });
  });

  it.each(['1989-12-31', '2101-01-01', 'Jan 1900'])('rejects %j outside 1990..2100', (raw) => {
    expect(parseDate(raw)).toEqual({ ok: false, message: 'must be between 1990-01-01 and 2100-12-31' });
  });

  it.each(['constructor 2025', '1 toString 2025', 'tomorrow', 'Foo 2025', 'Q5 2025', '20250922', 'Sep', '2025-09-22 junk', 'Septembre 2025'])('rejects %j with the accepted forms', (raw) => {
    const parsed = parseDate(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain('2025-09-22 (YYYY-MM-DD)');
  });
});

describe('parseInteger and parseNumber', () => {
  it('parseInteger reads whole numbers with separators', () => {
    expect(value(parseInteger('5'))).toBe(5);
    expect(value(parseInteger(' 1,000 '))).toBe(1000);
    expect(value(parseInteger('-3'))).toBe(-3);
    expect(value(parseInteger(7))).toBe(7);
    expect(value(parseInteger(''))).toBeNull();
    expect(value(parseInteger(null))).toBeNull();
    for (const bad of ['5.5', 'five', '1,00', '5e2', 'NaN', '5.', '.0', '5.01', '5.0.0']) expect(parseInteger(bad).ok).toBe(false);
    expect(parseInteger(5.5).ok).toBe(false);
    expect(parseInteger(Number.NaN).ok).toBe(false);
    expect(parseInteger('99999999999999999999')).toEqual({ ok: false, message: 'is too large' });
  });

  it('parseInteger reads a whole number written with a point and zeros (5.0, as spreadsheets and pandas save one)', () => {
    expect(value(parseInteger('5.0'))).toBe(5);
    expect(value(parseInteger(' 5.00 '))).toBe(5);
    expect(value(parseInteger('1,000.0'))).toBe(1000);
    expect(value(parseInteger('-0.0'))).toBe(0);
  });

  it('parseNumber reads capacities, with MW (or GW) suffixes', () => {
    expect(value(parseNumber('1200'))).toBe(1200);
    expect(value(parseNumber('1,200'))).toBe(1200);
    expect(value(parseNumber('1,200.5 MW'))).toBe(1200.5);
    expect(value(parseNumber('10000mw'))).toBe(10000);
    expect(value(parseNumber('1.2 GW'))).toBe(1200);
    expect(value(parseNumber('0.5'))).toBe(0.5);
    expect(value(parseNumber(250))).toBe(250);
    expect(value(parseNumber(''))).toBeNull();
    expect(value(parseNumber('(empty)'))).toBeNull();
    expect(parseNumber('-5')).toEqual({ ok: false, message: 'must not be negative' });
    expect(parseNumber(-5)).toEqual({ ok: false, message: 'must not be negative' });
    for (const bad of ['abc', '5 kW', '$5', '1.2.3', 'NaN', 'Infinity', '12,00']) expect(parseNumber(bad).ok).toBe(false);
  });
});
