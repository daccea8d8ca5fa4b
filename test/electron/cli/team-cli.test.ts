import { afterEach, expect, it } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { spawn } from 'node:child_process';
import { BIN, dealbook } from '../../helpers/cli';
import { describePg, tempPgBook, TEST_PG } from '../../helpers/pg';
import { tempDirsPerTest } from '../../helpers/temp-book';
import { parsePgBook } from '../../../electron/pg/book-url';
import { PG_LATEST_VERSION } from '../../../electron/pg/migrations';

const dir = tempDirsPerTest();
let drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const d of drops) await d();
  drops = [];
});

function book() {
  const t = tempPgBook('cli');
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

describePg('dealbook CLI on a team book', () => {
  it('creates, checks, exports and imports a postgres:// book; refuses to create over one', () => {
    const url = book();
    const created = dealbook(['new', '--book', url, '--sample']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Created postgres:\/\/.*\(\d+ deals, \d+ parties\)/);
    expect(created.stdout).not.toContain(new URL(TEST_PG).password);
    const again = dealbook(['new', '--book', url]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds a book/);

    const check = dealbook(['check', '--book', url]);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain(`integrity: ok\nschema: ${PG_LATEST_VERSION} (this app: ${PG_LATEST_VERSION})`);
    const deals = Number(/deals: (\d+)/.exec(check.stdout)![1]);
    expect(deals).toBeGreaterThan(10);
    // The sample is the starting point, not an undo step.
    expect(check.stdout).toMatch(/undo steps: 0/);

    const csv = join(dir(), 'out.csv');
    expect(dealbook(['export', '--book', url, '--out', csv]).stdout).toBe(`exported ${deals} deals to ${csv}\n`);
    const filtered = dealbook(['export', '--book', url, '--filtered-by', 'Oracle']);
    expect(filtered.stdout.split('\n')[1]).toMatch(/Oracle/);

    const dry = dealbook(['import', '--book', url, csv, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    const imported = dealbook(['import', '--book', url, csv]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(new RegExp(`imported ${deals} of ${deals} rows`));
    expect(dealbook(['check', '--book', url]).stdout).toMatch(new RegExp(`deals: ${deals * 2}\\b`));
    expect(readFileSync(csv, 'utf8').startsWith('id,announced,')).toBe(true);
  });

  it('refuses bad rows naming line and field, writing nothing', () => {
    const url = book();
    expect(dealbook(['new', '--book', url]).code).toBe(0);
    const csv = join(dir(), 'bad.csv');
    writeFileSync(csv, 'announced,from_party,to_party,kind,amount_usd\n2025-01-01,A,B,investment,5B\n2025-01-02,A,B,investment,lots\n');
    const r = dealbook(['import', '--book', url, csv]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 3.*amount_usd/);
    expect(dealbook(['check', '--book', url]).stdout).toMatch(/deals: 0\b/);
  });

  it('manages users: stdin or a one-time password, salted scrypt hashes, roles, the last owner kept', async () => {
    const url = book();
    expect(dealbook(['new', '--book', url]).code).toBe(0);
    const generated = dealbook(['user', 'add', '--book', url, 'alice', '--role', 'owner']);
    expect(generated.code, generated.stderr).toBe(0);
    const password = /One-time password for alice: (\S+)/.exec(generated.stdout)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(dealbook(['user', 'add', '--book', url, 'bob', '--role', 'viewer'], 'bob-password-1\n').stdout).toBe('Added bob (viewer)\n');
    expect(dealbook(['user', 'add', '--book', url, 'carol', '--role', 'editor'], 'short\n').stderr).toMatch(/at least 10 characters/);
    expect(dealbook(['user', 'add', '--book', url, 'bob', '--role', 'editor'], 'bob-password-2\n').stderr).toMatch(/already exists/);
    expect(dealbook(['user', 'add', '--book', url, 'dave', '--role', 'boss'], 'dave-password\n').code).toBe(2);

    const schema = parsePgBook(url).schema;
    const hashes = await sql(`SELECT name, password_hash FROM ${schema}.users ORDER BY name`);
    expect(hashes.map((h) => h.name)).toEqual(['alice', 'bob']);
    for (const h of hashes) expect(h.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hashes[0].password_hash).not.toContain(password);

    expect(dealbook(['user', 'list', '--book', url]).stdout).toMatch(/^alice\towner\t.*\nbob\tviewer\t/);
    expect(dealbook(['user', 'set-role', '--book', url, 'bob', 'editor']).stdout).toBe('bob is now editor\n');
    expect(dealbook(['user', 'remove', '--book', url, 'alice']).stderr).toMatch(/only owner/);
    expect(dealbook(['user', 'set-role', '--book', url, 'alice', 'viewer']).stderr).toMatch(/only owner/);
    expect(dealbook(['user', 'remove', '--book', url, 'bob']).code).toBe(0);
    expect(dealbook(['user', 'list', '--book', url]).stdout).not.toMatch(/bob/);
    expect(dealbook(['user', 'list', '--book', join(dir(), 'file.dealbook')]).stderr).toMatch(/Users belong to team books/);
  });
  it('keeps the last owner when an owner is removed by the command while another is removed in the app at the same moment', async () => {
    const url = book();
    expect(dealbook(['new', '--book', url]).code).toBe(0);
    for (const name of ['alice', 'bob']) expect(dealbook(['user', 'add', '--book', url, name, '--role', 'owner'], `${name}-password-1\n`).code).toBe(0);
    const { schema } = parsePgBook(url);
    // The app removes alice with the owners' rows locked (pg-users.ts), and has not committed yet...
    const app = new pg.Client({ connectionString: TEST_PG });
    await app.connect();
    try {
      await app.query(`SET search_path = ${schema}`);
      await app.query('BEGIN');
      await app.query(`SELECT name FROM users WHERE role = 'owner' FOR UPDATE`);
      await app.query(`DELETE FROM users WHERE name = 'alice'`);
      // ...while `dealbook user remove bob` runs: it must wait for the app's change, then see bob is the last owner.
      const child = spawn(process.execPath, [BIN, 'user', 'remove', '--book', url, 'bob'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      for (let i = 0; i < 200; i++) {
        const waiting = await sql(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`);
        if (waiting[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await app.query('COMMIT');
      expect(await exited).toBe(2);
      expect(stderr).toMatch(/bob is the book's only owner; make another owner first/);
    } finally {
      await app.end();
    }
    expect(await sql(`SELECT name FROM ${schema}.users WHERE role = 'owner'`)).toEqual([{ name: 'bob' }]);
  });
});
