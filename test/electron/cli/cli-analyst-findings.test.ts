import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, dealbook } from '../../helpers/cli';
import { cliWorkspace, exportOf, withService } from './csv-cli-helpers';

const { cleanup, fresh, newBook, writeCsv, root } = cliWorkspace('dealbook-cli-findings-');
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted) execFileSync('umount', [dir]);
  cleanup();
});

const partiesOf = (book: string) => dealbook(['parties', '--book', book]).stdout.split('\r\n');

describe('dealbook parties --import: the headers sheets use', () => {
  it('reads Party,Type,Parent company and other spellings of name,kind,parent', () => {
    const spellings = [
      'Party,Type,Parent company',
      'Name, Kind, Parent',
      'party_name,party_type,parent_company',
      'NAME,KIND,Parent Company',
      ' Company ,Category,Owned by',
    ];
    for (const header of spellings) {
      const book = newBook();
      const r = dealbook(['parties', '--book', book, '--import', writeCsv('parties.csv', `${header}\nStargate,energy,OpenAI\nOpenAI,lab,\n`)]);
      expect([r.code, r.stderr], header).toEqual([0, '']);
      expect(partiesOf(book), header).toEqual(expect.arrayContaining(['Stargate,energy,OpenAI', 'OpenAI,lab,']));
    }
  });

  it('refuses an unknown column naming line 1 and the column, and changes nothing', () => {
    const book = newBook({ sample: true });
    const before = partiesOf(book);
    const r = dealbook(['parties', '--book', book, '--import', writeCsv('parties.csv', 'Party,Type,Country\nStargate,energy,US\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^line 1, column Country: unknown column: a parties file has the columns name, kind and parent/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(2);
    expect(partiesOf(book)).toEqual(before);
    // Two columns for one thing, and no name column, each named.
    const twice = dealbook(['parties', '--book', book, '--import', writeCsv('twice.csv', 'Name,Party\nA,B\n')]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('line 1, column Party: duplicate column: "Name" and "Party" both mean name');
    const nameless = dealbook(['parties', '--book', book, '--import', writeCsv('nameless.csv', 'Type,Parent\nlab,\n')]);
    expect(nameless.code).toBe(1);
    expect(nameless.stderr).toMatch(/^line 1: no column holds the party names/);
  });

  it('refuses a party named twice (case aside), naming both lines', () => {
    const book = newBook({ sample: true });
    const before = partiesOf(book);
    const r = dealbook(['parties', '--book', book, '--import', writeCsv('dup.csv', 'Party,Type\nOpenAI,lab\nopenai,investor\n')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^line 3, column Party: the same party as on line 2; name each party once \(openai\)\n/);
    expect(partiesOf(book)).toEqual(before);
  });

  it('says a bad row once: the line N, column X line, then what became of the book', () => {
    const book = newBook({ sample: true });
    const r = dealbook(['parties', '--book', book, '--import', writeCsv('bad.csv', 'name,kind,parent\nOracle,bank,\n')]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^line 2, column kind: must be one of lab/);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^dealbook: .*bad\.csv refused \(1 problem\); no party was changed$/)]);
  });
});

describe('dealbook parties --import of a header alone', () => {
  it('claims no undo step it did not make', async () => {
    const book = newBook({ sample: true });
    const steps = await withService(book, (s) => s.bookInfo({}).undoLabel);
    const r = dealbook(['parties', '--book', book, '--import', writeCsv('header.csv', 'Party,Type,Parent\n')]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/header\.csv has no rows under its header; no party was changed\n$/);
    expect(await withService(book, (s) => s.bookInfo({}).undoLabel)).toBe(steps);
  });
});

describe('names that cannot be a file', () => {
  it('export --out "" and new --book FOLDER/ are usage errors, and make nothing', () => {
    const book = newBook({ sample: true });
    const empty = dealbook(['export', '--book', book, '--out', '']);
    expect([empty.code, empty.stderr.split('\n')[0]]).toEqual([2, 'dealbook: --out needs a file name (leave --out out to write to standard output)']);
    const folder = fresh('books');
    const made = dealbook(['new', '--book', `${folder}/`]);
    expect([made.code, made.stderr.split('\n')[0]]).toEqual([2, `dealbook: --book ${folder}/ names a folder; give the new book's file name, e.g. ${folder}/deals.dealbook`]);
    expect(existsSync(folder)).toBe(false);
  });
});

describe('dealbook scenario --delete of a scenario the book lacks', () => {
  it('prints one line and exits 2, as --scenario NAME does', () => {
    const book = newBook();
    const r = dealbook(['scenario', '--book', book, '--delete', 'Nope']);
    expect(r.stderr).toBe('dealbook: --delete Nope: No scenario named "Nope"; this book has "Base"\n');
    expect(r.code).toBe(dealbook(['report', '--book', book, '--scenario', 'Nope']).code);
    expect(r.code).toBe(2);
    const base = dealbook(['scenario', '--book', book, '--delete', 'Base']);
    expect([base.code, base.stderr]).toEqual([1, 'dealbook: --delete Base: Base cannot be deleted\n']);
    const blank = dealbook(['scenario', '--book', book, '--set', ' ']);
    expect(blank.stderr).toBe('dealbook: --set " ": scenario name is required\n');
  });
});

describe('files the CLI cannot read or write: said in words', () => {
  it('a missing folder, a folder where a file goes, a file where a folder goes', () => {
    const book = newBook({ sample: true });
    const gone = join(root, 'no-such-dir');
    const cases: [string[], string][] = [
      [['export', '--book', book, '--out', join(gone, 'deals.csv')], `Cannot write ${join(gone, 'deals.csv')}: the folder ${gone} does not exist`],
      [['export', '--book', book, '--out', root], `Cannot write ${root}: it is a folder, not a file`],
      [['new', '--book', join(gone, 'new.dealbook')], `Cannot create ${join(gone, 'new.dealbook')}: the folder ${gone} does not exist`],
      [['new', '--book', join(book, 'new.dealbook')], `Cannot create ${join(book, 'new.dealbook')}: ${book} is a file, not a folder`],
      [['import', '--book', book, join(gone, 'deals.csv')], `Cannot read ${join(gone, 'deals.csv')}: the folder ${gone} does not exist`],
      [['import', '--book', book, root], `Cannot read ${root}: it is a folder, not a file`],
      [['parties', '--book', book, '--import', join(gone, 'p.csv')], `Cannot read ${join(gone, 'p.csv')}: the folder ${gone} does not exist`],
      // A TLS file for a team server: it was a stack trace.
      [['serve', '--book', 'postgres://u@127.0.0.1:1/db?schema=s', '--team', '--tls-cert', join(gone, 'c.pem'), '--tls-key', join(gone, 'k.pem')], `Cannot read ${join(gone, 'c.pem')}: the folder ${gone} does not exist`],
      // Said before the team book is even reached (nothing listens on port 1), and of FILE, not of a temporary file.
      [['pull', '--book', 'postgres://u@127.0.0.1:1/db?schema=s', '--out', join(gone, 'copy.dealbook')], `Cannot write ${join(gone, 'copy.dealbook')}: the folder ${gone} does not exist; no file was written.`],
    ];
    for (const [args, message] of cases) {
      const r = dealbook(args);
      expect([r.code, r.stderr], args.join(' ')).toEqual([2, `dealbook: ${message}\n`]);
    }
    expect(existsSync(gone)).toBe(false);
  });

  it('permission denied (as another user than root)', () => {
    const locked = fresh('locked');
    mkdirSync(locked);
    chmodSync(locked, 0o700);
    chmodSync(root, 0o755);
    // Run as nobody: root may write anywhere. Skipped only where setpriv is missing or we are not root.
    let asNobody: (args: string[]) => { code: number; stderr: string };
    try {
      execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']);
      asNobody = (args) => {
        try {
          execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args], { stdio: 'pipe' });
          return { code: 0, stderr: '' };
        } catch (err) {
          const e = err as { status: number; stderr: Buffer };
          return { code: e.status, stderr: e.stderr.toString() };
        }
      };
    } catch {
      return;
    }
    expect(asNobody(['new', '--book', join(locked, 'a.dealbook')])).toEqual({ code: 2, stderr: `dealbook: Cannot create ${join(locked, 'a.dealbook')}: permission denied\n` });
  });

  it('a read-only disk', () => {
    const book = newBook({ sample: true });
    const disk = fresh('ro');
    mkdirSync(disk);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,ro', 'tmpfs', disk], { stdio: 'ignore' });
    } catch {
      return; // no mount here (not root, or not Linux): the words are checked above for the other codes
    }
    mounted.push(disk);
    const out = join(disk, 'deals.csv');
    expect(dealbook(['export', '--book', book, '--out', out]).stderr).toBe(`dealbook: Cannot write ${out}: the disk is read-only\n`);
    expect(dealbook(['new', '--book', join(disk, 'b.dealbook')]).stderr).toBe(`dealbook: Cannot create ${join(disk, 'b.dealbook')}: the disk is read-only\n`);
    expect(readdirSync(disk)).toEqual([]);
  });
});

