import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openService } from '../../../electron/service/book';
import { parsePgBook } from '../../../electron/pg/book-url';
import { PG_LATEST_VERSION } from '../../../electron/pg/migrations';
import { dealbook } from '../../helpers/cli';
import { describePg, tempPgBook, TEST_PG } from '../../helpers/pg';
import { tempDirsPerTest } from '../../helpers/temp-book';
import { loadV2Book, seedV2 } from '../../helpers/v2-vectors';
import type { Scenario } from '../../../shared/model/scenario';

// Every CLI command on a postgres:// book answers as on a file book holding the same deals: the same report, parties,
// scenarios, exports and import reports, byte for byte.

// Dozens of CLI runs, each a process start (slow on a loaded machine): a bound on the test, not a speed claim.
const CLI_RUNS = 300_000;
const dir = tempDirsPerTest('dealbook-team-cli-');
let drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of drops) await d();
  drops = [];
});

function teamBook() {
  const t = tempPgBook('clicmd');
  drops.push(t.drop);
  return t.url;
}

async function sql(text: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: TEST_PG });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

function ok(args: string[], input?: string) {
  const r = dealbook(args, input);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** The v2 vectors as a file book, built through the service (parties with parents, three scenarios). */
async function vectorsFile(): Promise<string> {
  const path = join(dir(), 'vectors.dealbook');
  const service = await openService(path, { create: true });
  seedV2(service, loadV2Book());
  service.close();
  return path;
}

/** The same book made on PostgreSQL with the CLI only: import, parties --import, scenario --set. */
function copyWithCli(file: string, url: string): void {
  ok(['new', '--book', url]);
  const deals = join(dir(), 'deals.csv');
  ok(['export', '--book', file, '--out', deals]);
  ok(['import', '--book', url, deals]);
  const parties = join(dir(), 'parties.csv');
  writeFileSync(parties, ok(['parties', '--book', file]));
  expect(ok(['parties', '--book', url, '--import', parties])).toMatch(/^set kind and parent of \d+ parties from .* as one undo step\n$/);
  for (const s of JSON.parse(ok(['scenario', '--book', file])) as Scenario[]) {
    const weights = Object.entries(s.status_weight).flatMap(([status, w]) => ['--weight', `${status}=${w}`]);
    ok(['scenario', '--book', url, '--set', s.name, ...weights, '--up-to', String(s.up_to_factor), '--credit-drawdown', String(s.credit_drawdown), s.roll_up ? '--roll-up' : '--no-roll-up']);
  }
}

describePg('dealbook commands on a postgres:// book', () => {
  it('report, parties, scenario and export answer as on the file book with the same deals', async () => {
    const file = await vectorsFile();
    const url = teamBook();
    copyWithCli(file, url);
    const same = (args: string[]) => expect(ok([...args, '--book', url]), args.join(' ')).toBe(ok([...args, '--book', file]));
    same(['parties']);
    same(['scenario']);
    for (const s of loadV2Book().scenarios) {
      const under = s.name === 'Base' ? [] : ['--scenario', s.name];
      same(['report', '--json', ...under]);
      same(['report', ...under]);
      same(['export', ...under]);
    }
    same(['export', '--filtered-by', 'Microsoft']);
    const unknown = dealbook(['report', '--book', url, '--scenario', 'Nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--scenario Nope: no such scenario; this book has "Base", "Firm only", "Groups, half the credits drawn"/);

    // Scenario edits and their refusals: the same words, the same exit codes.
    same(['scenario', '--set', 'Half', '--weight', 'announced=0.5', '--roll-up']);
    same(['report', '--json', '--scenario', 'half']);
    same(['scenario', '--delete', 'Half']);
    for (const bad of [['--delete', 'Nope'], ['--delete', 'Base'], ['--set', 'X', '--weight', 'announced=2']]) {
      const onFile = dealbook(['scenario', '--book', file, ...bad]);
      const onTeam = dealbook(['scenario', '--book', url, ...bad]);
      expect([onTeam.code, onTeam.stderr], bad.join(' ')).toEqual([onFile.code, onFile.stderr]);
      expect(onTeam.code).not.toBe(0);
    }
    // A parties file with a bad row changes nothing, naming the line.
    const badParties = join(dir(), 'bad-parties.csv');
    writeFileSync(badParties, 'name,kind,parent\nAzure,hyperscaler,Microsoft\nMicrosoft,,Azure\n');
    const refused = dealbook(['parties', '--book', url, '--import', badParties]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/line 3, column parent: parent "Azure" would make a loop: Microsoft -> Azure -> Microsoft/);
    same(['parties']);
    const check = ok(['check', '--book', url]);
    expect(check).toContain(`integrity: ok\nschema: ${PG_LATEST_VERSION} (this app: ${PG_LATEST_VERSION})`);
  }, CLI_RUNS);

  it('import --update, --map and --date-order: the same report and changes as on a file book', async () => {
    const file = await vectorsFile();
    const url = teamBook();
    copyWithCli(file, url);
    const csv = ok(['export', '--book', file]);
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    const cols = header!.split(',');
    const set = (row: string, field: string, value: string) => row.split(',').map((c, i) => (cols[i] === field ? value : c)).join(',');
    const edited = join(dir(), 'edited.csv');
    writeFileSync(edited, [header, set(rows[0]!, 'notes', 'edited offline'), set(rows[1]!, 'status', 'closed'), rows[2], set(rows[3]!, 'id', '')].join('\r\n') + '\r\n');
    for (const args of [['--update', '--dry-run'], ['--update']]) {
      const onFile = dealbook(['import', '--book', file, edited, ...args]);
      const onTeam = dealbook(['import', '--book', url, edited, ...args]);
      expect(onTeam.code, onTeam.stderr).toBe(0);
      expect([onTeam.stdout, onTeam.stderr]).toEqual([onFile.stdout, onFile.stderr]);
    }
    expect(ok(['export', '--book', url])).toBe(ok(['export', '--book', file]));
    const mapped = join(dir(), 'mapped.csv');
    writeFileSync(mapped, 'When,Investor,Target,Type,Size\n03/04/2025,Kestrel Capital,OpenAI,investment,2B\n');
    const args = ['--map', 'When=announced', '--map', 'Investor=from_party', '--map', 'Target=to_party', '--map', 'Type=kind', '--map', 'Size=amount_usd', '--date-order', 'DMY'];
    const onFile = dealbook(['import', '--book', file, mapped, ...args]);
    expect(onFile.code, onFile.stderr).toBe(0);
    expect(dealbook(['import', '--book', url, mapped, ...args]).stdout).toBe(onFile.stdout);
    expect(ok(['export', '--book', url, '--filtered-by', 'Kestrel'])).toMatch(/2025-04-03,day,Kestrel Capital,OpenAI,investment,announced,2000000000,/);
  }, CLI_RUNS);
});

describe('dealbook check finds a parent loop another tool wrote (file book)', () => {
  it('says which parties loop and fails', async () => {
    const path = await vectorsFile();
    const db = new Database(path);
    db.prepare(`UPDATE parties SET parent_id = (SELECT id FROM parties WHERE name = 'Azure') WHERE name = 'Microsoft'`).run();
    db.close();
    const r = dealbook(['check', '--book', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^integrity: parent loop: Microsoft -> Azure -> Microsoft$/m);
    const fixed = new Database(path);
    fixed.prepare(`UPDATE parties SET parent_id = NULL WHERE name = 'Microsoft'`).run();
    fixed.prepare(`UPDATE parties SET name_key = 'someone else' WHERE name = 'Azure'`).run();
    fixed.close();
    const stale = dealbook(['check', '--book', path]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/integrity: 1 party name key does not match the name \(first: "Azure"\)/);
  });
});

describePg('dealbook check finds a parent loop another tool wrote (team book)', () => {
  it('says which parties loop and fails', async () => {
    const url = teamBook();
    copyWithCli(await vectorsFile(), url);
    const schema = parsePgBook(url).schema;
    await sql(`UPDATE ${schema}.parties SET parent_id = (SELECT id FROM ${schema}.parties WHERE name = 'Azure') WHERE name = 'Microsoft'`);
    const r = dealbook(['check', '--book', url]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^integrity: parent loop: Microsoft -> Azure -> Microsoft$/m);
  }, CLI_RUNS);
});
