import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, dealsToCsv, isFormulaLike, toCsv, withCompanions } from '../../../shared/csv/csv-write';
import { parseCsv } from '../../../shared/csv/csv-parse';
import { unneutralise } from '../../../shared/csv/csv-map';
import { deriveRows } from '../../../shared/analytics/metrics';
import type { DealRow } from '../../../shared/model/deal';
import { loadBasicBook } from '../../helpers/book-fixture';

/** Every string a formula-injection guard or an RFC 4180 writer can get wrong. */
const NASTY = [
  '=SUM(A1)', '-5', '+x', '@cmd', "'=already", "''=twice", "'", "'plain", '=', '\tTabbed', '\rCR first', '\nLF first',
  '\uFF1D1+1', '\uFF0Bx', '\uFF0D5', '\uFF20cmd', 'a=b', 'x-1', 'say "hi"', '"', '""', 'comma, inside', 'line\r\nbreak',
  'lone\rcr', 'tab\tinside', ' leading space', 'trailing space ', '', 'Société Générale — ✓ 日本', '=HYPERLINK("http://x","y")',
];

describe('toCsv', () => {
  it('writes CRLF line ends, the last line included', () => {
    expect(toCsv(['a', 'b'], [['x', 'y'], ['z', null]])).toBe('a,b\r\nx,y\r\nz,\r\n');
  });

  it('quotes fields with a comma, quote, CR or LF and doubles inner quotes', () => {
    expect(toCsv(['t'], [['a,b'], ['say "hi"'], ['a\rb'], ['a\nb'], ['plain']])).toBe(
      't\r\n"a,b"\r\n"say ""hi"""\r\n"a\rb"\r\n"a\nb"\r\nplain\r\n',
    );
  });

  it('writes numbers plain and never guards them, negative ones included', () => {
    expect(toCsv(['n'], [[45e9], [0.2], [1.56], [-5], [-0.25], [1e21], [1e-7], [0], [null]])).toBe(
      'n\r\n45000000000\r\n0.2\r\n1.56\r\n-5\r\n-0.25\r\n1000000000000000000000\r\n0.0000001\r\n0\r\n\r\n',
    );
  });

  it.each([
    ['=SUM(A1)', `"'=SUM(A1)"`],
    ['+x', `"'+x"`],
    ['-5', `"'-5"`],
    ['@cmd', `"'@cmd"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    ['\nx', `"'\nx"`],
    ['\uFF1Dx', `"'\uFF1Dx"`],
    ['\uFF0Bx', `"'\uFF0Bx"`],
    ['\uFF0Dx', `"'\uFF0Dx"`],
    ['\uFF20x', `"'\uFF20x"`],
    ["'=already", `"''=already"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ])('neutralises the text %j as %s', (text, cell) => {
    expect(isFormulaLike(text)).toBe(true);
    expect(csvCell(text)).toBe(cell);
  });

  it.each(['a=b', 'x-1', "'plain", "'", 'OpenAI', ' =x'])('leaves the text %j alone', (text) => {
    expect(isFormulaLike(text)).toBe(false);
    expect(csvCell(text)).toBe(text);
  });

  it('round-trips nasty text exactly through parse and unneutralise', () => {
    const csv = toCsv(['text', 'n'], NASTY.map((t, i) => [t, -i - 1]));
    const parsed = parseCsv(csv);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [unneutralise(r.cells[0]), r.cells[1]])).toEqual(NASTY.map((t, i) => [t, String(-i - 1)]));
  });
});

describe('dealsToCsv', () => {
  const book = loadBasicBook();
  const rows = deriveRows(book.deals);

  it('uses exactly the spec keys as the header, in order', () => {
    const header = dealsToCsv([]).split('\r\n')[0];
    expect(header).toBe(
      'id,announced,announced_precision,from_party,to_party,kind,status,amount_usd,amount_basis,cash_usd,credit_usd,term_years,' +
        'start,capacity_mw,source_url,notes,cash_share,credit_share,other_share,round_trip_ratio,round_trip_basis',
    );
    expect(CSV_COLUMNS).toHaveLength(21);
  });

  it('writes one line per deal with plain numbers and empty nulls', () => {
    const row: DealRow = {
      id: 7, announced: '2025-11-03', announced_precision: 'day', from_party: 'Amazon', to_party: 'OpenAI', kind: 'investment',
      status: 'announced', amount_usd: 50e9, amount_basis: 'firm', cash_usd: 10e9, credit_usd: 40e9, term_years: 5, start: null, capacity_mw: null,
      source_url: 'https://example.com/a?b=1,2', notes: '-negative view\nsecond line',
      cash_share: 0.2, credit_share: 0.8, other_share: 0, round_trip_ratio: 1.56, round_trip_basis: 'exact',
    };
    expect(dealsToCsv([row]).split('\r\n')[1]).toBe(
      '7,2025-11-03,day,Amazon,OpenAI,investment,announced,50000000000,firm,10000000000,40000000000,5,,,"https://example.com/a?b=1,2",' +
        `"'-negative view\nsecond line",0.2,0.8,0,1.56,exact`,
    );
  });

  it('restricts and orders columns for a visible-columns export, skipping names that are not columns', () => {
    const csv = dealsToCsv(rows.slice(0, 2), ['to_party', 'bogus', 'id', 'round_trip_ratio']);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('to_party,id,round_trip_ratio');
    expect(lines[1]).toBe(`${rows[0].to_party},${rows[0].id},${rows[0].round_trip_ratio ?? ''}`);
    expect(lines).toHaveLength(4);
  });

  it('writes every derived value of the vectors book so it reads back as the same number', () => {
    const parsed = parseCsv(dealsToCsv(rows));
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(rows.length);
    const col = (name: string) => parsed.header.indexOf(name);
    parsed.rows.forEach((r, i) => {
      for (const key of ['amount_usd', 'cash_share', 'credit_share', 'other_share', 'round_trip_ratio'] as const) {
        const cell = r.cells[col(key)];
        expect(cell === '' ? null : Number(cell)).toBe(rows[i][key]);
      }
    });
  });
});

describe('withCompanions', () => {
  it("puts a shown column's companion after it unless it is shown itself, and drops names that are not columns", () => {
    expect(withCompanions(['id', 'announced', 'amount_usd', 'round_trip_ratio', 'not_a_column'])).toEqual([
      'id', 'announced', 'announced_precision', 'amount_usd', 'amount_basis', 'round_trip_ratio', 'round_trip_basis',
    ]);
    expect(withCompanions(['amount_basis', 'amount_usd', 'notes'])).toEqual(['amount_basis', 'amount_usd', 'notes']);
  });
});
