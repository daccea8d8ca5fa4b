import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/csv-parse';
import { dealbook } from '../../helpers/cli';
import { cliWorkspace, exportOf } from './csv-cli-helpers';

const { cleanup, newBook, writeCsv } = cliWorkspace('dealbook-csv-analyst-files-');
afterAll(cleanup);

/** The book's deals as exported: one object per row, keyed by header. */
function exported(book: string): Record<string, string>[] {
  const parsed = parseCsv(exportOf(book));
  return parsed.rows.map((r) => Object.fromEntries(parsed.header.map((h, i) => [h, r.cells[i]!])));
}

/** UTF-16 little-endian with its BOM: what Excel's "Unicode Text" (tab-separated) saves. */
const utf16le = (text: string) => new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);

describe('dealbook import: files as analysts\' tools write them', () => {
  it('reads a tab-separated export from a European Excel (UTF-16, decimal comma, 10.000 MW), never 10 MW', () => {
    const book = newBook();
    const text = 'Date\tInvestor\tRecipient\tKind\tAmount ($B)\tCash ($B)\tCapacity (MW)\r\n' +
      '22.09.2025\tNvidia\tOpenAI\tinvestment\t100\t\t10.000\r\n' +
      '15.10.2025\tASML\tMistral\tinvestment\t1,3\t1,3\t\r\n';
    const r = dealbook(['import', '--book', book, writeCsv('eu.txt', utf16le(text))]);
    expect(r.code, r.stderr).toBe(0);
    expect(exported(book).map((d) => [d.amount_usd, d.cash_usd, d.capacity_mw])).toEqual([
      ['100000000000', '', '10000'],
      ['1300000000', '1300000000', ''],
    ]);
    // 10.000 reads two ways; the file's 1,3 says which, and that is said, naming line and column.
    expect(r.stderr).toContain('warning: line 2, column Capacity (MW): read as 10000, not 10: other numbers of this file use the decimal comma (1,3) (10.000)');
  });

  it('reads a Google Sheets download from a European locale (comma-separated, "1,5" quoted)', () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, writeCsv('gs.csv', 'Date,Investor,Recipient,Kind,Amount ($B)\r\n2025-09-22,Nvidia,OpenAI,investment,"1,5"\r\n')]);
    expect(r.code, r.stderr).toBe(0);
    expect(exported(book)[0]!.amount_usd).toBe('1500000000');
  });

  it('refuses, on its line, a cell that reads both ways in a file that also writes the decimal point', () => {
    const book = newBook();
    const text = 'Date\tInvestor\tRecipient\tKind\tAmount ($B)\n2025-09-22\tA\tB\tinvestment\t1,5\n2025-09-23\tC\tD\tinvestment\t2.5\n2025-09-24\tE\tF\tinvestment\t2,500\n';
    const r = dealbook(['import', '--book', book, writeCsv('mixed.tsv', text)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 4, column Amount ($B): reads two ways: 2.5 with the decimal comma other numbers of this file use (1,5), or 2500 with the decimal point');
    expect(exported(book)).toEqual([]);
  });

  it('still reads "2,500" in a comma file without a decimal comma as 2500', () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, writeCsv('us.csv', 'Date,Investor,Recipient,Kind,Amount ($M)\n2025-09-22,A,B,investment,"2,500"\n')]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(exported(book)[0]!.amount_usd).toBe('2500000000');
  });

  it('ignores the index column pandas\' to_csv writes first (no header), with one warning, and reads floats like 5.0', () => {
    const book = newBook();
    const text = ',announced,from_party,to_party,kind,amount_usd,term_years\n0,2025-09-22,Oracle,OpenAI,purchase,300000000000.0,5.0\n1,2025-10-06,OpenAI,AMD,purchase,,1.0\n';
    const r = dealbook(['import', '--book', book, writeCsv('pandas.csv', text)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('warning: line 1, column 1: column without a header ignored: the row numbers pandas and R write first\n');
    expect(exported(book).map((d) => [d.from_party, d.amount_usd, d.term_years])).toEqual([['Oracle', '300000000000', '5'], ['OpenAI', '', '1']]);
  });

  it('still refuses values in a headerless column that is not the first (a row shifted by a stray separator)', () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, writeCsv('shifted.csv', 'announced,from_party,to_party,kind,\n2025-01-01,A,B,investment,stray\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 2, column 5: value in a column without a header (stray)');
  });

  it('skips a title line above the header (Numbers\' "Table 1"), also in a ";" file, keeping line numbers', () => {
    const book = newBook();
    const text = 'Table 1\nDate;Investor;Recipient;Kind;Amount ($B)\n2025-09-22;Nvidia;OpenAI;investment;2,5\n2025-09-23;AMD;OpenAI;bogus;1\n';
    const r = dealbook(['import', '--book', book, '--skip-invalid', writeCsv('numbers.csv', text)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('warning: line 1: a title above the header, not a deal: skipped (Table 1)');
    expect(r.stderr).toContain('line 4, column Kind:');
    expect(exported(book).map((d) => [d.from_party, d.amount_usd])).toEqual([['Nvidia', '2500000000']]);
  });

  it('skips the totals row a sheet adds under its deals, its sum included, and counts it as no row', () => {
    const book = newBook();
    const text = 'Date,Investor,Recipient,Kind,Amount ($B)\r\n2025-09-22,Nvidia,OpenAI,investment,100\r\n2025-10-06,AMD,OpenAI,investment,\r\n,,,,\r\nTotal,,,,=SUM(E2:E3)\r\n';
    const r = dealbook(['import', '--book', book, writeCsv('totals.csv', text)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^imported 2 of 2 rows/);
    expect(r.stderr).toBe('warning: line 5: a totals row, not a deal: skipped (Total)\n');
    expect(exported(book)).toHaveLength(2);
  });

  it('reads a deal with a party called Total as a deal', () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, writeCsv('total-party.csv', 'announced,from_party,to_party,kind\n2020-05-01,Total,Engie,infrastructure\n')]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(exported(book)[0]!.from_party).toBe('Total');
  });

  it('reads amounts that name the dollar (USD 1.2 trillion, US$ 2.5 billion, 45B USD)', () => {
    const book = newBook();
    const text = 'announced,from_party,to_party,kind,amount_usd,cash_usd\n2025-09-22,A,B,investment,USD 1.2 trillion,US$ 2.5 billion\n2025-09-23,C,D,investment,45B USD,usd 5bn\n';
    const r = dealbook(['import', '--book', book, writeCsv('usd.csv', text)]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(exported(book).map((d) => [d.amount_usd, d.cash_usd])).toEqual([['1200000000000', '2500000000'], ['45000000000', '5000000000']]);
  });

  it('says that an amount is in another currency, and that an unknown amount is an empty cell, never 0', () => {
    const book = newBook();
    const text = 'announced,from_party,to_party,kind,amount_usd\n2025-09-22,A,B,investment,€5B\n2025-09-23,C,D,investment,EUR 5bn\n2025-09-24,E,F,investment,NaN\n2025-09-25,G,H,investment,undisclosed\n';
    const r = dealbook(['import', '--book', book, writeCsv('other.csv', text)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 2, column amount_usd: is in another currency (€): amounts are US dollars; convert it and write USD (€5B)');
    expect(r.stderr).toContain('line 3, column amount_usd: is in another currency (EUR)');
    expect(r.stderr).toContain('line 4, column amount_usd: is not an amount: leave the cell empty when the amount is not known (undisclosed), or write 0 when it is nothing');
    expect(r.stderr).toContain('line 5, column amount_usd: is not an amount:');
    expect(exported(book)).toEqual([]);
  });

  it('names the date order the file\'s other dates show when some numeric dates fit both (still refused without it)', () => {
    const book = newBook();
    const text = 'announced,from_party,to_party,kind\n7/22/2019,A,B,investment\n2/1/2023,C,D,investment\n10/6/2025,E,F,investment\n';
    const file = writeCsv('mdy.csv', text);
    const r = dealbook(['import', '--book', book, file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('warning: line 3, column announced: the file\'s other numeric dates read only as month/day/year (line 2: 7/22/2019); date order MDY (--date-order MDY) reads the 2 dates that fit both orders so');
    expect(r.stderr).toContain('line 3, column announced: is ambiguous');
    expect(exported(book)).toEqual([]);
    const ok = dealbook(['import', '--book', book, '--date-order', 'MDY', file]);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(exported(book).map((d) => d.announced)).toEqual(['2019-07-22', '2023-02-01', '2025-10-06']);
  });
});

describe('dealbook import: lookalike party names', () => {
  it('imports a name that only looks like a party of the book as written, with a warning naming line and character', () => {
    const book = newBook();
    expect(dealbook(['import', '--book', book, writeCsv('first.csv', 'announced,from_party,to_party,kind\n2025-01-01,OpenAI,Oracle,purchase\n')]).code).toBe(0);
    const r = dealbook(['import', '--book', book, writeCsv('second.csv', 'announced,from_party,to_party,kind\n2025-01-02,openai,AMD,purchase\n2025-01-03,Op\u0435nAI,CoreWeave,purchase\n')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('warning: line 3, column from_party: new party looks like "OpenAI" but is another name (it has "\u0435" (U+0435)): a second party, counted apart; if they are one, write "OpenAI" (Op\u0435nAI)\n');
    expect(exported(book).map((d) => d.from_party)).toEqual(['OpenAI', 'OpenAI', 'Op\u0435nAI']);
  });
});

describe('dealbook import --map: the field as an analyst types it', () => {
  it('takes the field name in any case (Amount_USD, IGNORE)', () => {
    const book = newBook();
    const file = writeCsv('map.csv', 'announced,from_party,to_party,kind,Ticket,Analyst\n2025-09-22,A,B,investment,$5B,kim\n');
    const r = dealbook(['import', '--book', book, '--map', 'Ticket=Amount_USD', '--map', 'Analyst=IGNORE', file]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(exported(book)[0]!.amount_usd).toBe('5000000000');
  });
});

describe('dealbook import: a unit after the header without brackets', () => {
  it('reads Amount $B and Power GW in their units, read or mapped: never $2 or 1.5 MW', () => {
    const text = 'announced,from_party,to_party,kind,Amount $B,Capacity GW\n2025-01-01,A,B,investment,2,1.5\n';
    const book = newBook();
    const r = dealbook(['import', '--book', book, writeCsv('tail.csv', text)]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(exported(book).map((d) => [d.amount_usd, d.capacity_mw])).toEqual([['2000000000', '1500']]);
    const mapped = newBook();
    const file = writeCsv('tail-map.csv', 'announced,from_party,to_party,kind,Size $B,Power GW\n2025-01-01,A,B,investment,2,1.5\n');
    const m = dealbook(['import', '--book', mapped, '--map', 'Size $B=amount_usd', '--map', 'Power GW=capacity_mw', file]);
    expect(m).toMatchObject({ code: 0, stderr: '' });
    expect(exported(mapped).map((d) => [d.amount_usd, d.capacity_mw])).toEqual([['2000000000', '1500']]);
  });

  it('says when no column is read as the amount but one looks like it', () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, writeCsv('ticket.csv', 'announced,from_party,to_party,kind,Ticket size\n2025-01-01,A,B,investment,2\n')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: line 1, column Ticket size: no column is read as amount_usd, so every deal would have no amount (undisclosed): if this column holds the amounts, map it to amount_usd');
  });
});

describe('dealbook import: a French Excel export', () => {
  it('reads thousands grouped by no-break spaces with a decimal comma (1 300 000 000,5), and 1 200 MW', () => {
    const book = newBook();
    const text = 'announced;from_party;to_party;kind;amount_usd;capacity_mw\r\n' +
      '2025-01-01;Mistral;Fluidstack;purchase;1\u202f300\u202f000\u202f000,5;1\u00a0200\r\n' +
      '2025-01-02;Bpifrance;Mistral;investment;1 000 000 000;\r\n';
    const r = dealbook(['import', '--book', book, writeCsv('fr.csv', text)]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(exported(book).map((d) => [d.amount_usd, d.capacity_mw])).toEqual([['1300000000.5', '1200'], ['1000000000', '']]);
  });
});

describe('dealbook import --update: a narrow sheet', () => {
  it('updates by id from a file of only ID and Amount ($B), each deal keeping what the file leaves out; a row without an id says what it lacks', () => {
    const book = newBook({ sample: true });
    const before = exported(book);
    const file = writeCsv('narrow.csv', 'ID,Amount ($B)\n1,2\n,5\n');
    const refused = dealbook(['import', '--book', book, '--update', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 3, column announced: is required');
    expect(exported(book)).toEqual(before);
    const r = dealbook(['import', '--book', book, '--update', writeCsv('narrow2.csv', 'ID,Amount ($B)\n1,2\n')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('deal 1, amount_usd: 1000000000 -> 2000000000 (line 2)');
    const after = exported(book);
    expect(after[0]).toEqual({ ...before[0], amount_usd: '2000000000', cash_share: '0.25', credit_share: '0.25', other_share: '0.5', round_trip_ratio: after[0]!.round_trip_ratio });
    expect(after.slice(1).map((d) => d.id)).toEqual(before.slice(1).map((d) => d.id));
  });

  it('still says a required column is missing without --update', () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, writeCsv('narrow3.csv', 'ID,Amount ($B)\n1,2\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 1, column announced: required column is missing');
  });
});

describe('dealbook import: a dot that may separate thousands, in a file read with the decimal point', () => {
  it('reads 10.000 as 10 as before, but says so, naming line and column, when nothing else in the file shows', () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, writeCsv('dots.tsv', 'Date\tInvestor\tRecipient\tKind\tCapacity (MW)\n2025-01-01\tA\tB\tinvestment\t10.000\n2025-01-02\tC\tD\tinvestment\t1.200\n')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('warning: line 2, column Capacity (MW): read as 10, not 10000: nothing else in the file shows whether its dot is a decimal point or separates thousands; 1 more cell reads so (10.000)\n');
    expect(exported(book).map((d) => d.capacity_mw)).toEqual(['10', '1.2']);
  });

  it('says nothing when another cell shows the decimal point (1.5)', () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, writeCsv('dots2.csv', 'announced,from_party,to_party,kind,Amount ($B)\n2025-01-01,A,B,investment,1.250\n2025-01-02,C,D,investment,1.5\n')]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
});
