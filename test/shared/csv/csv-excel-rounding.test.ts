import { describe, expect, it } from 'vitest';
import { mapCsv } from '../../../shared/csv/csv-map';

const rounding = (text: string) => mapCsv(text).warnings.filter((w) => w.message.startsWith('scientific notation'));

describe('cells Excel may have rounded (scientific notation, 6 significant digits or fewer)', () => {
  it('names the cell as the file writes it, in a ; file with decimal commas too', () => {
    const warnings = rounding('announced;from_party;to_party;kind;amount_usd;Cash ($B)\n2025-01-01;A;B;investment;1,23457E+12;1,5E+2\n');
    expect(warnings.map((w) => [w.line, w.field, w.value])).toEqual([[2, 'amount_usd', '1,23457E+12'], [2, 'Cash ($B)', '1,5E+2']]);
  });

  it('says nothing of 7 significant digits or more, of plain numbers, or of a totals row', () => {
    const text = 'announced,from_party,to_party,kind,amount_usd,term_years\n' +
      '2025-01-01,A,B,investment,1.234567E+12,\n2025-01-01,A,C,investment,150000000000,\n2025-01-01,A,D,investment,1E+3,\nTotal,,,,1.5E+12,\n';
    expect(rounding(text).map((w) => [w.line, w.value])).toEqual([[4, '1E+3']]);
  });
});
