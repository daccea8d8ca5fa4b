import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openService } from '../../../electron/service/book';
import { dealbook } from '../../helpers/cli';
import { COMMANDS } from '../../../electron/cli/run';
import { tempDirsPerTest } from '../../helpers/temp-book';
import { compareRows, loadV2Book, seedV2 } from '../../helpers/v2-vectors';

const dir = tempDirsPerTest('dealbook-cli-v2-');
const book = loadV2Book();

/** The v2 vectors book as a file, built through the service (parents and the two extra scenarios included). */
async function vectorsBook(): Promise<string> {
  const path = join(dir(), 'vectors.dealbook');
  const service = await openService(path, { create: true });
  seedV2(service, book);
  service.close();
  return path;
}

const REPORT_KEYS = ['scenario', 'pairs', 'exposure', 'recipients', 'commitments_by_year', 'disbursement_by_year'];

describe('dealbook report on the v2 vectors', () => {
  it.each(book.expected.map((e) => e.scenario.name))('--json under "%s" gives the vectors exactly, in the fixed shape', async (name) => {
    const path = await vectorsBook();
    const expected = book.expected.find((e) => e.scenario.name === name)!;
    const r = dealbook(['report', '--book', path, ...(name === 'Base' ? [] : ['--scenario', name]), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, Record<string, unknown>[]> & { scenario: unknown };
    expect(Object.keys(report)).toEqual(REPORT_KEYS);
    expect(report.scenario).toEqual(expected.scenario);
    // Exactly the spec's field names, in the vectors' order.
    for (const key of ['pairs', 'exposure', 'recipients', 'commitments_by_year', 'disbursement_by_year'] as const) {
      if (expected[key].length) expect(Object.keys(report[key]![0]!), key).toEqual(Object.keys(expected[key][0]!));
    }
    expect([
      ...compareRows('pairs', report.pairs!, expected.pairs),
      ...compareRows('exposure', report.exposure!, expected.exposure),
      ...compareRows('recipients', report.recipients!, expected.recipients),
      ...compareRows('commitments_by_year', report.commitments_by_year!, expected.commitments_by_year),
      ...compareRows('disbursement_by_year', report.disbursement_by_year!, expected.disbursement_by_year),
    ]).toEqual([]);
  });

  it('prints readable tables without --json, and refuses an unknown scenario naming the option', async () => {
    const path = await vectorsBook();
    const r = dealbook(['report', '--book', path, '--scenario', 'Groups, half the credits drawn']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Scenario: Groups, half the credits drawn');
    // A credit or an amount back the book does not know is ? (never $0), and a round trip with such a part is a floor,
    // as its ratio is: `≥ $0` beside `≥ 0.00x`, never `?` beside it (the pairs table prints the same cells).
    expect(r.stdout).toMatch(/Microsoft\s+Anthropic\s+\$5\.0B\s+\?\s+\$30\.0B\s+≥ \$30\.0B\s+≥ 6\.00x/);
    expect(r.stdout).toMatch(/AMD\s+OpenAI\s+\$34\.0B\s+\$0\s+\?\s+≥ \$0\s+≥ 0\.00x\s+1\n/);
    expect(r.stdout).toMatch(/NVIDIA\s+Anthropic\s+\$10\.0B\s+\?\s+\$0\s+≥ \$0\s+≥ 0\.00x\s+0\n/);
    expect(r.stdout).toMatch(/Microsoft\s+OpenAI .*\? 33\.67x/);
    const bad = dealbook(['report', '--book', path, '--scenario', 'Nope', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--scenario Nope: no such scenario; this book has "Base", "Firm only", "Groups, half the credits drawn"/);
    expect(bad.stdout).toBe('');
  });

  it('export --scenario writes the derived columns under it, round_trip_basis after round_trip_ratio', async () => {
    const path = await vectorsBook();
    const lines = (args: string[]) => dealbook(['export', '--book', path, ...args]).stdout.split('\r\n');
    const base = lines([]);
    const groups = lines(['--scenario', 'Groups, half the credits drawn']);
    expect(base[0]).toMatch(/^id,announced,announced_precision,.*,amount_usd,amount_basis,.*,round_trip_ratio,round_trip_basis$/);
    expect(base[1]).toMatch(/^1,2025-11-18,day,Microsoft,Anthropic,investment,announced,5000000000,up_to,.*,0,at_least$/);
    expect(groups[1]).toMatch(/,6,at_least$/);
    expect(groups[19]).toMatch(/^19,.*,,$/); // Amazon -> AWS is inside one group: no round trip
    expect(dealbook(['export', '--book', path, '--scenario', 'Nope']).code).toBe(2);
  });
});

describe('dealbook scenario', () => {
  it('lists, sets and deletes; bad values exit non-zero naming the option and change nothing', async () => {
    const path = await vectorsBook();
    const list = () => JSON.parse(dealbook(['scenario', '--book', path]).stdout) as { name: string }[];
    expect(list().map((s) => s.name)).toEqual(['Base', 'Firm only', 'Groups, half the credits drawn']);
    const set = dealbook(['scenario', '--book', path, '--set', 'Half', '--weight', 'announced=0.5', '--weight', 'rumored=0', '--up-to', '0.25', '--credit-drawdown', '0.5', '--roll-up']);
    expect(set.code, set.stderr).toBe(0);
    expect(list().at(-1)).toEqual({
      name: 'Half', status_weight: { rumored: 0, announced: 0.5, signed: 1, closed: 1, cancelled: 0 }, up_to_factor: 0.25, credit_drawdown: 0.5, roll_up: true,
    });
    expect(dealbook(['scenario', '--book', path, '--set', 'Half', '--no-roll-up']).code).toBe(0);
    expect(list().at(-1)).toMatchObject({ up_to_factor: 0.25, roll_up: false });
    const before = dealbook(['scenario', '--book', path]).stdout;
    for (const [args, pattern] of [
      [['--set', 'Half', '--weight', 'rumored=1.5'], /--weight rumored=1\.5: must be a number from 0 to 1/],
      [['--set', 'Half', '--weight', 'pending=0.5'], /--weight pending=0\.5: unknown status "pending"/],
      [['--set', 'Half', '--up-to', 'lots'], /--up-to lots: must be a number from 0 to 1/],
      [['--set', 'Half', '--credit-drawdown', '-0.1'], /--credit-drawdown -0\.1|argument is ambiguous/],
      [['--set', 'Half', '--roll-up', '--no-roll-up'], /--roll-up and --no-roll-up/],
      [['--weight', 'rumored=0.5'], /--weight needs --set NAME/],
      [['--delete', 'Base'], /--delete Base: Base cannot be deleted/],
      [['--delete', 'Nope'], /--delete Nope: No scenario named "Nope"/],
    ] as const) {
      const r = dealbook(['scenario', '--book', path, ...args]);
      expect([1, 2], `${args.join(' ')}: ${r.stderr}`).toContain(r.code);
      expect(r.stderr).toMatch(pattern);
    }
    expect(dealbook(['scenario', '--book', path]).stdout).toBe(before);
    expect(dealbook(['scenario', '--book', path, '--delete', 'half']).code).toBe(0);
    expect(list().map((s) => s.name)).toEqual(['Base', 'Firm only', 'Groups, half the credits drawn']);
  });
});

describe('dealbook parties', () => {
  it('prints name,kind,parent and imports such a file as one undo step, creating missing parties', async () => {
    const path = await vectorsBook();
    const printed = dealbook(['parties', '--book', path]);
    expect(printed.code).toBe(0);
    const lines = printed.stdout.split('\r\n');
    expect(lines[0]).toBe('name,kind,parent');
    expect(lines).toContain('AWS,hyperscaler,Amazon');
    expect(lines).toContain('OpenAI,lab,');
    const file = join(dir(), 'parties.csv');
    writeFileSync(file, 'name,kind,parent\nSB Energy,energy,\nStargate,other,OpenAI\nAzure,,Microsoft\n');
    const imported = dealbook(['parties', '--book', path, '--import', file]);
    expect(imported.code, imported.stderr).toBe(0);
    const after = dealbook(['parties', '--book', path]).stdout.split('\r\n');
    expect(after).toContain('SB Energy,energy,');
    expect(after).toContain('Stargate,other,OpenAI');
    expect(after).toContain('Azure,hyperscaler,Microsoft');
    const service = await openService(path);
    expect(service.bookInfo({}).undoLabel).toBe('Import 3 parties');
    service.undo({});
    expect(service.listParties({}).find((p) => p.name === 'SB Energy')?.parent).toBe('SoftBank');
    expect(service.listParties({}).some((p) => p.name === 'Stargate')).toBe(false);
    service.close();
  });

  it('refuses a file with a loop or an unknown kind, naming the line, and changes nothing', async () => {
    const path = await vectorsBook();
    const before = dealbook(['parties', '--book', path]).stdout;
    const file = join(dir(), 'bad.csv');
    writeFileSync(file, 'name,kind,parent\nAmazon,hyperscaler,AWS\nOracle,bank,\n');
    const r = dealbook(['parties', '--book', path, '--import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 3, column kind: must be one of lab/);
    writeFileSync(file, 'name,kind,parent\nAmazon,hyperscaler,AWS\n');
    const loop = dealbook(['parties', '--book', path, '--import', file]);
    expect(loop.code).toBe(1);
    expect(loop.stderr).toMatch(/line 2, column parent: parent "AWS" would make a loop: Amazon -> AWS -> Amazon/);
    expect(dealbook(['parties', '--book', path]).stdout).toBe(before);
  });
});

describe('argument parsing (node:util parseArgs)', () => {
  it('--help and COMMAND --help print usage and exit 0', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = dealbook(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: dealbook <command>/);
      expect(r.stdout).toContain('report --book PATH [--scenario NAME] [--json]');
    }
    // Every command the CLI has (user too), so a new one cannot be left without help.
    expect(Object.keys(COMMANDS)).toEqual(expect.arrayContaining(['new', 'serve', 'check', 'import', 'export', 'user', 'report', 'parties', 'scenario', 'pull', 'push']));
    for (const command of Object.keys(COMMANDS)) {
      for (const flag of ['--help', '-h']) {
        const r = dealbook([command, flag]);
        expect(r.code, `${command} ${flag}`).toBe(0);
        expect(r.stdout).toMatch(new RegExp(`^Usage: dealbook ${command}`));
      }
    }
    expect(dealbook(['report', '--book', 'x', '--help']).code).toBe(0);
    expect(dealbook(['help', 'export'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: dealbook export --book PATH/) });
  });

  it('`help` of a word that is no command is a usage error naming it, as `dealbook nope` is', () => {
    for (const args of [['help', 'nope'], ['help', '__proto__'], ['nope']]) {
      const r = dealbook(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^dealbook: (No help for|Unknown command) "${args.at(-1)}"`));
      expect(r.stderr).toContain('Usage: dealbook <command>');
    }
  });

  it('says what is wrong in the usage\'s own terms, and lines the commands up', () => {
    expect(dealbook(['report', '--book'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--book needs a value: --book PATH') });
    expect(dealbook(['report', '--book', 'x', '--scenario']).stderr).toContain('--scenario needs a value: --scenario NAME');
    expect(dealbook(['new', '--book', '--sample']).stderr).toContain('--book needs a value, and "--sample" looks like an option (write --book=--sample if it is the value)');
    expect(dealbook(['report', 'book.dealbook'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Unexpected argument book.dealbook (a book is given as --book book.dealbook)') });
    expect(dealbook(['new', '--help']).stdout).toMatch(/^Usage: dealbook new --book PATH \[--sample\]\n/);
    // Each synopsis as its own --help writes it (one space after the command word), in the overview too.
    const lines = dealbook(['--help']).stdout.split('\n').filter((l) => l.startsWith('  '));
    expect(lines.map((l) => l.slice(2))).toEqual(['new', 'serve', 'check', 'import', 'export', 'user', 'report', 'parties', 'scenario', 'pull', 'push']
      .map((c) => /^Usage: dealbook (.*)$/m.exec(dealbook([c, '--help']).stdout)![1]));
    expect(lines.every((l) => /^ {2}[a-z]+ [^ ]/.test(l))).toBe(true);
  });

  it('`new --book --sample` is an error, not a book named --sample; `--` ends the options', () => {
    const d = dir();
    const r = dealbook(['new', '--book', '--sample']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--book/);
    expect(readdirSync(process.cwd()).includes('--sample')).toBe(false);
    const dashed = join(d, '-dashed.csv');
    writeFileSync(dashed, 'announced,from_party,to_party,kind\n2025-01-01,A,B,investment\n');
    const path = join(d, 'b.dealbook');
    expect(dealbook(['new', '--book', path]).code).toBe(0);
    const imported = dealbook(['import', '--book', path, '--', dashed]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(dealbook(['new', '--book', join(d, 'c.dealbook'), '--sampel']).stderr).toMatch(/Unknown option --sampel for new/);
    expect(existsSync(join(d, 'c.dealbook'))).toBe(false);
  });
});
