import { describe, expect, it } from 'vitest';
import { mapCsv, validateRows } from '../../../shared/csv/csv-map';

const HEADER = 'From,To,Type,Date,Amount ($B),Cash ($B)';
const read = (...rows: string[]) => validateRows(mapCsv([HEADER, ...rows].join('\n')));

describe('a money header with a unit and a cell with its basis', () => {
  it.each([
    ['up to 100', 100e9, 'up_to'],
    ['<= 3', 3e9, 'up_to'],
    ['≤4', 4e9, 'up_to'],
    ['~34', 34e9, 'estimate'],
    ['est. 2', 2e9, 'estimate'],
    ['up to 750M', 750e6, 'up_to'],
    ['~1.5', 1.5e9, 'estimate'],
    ['45', 45e9, 'firm'],
  ])('reads %j under Amount ($B) as %d with basis %s', (cell, amount, basis) => {
    const r = read(`A,B,investment,2025-09-22,${cell},`);
    expect(r.problems).toEqual([]);
    expect(r.deals).toHaveLength(1);
    expect(r.deals[0]!.deal).toMatchObject({ amount_usd: amount, amount_basis: basis });
  });

  it('still refuses a basis with no amount after it, naming the column, and a basis on cash', () => {
    const r = read('A,B,investment,2025-09-22,up to,', 'A,B,investment,2025-09-22,10,~1');
    expect(r.deals).toEqual([]);
    expect(r.problems.map((p) => [p.line, p.field, p.value])).toEqual([[2, 'Amount ($B)', 'up to'], [3, 'Cash ($B)', '~1']]);
    expect(r.problems[0]!.message).toMatch(/needs an amount after "up to"/);
  });
});
