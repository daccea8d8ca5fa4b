import { describe, expect, it } from 'vitest';
import { mapCsv, validateRows } from '../../../shared/csv/csv-map';

const HEAD = 'announced;from_party;to_party;kind;Amount ($B);cash_usd;term_years;capacity_mw';
/** Rows of a `;` file (a LibreOffice or Excel export where `;` is the list separator), one deal per numbers list. */
const semicolon = (...numbers: string[]) =>
  [HEAD, ...numbers.map((n, i) => `2025-01-${String(i + 1).padStart(2, '0')};A;B${i};investment;${n}`)].join('\r\n') + '\r\n';
const read = (text: string) => validateRows(mapCsv(text));
const values = (text: string) => read(text).deals.map((d) => [d.deal.amount_usd, d.deal.cash_usd, d.deal.term_years, d.deal.capacity_mw]);

describe('number cells of a file separated by ";" (the decimal comma)', () => {
  it('reads 2,5 as 2.5 and 1.234,5 as 1234.5 in money, term and capacity cells, prefixes and suffixes kept', () => {
    const text = semicolon('2,5;1.234,5;5,0;1.200,5', 'up to 1.234.567;$0,75B;2;0,5 GW', '~34,5;;;');
    const r = read(text);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(values(text)).toEqual([
      [2.5e9, 1234.5, 5, 1200.5],
      [1_234_567e9, 0.75e9, 2, 500],
      [34.5e9, null, 1, null],
    ]);
    expect(r.deals.map((d) => d.deal.amount_basis)).toEqual(['firm', 'up_to', 'estimate']);
  });

  it('reads 2,500 by the file\'s convention, 2.5, never 2500 ($2.5T under Amount ($B)), silently when other cells show the decimal comma', () => {
    const text = semicolon('2,500;;;', '2,5;;;');
    expect(read(text)).toMatchObject({ problems: [], warnings: [] });
    expect(values(text).map((v) => v[0])).toEqual([2.5e9, 2.5e9]);
  });

  it('warns once, naming line and column, when nothing else in the file shows which convention it uses', () => {
    const text = semicolon('2,500;;;', '1.234;;;', '7;;;');
    const r = read(text);
    expect(r.problems).toEqual([]);
    expect(values(text).map((v) => v[0])).toEqual([2.5e9, 1234e9, 7e9]);
    expect(r.warnings).toEqual([{
      line: 2, field: 'Amount ($B)', value: '2,500',
      message: 'read as 2.5, not 2500: a file separated by ";" writes numbers with the decimal comma (2,5 is 2.5; 1.234,5 is 1234.5); 1 more cell reads so',
    }]);
  });

  it('refuses a cell that reads both ways, naming line and column, when the file writes other numbers with a decimal point', () => {
    const r = read(semicolon('1.5;;;', '1.234;;;', '2,500;;;'));
    expect(r.deals.map((d) => d.deal.amount_usd)).toEqual([1.5e9]);
    expect(r.problems.map((p) => [p.line, p.field, p.value])).toEqual([[3, 'Amount ($B)', '1.234'], [4, 'Amount ($B)', '2,500']]);
    expect(r.problems[0]!.message).toBe(
      'reads two ways: 1234 with the decimal comma of a file separated by ";", or 1.234 with the decimal point its other numbers use; write it with no thousands separator and not exactly three decimals',
    );
    expect(r.problems[1]!.message).toContain('reads two ways: 2.5 with the decimal comma');
  });

  it('reads a number that cannot have the decimal comma with the decimal point, as the grid does', () => {
    const text = semicolon('1.5;$1,000,000,000;;0.500', '1,234.5;;;');
    expect(read(text)).toMatchObject({ problems: [], warnings: [] });
    expect(values(text)).toEqual([[1.5e9, 1e9, 1, 0.5], [1234.5e9, null, 1, null]]);
  });

  it('leaves other files, other columns and dates alone: 2,500 in a comma file is two thousand five hundred', () => {
    const comma = validateRows(mapCsv('announced,from_party,to_party,kind,Amount ($B),notes\r\n2025-01-01,A,B,investment,"2,500","2,5"\r\n'));
    expect(comma.deals.map((d) => [d.deal.amount_usd, d.deal.notes])).toEqual([[2500e9, '2,5']]);
    const dates = read('announced;from_party;to_party;kind;notes\r\n18.11.2025;A;B;investment;1.234,5\r\n');
    expect(dates.deals.map((d) => [d.deal.announced, d.deal.notes])).toEqual([['2025-11-18', '1.234,5']]);
  });
});

describe('a problem in a number cell read with the decimal comma', () => {
  it('echoes the cell as the file writes it, not as it was made to be read', () => {
    const r = validateRows(mapCsv('announced;from_party;to_party;kind;amount_usd;Cash ($B)\r\n2025-01-01;A;B;investment;1,3 Md$;\r\n2025-01-02;C;D;investment;;1,5 Md\r\n'));
    expect(r.problems.map((p) => [p.line, p.field, p.value])).toEqual([[2, 'amount_usd', '1,3 Md$'], [3, 'Cash ($B)', '1,5 Md']]);
  });
});
