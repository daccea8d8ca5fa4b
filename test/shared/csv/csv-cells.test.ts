import { describe, expect, it } from 'vitest';
import { normaliseDateCell } from '../../../shared/csv/csv-cells';
import { mapCsv, validateRows } from '../../../shared/csv/csv-map';

describe('date cells as spreadsheets leave them', () => {
  it('reads Excel serial day numbers 32874..73415 (1990-01-01..2100-12-31), a time of day dropped', () => {
    expect(normaliseDateCell('32874', null)).toBe('1990-01-01');
    expect(normaliseDateCell('45922', null)).toBe('2025-09-22');
    expect(normaliseDateCell(' 45922.75 ', null)).toBe('2025-09-22');
    expect(normaliseDateCell('73415', null)).toBe('2100-12-31');
  });

  it('leaves numbers outside the serial range, and four-digit years, to the date parser', () => {
    for (const cell of ['32873', '73416', '2025', '123456', '45922x']) expect(normaliseDateCell(cell, null)).toBe(cell);
  });

  it('reads a year written as a decimal with zeros (2026.0, as pandas writes a year column with blanks) as the year', () => {
    expect(normaliseDateCell('2026.0', null)).toBe('2026');
    expect(normaliseDateCell(' 2026.00 ', null)).toBe('2026');
    for (const cell of ['2026.5', '2026.', '202.0']) expect(normaliseDateCell(cell, null)).toBe(cell);
    const r = validateRows(mapCsv('announced,from_party,to_party,kind,start year,term\n2025-09-22,A,B,investment,2026.0,5.0\n'));
    expect(r.problems).toEqual([]);
    expect(r.deals.map((d) => [d.deal.start, d.deal.term_years])).toEqual([['2026-01-01', 5]]);
  });

  it('reads a numeric day/month date in the one order that makes a real date', () => {
    expect(normaliseDateCell('22/09/2025', null)).toBe('2025-09-22');
    expect(normaliseDateCell('9/22/2025', null)).toBe('2025-09-22');
    expect(normaliseDateCell('18.11.2025', null)).toBe('2025-11-18');
    expect(normaliseDateCell('5/5/2025', null)).toBe('2025-05-05');
  });

  it('leaves a date both orders allow to the date order, or refuses it without one', () => {
    expect(normaliseDateCell('3/4/2025', 'DMY')).toBe('2025-04-03');
    expect(normaliseDateCell('3/4/2025', 'MDY')).toBe('2025-03-04');
    expect(normaliseDateCell('3/4/2025', null)).toBe('3/4/2025');
    const r = validateRows(mapCsv('announced,from_party,to_party,kind\n3/4/2025,A,B,investment\n'));
    expect(r.problems).toEqual([{ line: 2, field: 'announced', value: '3/4/2025', message: expect.stringContaining('ambiguous') }]);
    const dmy = validateRows(mapCsv('announced,from_party,to_party,kind,start\n3/4/2025,A,B,investment,45922\n', { dateOrder: 'DMY' }));
    expect(dmy.deals.map((d) => [d.deal.announced, d.deal.start])).toEqual([['2025-04-03', '2025-09-22']]);
  });

  it('reads serial numbers only in date columns', () => {
    const r = validateRows(mapCsv('announced,from_party,to_party,kind,amount_usd\n45922,A,B,investment,45922\n'));
    expect(r.deals.map((d) => [d.deal.announced, d.deal.amount_usd])).toEqual([['2025-09-22', 45922]]);
  });
});

describe('a numeric date with a time of day, as Excel and LibreOffice save a date-time cell', () => {
  it.each([
    ['9/22/2025 0:00', '2025-09-22'],
    ['9/22/2025 12:00:00 AM', '2025-09-22'],
    ['9/22/2025 11:59 pm', '2025-09-22'],
    ['22.09.2025 00:00', '2025-09-22'],
    ['22/09/2025 13:45:10', '2025-09-22'],
    ['09/22/2025 00:00:00.000', '2025-09-22'],
  ])('reads %j as %s, the time dropped', (cell, iso) => {
    expect(normaliseDateCell(cell, null)).toBe(iso);
  });

  it('leaves the order to the date order, and says a date both orders allow is ambiguous', () => {
    expect(normaliseDateCell('3/4/2025 0:00', 'MDY')).toBe('2025-03-04');
    const r = validateRows(mapCsv('announced,from_party,to_party,kind\n3/4/2025 0:00,A,B,investment\n'));
    expect(r.problems).toEqual([{ line: 2, field: 'announced', value: '3/4/2025', message: expect.stringContaining('ambiguous') }]);
  });

  it('refuses what is not a time of day', () => {
    for (const cell of ['9/22/2025 24:00', '9/22/2025 0:60', '9/22/2025 13:00 PM', '9/22/2025 0:00 AM', '9/22/2025 noon']) {
      expect(normaliseDateCell(cell, null)).toBe(cell);
      expect(validateRows(mapCsv(`announced,from_party,to_party,kind\n${cell},A,B,investment\n`)).deals).toEqual([]);
    }
  });

  it('imports such a row with the date it names', () => {
    const r = validateRows(mapCsv('announced,from_party,to_party,kind,start\n9/22/2025 0:00,A,B,investment,1/15/2026 12:00:00 AM\n'));
    expect(r.problems).toEqual([]);
    expect(r.deals[0]!.deal).toMatchObject({ announced: '2025-09-22', announced_precision: 'day', start: '2026-01-15' });
  });
});
