import { afterEach, expect, it } from 'vitest';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { describePg, tempPgBook } from '../../helpers/pg';
import { tempDirsPerTest } from '../../helpers/temp-book';
import { parsePgBook } from '../../../electron/pg/book-url';
import { PG_TEAM_STEPS } from '../../../electron/pg/migrations';
import { asUser, cli, DEAL, inFile, sql, tablesDigest } from './offline-helpers';

const dir = tempDirsPerTest('dealbook-offline-old-');
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function teamBook() {
  const t = tempPgBook('offo');
  cleanups.push(t.drop);
  await asUser(t.url, 'alice', async (h) => void (await h.addDeal({ values: DEAL })), true);
  return { url: t.url, schema: parsePgBook(t.url).schema };
}

/** The book as an app from before team step 3 left it: no pushed_steps. */
async function asTeamStep2(schema: string) {
  await sql(`DROP TABLE "${schema}".pushed_steps; UPDATE "${schema}".book_meta SET value = '2' WHERE key = 'team_steps'`);
}

const meta = async (schema: string) => JSON.stringify(await sql(`SELECT key, value FROM "${schema}".book_meta ORDER BY key`));
const hasPushedSteps = async (schema: string) => (await sql<{ t: string | null }>(`SELECT to_regclass('"${schema}".pushed_steps')::text AS t`))[0]!.t !== null;

describePg('pull and push --dry-run write nothing, not even an upgrade of an older team book', () => {
  it('pull copies a book older than the app without upgrading it', async () => {
    const { url, schema } = await teamBook();
    await asTeamStep2(schema);
    const before = await meta(schema);
    const file = join(dir(), 'copy.dealbook');
    const r = cli(['pull', '--book', url, '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(await meta(schema)).toBe(before);
    expect(await hasPushedSteps(schema)).toBe(false);
  });

  it('push --dry-run on an older book is refused in words and writes nothing; after an upgrade it runs', async () => {
    const { url, schema } = await teamBook();
    const file = join(dir(), 'copy.dealbook');
    expect(cli(['pull', '--book', url, '--out', file]).code).toBe(0);
    await inFile(file, (s) => void s.updateDeal({ id: 1, changes: { notes: 'offline' } }));
    await asTeamStep2(schema);
    const before = await meta(schema);
    const r = cli(['push', '--book', file, '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is older than this Deal book needs for a dry run of push \(schema \d+, team step 2; needs \d+, team step \d+\), and a dry run of push writes nothing, so it does not upgrade it\. Upgrade it first: open it once with a command that does \(`dealbook parties --book URL`, or the app, or the push without --dry-run\), then run it again\. Nothing was changed\./);
    expect(await meta(schema)).toBe(before);
    expect(await hasPushedSteps(schema)).toBe(false);

    expect(cli(['parties', '--book', url]).code).toBe(0);
    expect((await sql<{ value: string }>(`SELECT value FROM "${schema}".book_meta WHERE key = 'team_steps'`))[0]!.value).toBe(String(PG_TEAM_STEPS.length));
    const digest = await tablesDigest(url);
    const dry = cli(['push', '--book', file, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^would apply: step \d+ "Edit notes": 1 change$/m);
    expect(await tablesDigest(url)).toBe(digest);
    expect(existsSync(file)).toBe(true);
  });
});