describe('a team book nothing answers for', () => {
  it('says so in words, not ECONNREFUSED', () => {
    const r = dealbook(['report', '--book', 'postgres://u@127.0.0.1:1/db?schema=s']);
    expect([r.code, r.stderr]).toEqual([2, "dealbook: Cannot reach the team book's database at postgres://u@127.0.0.1:1/db?schema=s: nothing answers at that host and port (connection refused): is PostgreSQL running there, on that port?\n"]);
  });
});

describe('amounts Excel saved in scientific notation (General format, 1e11 and up)', () => {
  const header = 'announced,from_party,to_party,kind,amount_usd,capacity_mw\n';

  it('warns naming line, column and cell when 6 or fewer significant digits remain', () => {
    const book = newBook();
    const text = `${header}2025-01-01,A,B,investment,1.23457E+12,1.5E+3\n2025-01-01,A,C,investment,1.234567891E+12,\n2025-01-01,A,D,investment,150000000000,\n`;
    const r = dealbook(['import', '--book', book, writeCsv('sci.csv', text)]);
    expect(r.code).toBe(0);
    const warnings = r.stderr.trimEnd().split('\n');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^warning: line 2, column amount_usd: scientific notation with 6 or fewer significant digits: Excel's General format .* may have rounded this one .*format the column as Number in Excel before saving as CSV .*\(1\.23457E\+12\)$/);
    expect(warnings[1]).toMatch(/^warning: line 2, column capacity_mw: scientific notation .*\(1\.5E\+3\)$/);
  });

  it('warns with --update too, beside the changed cell it lists', async () => {
    const book = newBook();
    expect(dealbook(['import', '--book', book, writeCsv('exact.csv', `${header}2025-01-01,A,B,investment,1234567891234,\n`)]).code).toBe(0);
    const id = await withService(book, (s) => s.listDeals({})[0]!.id);
    const r = dealbook(['import', '--book', book, '--update', writeCsv('rounded.csv', `id,${header}${id},2025-01-01,A,B,investment,1.23457E+12,\n`)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`deal ${id}, amount_usd: 1234567891234 -> 1234570000000 (line 2)`);
    expect(r.stderr).toMatch(/^warning: line 2, column amount_usd: scientific notation .*\(1\.23457E\+12\)\n$/);
  });

  it('counts the cells of a column after the first 20, and says nothing of exact ones', () => {
    const book = newBook();
    const rows = Array.from({ length: 23 }, (_, i) => `2025-01-01,A,P${i},investment,1.5E+11,\n`).join('');
    const r = dealbook(['import', '--book', book, writeCsv('many.csv', header + rows)]);
    const warnings = r.stderr.trimEnd().split('\n');
    expect(warnings).toHaveLength(20);
    expect(warnings[19]).toContain('(3 more cells of this column are so)');
    const plain = dealbook(['import', '--book', newBook(), writeCsv('plain.csv', `${header}2025-01-01,A,B,investment,1500000000000,1200\n`)]);
    expect(plain.stderr).toBe('');
    expect(exportOf(book)).toContain(',150000000000,');
  });
});
