import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/csv-parse';
import { dealbook } from '../../helpers/cli';
import { cliWorkspace, exportOf } from './csv-cli-helpers';

const { cleanup, newBook, writeCsv } = cliWorkspace('dealbook-csv-analyst-cells-');
afterAll(cleanup);

/** The book's deals as exported: one object per row, keyed by header. */
function exported(book: string): Record<string, string>[] {
  const parsed = parseCsv(exportOf(book));
  return parsed.rows.map((r) => Object.fromEntries(parsed.header.map((h, i) => [h, r.cells[i]!])));
}

describe('dealbook import: whole numbers written as decimals (5.0, as spreadsheets and pandas save them)', () => {
  it('reads term 5.0 and 5.00 as 5 years and a start year 2026.0 as 2026', () => {
    const book = newBook();
    const text = 'announced,from_party,to_party,kind,term_years,start,capacity_mw\n' +
      '2025-09-22,Nvidia,OpenAI,investment,5.0,2026.0,1200.0\n' +
      '2025-09-23,AMD,OpenAI,investment,5.00,,\n';
    const r = dealbook(['import', '--book', book, writeCsv('floats.csv', text)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(exported(book).map((d) => [d.term_years, d.start, d.capacity_mw])).toEqual([['5', '2026-01-01', '1200'], ['5', '', '']]);
  });

  it('still refuses a term that is not whole (5.5), naming the line', () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, writeCsv('half.csv', 'announced,from_party,to_party,kind,term_years\n2025-09-22,A,B,investment,5.5\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 2, column term_years: must be a whole number of years from 1 to 50 (5.5)');
  });
});

describe('dealbook import --map: units in the mapped header, and the deal id', () => {
  it('honours a unit in the header it maps: Capacity (GW) -> capacity_mw stores MW (and the header unmapped reads the same)', () => {
    const text = 'announced,from_party,to_party,kind,Capacity (GW)\n2025-09-22,Nvidia,OpenAI,investment,1.2\n';
    const mapped = newBook();
    const r = dealbook(['import', '--book', mapped, '--map', 'Capacity (GW)=capacity_mw', writeCsv('gw.csv', text)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(exported(mapped)[0]!.capacity_mw).toBe('1200');
    const unmapped = newBook();
    expect(dealbook(['import', '--book', unmapped, writeCsv('gw2.csv', text)])).toMatchObject({ code: 0, stderr: '' });
    expect(exported(unmapped)[0]!.capacity_mw).toBe('1200');
  });

  it('refuses a unit the field cannot take, naming the option, before reading the book', () => {
    const book = newBook();
    const file = writeCsv('kw.csv', 'announced,from_party,to_party,kind,Capacity (kW)\n2025-09-22,A,B,investment,1200\n');
    const r = dealbook(['import', '--book', book, '--map', 'Capacity (kW)=capacity_mw', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--map "Capacity (kW)=capacity_mw": capacity_mw is in MW or GW; the header\'s unit "kW" is not one it can take');
    expect(exported(book)).toEqual([]);
  });

  it('maps a header to id, so --update reads a file whose id column is called Deal ID', () => {
    const book = newBook({ sample: true });
    const deal = exported(book).find((d) => d.id === '3')!;
    const status = deal.status === 'cancelled' ? 'signed' : 'cancelled';
    const text = `Deal ID,announced,from_party,to_party,kind,status\n3,${deal.announced},${deal.from_party},${deal.to_party},${deal.kind},${status}\n`;
    const r = dealbook(['import', '--book', book, '--update', '--map', 'Deal ID=id', writeCsv('deal-id.csv', text)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`deal 3, status: "${deal.status}" -> "${status}" (line 2)`);
    expect(exported(book).find((d) => d.id === '3')!.status).toBe(status);
  });
});

describe('dealbook import of a UTF-8 file with one stray Windows-1252 byte', () => {
  const text = Buffer.concat([
    Buffer.from('announced,from_party,to_party,kind\n2025-09-22,Zoë Capital,OpenAI,investment\n2025-09-23,Caf', 'utf8'),
    Buffer.from([0xe9]),
    Buffer.from(',OpenAI,investment\n', 'utf8'),
  ]);

  it('reads it as Windows-1252 as the rule says, and warns naming the line of the byte and that the UTF-8 text reads wrongly', () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, '--dry-run', writeCsv('mixed.csv', text)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('read as Windows-1252');
    expect(r.stderr).toContain('warning: line 3: this byte is not UTF-8, so the file was read as Windows-1252, but it holds UTF-8 text too (from line 2)');
    expect(r.stderr).toContain('(byte 0xE9)');
  });

  it('warns the same way on parties --import', () => {
    const book = newBook();
    const parties = Buffer.concat([Buffer.from('name,kind\nZoë Capital,investor\nCaf', 'utf8'), Buffer.from([0xe9]), Buffer.from(',other\n')]);
    const r = dealbook(['parties', '--book', book, '--import', writeCsv('parties.csv', parties)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: line 3: this byte is not UTF-8');
  });

  it('says nothing of a file that is Windows-1252 throughout', () => {
    const book = newBook();
    const cp1252 = Buffer.concat([Buffer.from('announced,from_party,to_party,kind\n2025-09-23,Caf'), Buffer.from([0xe9]), Buffer.from(',OpenAI,investment\n')]);
    const r = dealbook(['import', '--book', book, writeCsv('cp1252.csv', cp1252)]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(exported(book)[0]!.from_party).toBe('Café');
  });
});

describe('dealbook import of a ";" file from a European-locale spreadsheet (the decimal comma)', () => {
  it('reads 2,5 and 2,500 under Amount ($B) as $2.5B and 1.234,5 as 1234.5, never $2.5T', () => {
    const book = newBook();
    const text = '\ufeffannounced;from_party;to_party;kind;Amount ($B);capacity_mw\r\n' +
      '22.09.2025;Nvidia;OpenAI;investment;2,5;1.234,5\r\n23.09.2025;AMD;OpenAI;investment;2,500;\r\n';
    const r = dealbook(['import', '--book', book, writeCsv('eu.csv', text)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(exported(book).map((d) => [d.amount_usd, d.capacity_mw])).toEqual([['2500000000', '1234.5'], ['2500000000', '']]);
  });

  it('says how it read a cell that reads both ways when nothing else in the file shows the convention', () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, writeCsv('eu2.csv', 'announced;from_party;to_party;kind;Amount ($B)\r\n2025-09-22;A;B;investment;2,500\r\n')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: line 2, column Amount ($B): read as 2.5, not 2500: a file separated by ";" writes numbers with the decimal comma (2,5 is 2.5; 1.234,5 is 1234.5) (2,500)\n');
    expect(exported(book)[0]!.amount_usd).toBe('2500000000');
  });

  it('refuses it, naming line and column, when the file writes other numbers with a decimal point', () => {
    const book = newBook();
    const text = 'announced;from_party;to_party;kind;Amount ($B)\r\n2025-09-22;A;B;investment;1.5\r\n2025-09-23;A;C;investment;1.234\r\n';
    const r = dealbook(['import', '--book', book, writeCsv('eu3.csv', text)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('line 3, column Amount ($B): reads two ways: 1234 with the decimal comma of a file separated by ";", or 1.234 with the decimal point');
    expect(exported(book)).toEqual([]);
  });
});
