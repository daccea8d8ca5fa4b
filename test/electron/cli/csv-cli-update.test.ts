import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../shared/csv/csv-parse';
import { dealbook } from '../../helpers/cli';
import { cliWorkspace, exportOf, withService } from './csv-cli-helpers';
import { bookHash } from '../../helpers/csv-fixtures';

const { cleanup, newBook, writeCsv } = cliWorkspace('dealbook-csv-cli-update-');
afterAll(cleanup);

const HEADER = 'announced,from_party,to_party,kind';

describe('dealbook import --update', () => {
  it('export then import --update of the unchanged file changes nothing and says so', () => {
    const book = newBook({ sample: true });
    const file = writeCsv('export.csv', exportOf(book));
    const before = bookHash(book);
    const r = dealbook(['import', '--book', book, '--update', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^no changes: every deal already matches the file \(\d+ rows by id\); nothing was written\n$/);
    expect(bookHash(book)).toBe(before);
  });

  it('updates the edited cells, adds the row without an id, and prints every changed cell', async () => {
    const book = newBook({ sample: true });
    const text = exportOf(book);
    const parsed = parseCsv(text);
    const col = (name: string) => parsed.header.indexOf(name);
    const first = parsed.rows[0]!.cells.slice();
    const id = Number(first[col('id')]);
    const oldNotes = first[col('notes')];
    first[col('notes')] = 'checked "by hand"';
    first[col('amount_usd')] = '77B';
    const added = parsed.header.map(() => '');
    Object.assign(added, { [col('announced')]: '2026-02-03', [col('from_party')]: 'Kestrel', [col('to_party')]: 'Wrenfield', [col('kind')]: 'investment' });
    const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const lines = [parsed.header, first, ...parsed.rows.slice(1).map((r) => r.cells), added].map((r) => r.map(quote).join(','));
    const r = dealbook(['import', '--book', book, '--update', writeCsv('edited.csv', lines.join('\r\n') + '\r\n')]);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.split('\n');
    expect(out.slice(0, 2)).toEqual([
      expect.stringMatching(new RegExp(`^deal ${id}, amount_usd: \\d+ -> 77000000000 \\(line 2\\)$`)),
      `deal ${id}, notes: ${oldNotes ? JSON.stringify(oldNotes).slice(0, 60) : '(empty)'}${oldNotes && JSON.stringify(oldNotes).length > 62 ? '…' : ''} -> "checked \\"by hand\\"" (line 2)`,
    ]);
    expect(out[2]).toMatch(/^added 1 and updated 1 deal \(2 cells\); \d+ unchanged, as one undo step$/);
    const deal = await withService(book, (s) => s.listDeals({}).find((d) => d.id === id));
    expect(deal).toMatchObject({ amount_usd: 77e9, notes: 'checked "by hand"' });
  });

  it('an unknown id is a problem on its line, exit 1, book unchanged', () => {
    const book = newBook({ sample: true });
    const before = bookHash(book);
    const r = dealbook(['import', '--book', book, '--update', writeCsv('unknown.csv', `id,${HEADER}\r\n424242,2025-01-01,A,B,investment\r\n`)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('line 2, column id: the book has no deal with id 424242 (424242)\n');
    expect(r.stdout).toMatch(/nothing was written/);
    expect(bookHash(book)).toBe(before);
  });
});

describe('dealbook import --map and --date-order', () => {
  it('--map names the field of a column or ignores it; unknown columns are warnings, not refusals', async () => {
    const book = newBook();
    const file = writeCsv('mapped.csv', 'When,Backer,Target,Kind,Size ($B),Tags\r\n2025-09-22,Nvidia,OpenAI,investment,100,ai\r\n');
    const r = dealbook(['import', '--book', book, file, '--map', 'When=announced', '--map', 'Backer=from_party', '--map=Target=to_party', '--map', 'Size ($B)=amount_usd']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('warning: line 1, column Tags: column ignored: the book has no field for it (map it to a field to import it)\n');
    expect(r.stdout).toBe('imported 1 of 1 row as one undo step; new parties: Nvidia, OpenAI\n');
    const ignored = dealbook(['import', '--book', book, '--dry-run', file, '--map', 'When=announced', '--map', 'Backer=from_party', '--map', 'Target=to_party', '--map', 'Tags=ignore']);
    expect(ignored.stderr).toBe(
      'warning: line 1, column Size ($B): column ignored: the book has no field for it (map it to a field to import it)\n' +
      'warning: line 1, column Size ($B): no column is read as amount_usd, so every deal would have no amount (undisclosed): if this column holds the amounts, map it to amount_usd\n',
    );
    const deals = await withService(book, (s) => s.listDeals({}));
    expect(deals.map((d) => [d.announced, d.from_party, d.to_party, d.amount_usd])).toEqual([['2025-09-22', 'Nvidia', 'OpenAI', 100e9]]);
  });

  it('refuses a --map that names no field, and a --date-order that is not DMY or MDY (usage, exit 2)', () => {
    const book = newBook();
    const file = writeCsv('x.csv', `${HEADER}\r\n2025-01-01,A,B,investment\r\n`);
    expect(dealbook(['import', '--book', book, file, '--map', 'When=date'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--map When=date: the field must be one of') });
    expect(dealbook(['import', '--book', book, file, '--map', 'nothing'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--map needs "HEADER=field"') });
    expect(dealbook(['import', '--book', book, file, '--date-order', 'YMD'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--date-order must be DMY or MDY') });
  });

  it('--date-order decides dates both orders allow; without it they are problems', async () => {
    const book = newBook();
    const file = writeCsv('dates.csv', `${HEADER}\r\n3/4/2025,A,B,investment\r\n22/09/2025,A,B,investment\r\n`);
    const refused = dealbook(['import', '--book', book, file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^line 2, column announced: is ambiguous/);
    expect(dealbook(['import', '--book', book, file, '--date-order', 'DMY']).code).toBe(0);
    const deals = await withService(book, (s) => s.listDeals({}).map((d) => d.announced));
    expect(deals.sort()).toEqual(['2025-04-03', '2025-09-22']);
  });
});

describe('dealbook import of hostile files', () => {
  it('a header of 130,000 columns: one clear problem on line 1, exit 1, book unchanged', () => {
    const book = newBook({ sample: true });
    const before = bookHash(book);
    const wide = `${HEADER},${Array.from({ length: 130_000 - 4 }, (_, i) => `col${i}`).join(',')}\r\n2025-01-01,A,B,investment\r\n`;
    const r = dealbook(['import', '--book', book, writeCsv('wide.csv', wide)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('line 1: header has 130,000 columns; a deal file has at most 1,000\n');
    expect(bookHash(book)).toBe(before);
  });

  it('a 10 MB header cell is echoed as a short excerpt', () => {
    const book = newBook();
    const r = dealbook(['import', '--book', book, writeCsv('huge.csv', `announced,from_party,to_party,${'K'.repeat(10_000_000)}\r\n2025-01-01,A,B,x\r\n`)]);
    expect(r.code).toBe(1);
    expect(r.stderr.length).toBeLessThan(1000);
    expect(r.stderr).toContain('required column is missing');
  });

  it('reads a Windows-1252 file and says so', async () => {
    const book = newBook();
    const bytes = Buffer.concat([Buffer.from(`${HEADER},notes\r\n2025-01-01,Caf`), Buffer.from([0xe9]), Buffer.from(' Capital,B,investment,'), Buffer.from([0x93, 0x78, 0x94]), Buffer.from('\r\n')]);
    const r = dealbook(['import', '--book', book, writeCsv('excel.csv', bytes)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('imported 1 of 1 row as one undo step; new parties: Café Capital, B; read as Windows-1252\n');
    expect(await withService(book, (s) => s.listDeals({}).map((d) => [d.from_party, d.notes]))).toEqual([['Café Capital', '“x”']]);
  });
});

describe('dealbook --help', () => {
  it('prints usage naming the import options and exits 0, alone or after a command', () => {
    for (const args of [['--help'], ['import', '--help']]) {
      const r = dealbook(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('import --book PATH FILE [--dry-run] [--skip-invalid] [--update] [--map "HEADER=field"]... [--date-order DMY|MDY]');
    }
  });
});
