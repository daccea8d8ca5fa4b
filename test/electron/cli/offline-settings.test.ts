import { afterEach, expect, it } from 'vitest';
import { join } from 'node:path';
import { describePg, tempPgBook } from '../../helpers/pg';
import { tempDirsPerTest } from '../../helpers/temp-book';
import { parsePgBook } from '../../../electron/pg/book-url';
import { asUser, cli, DEAL, inFile, sql } from './offline-helpers';

const dir = tempDirsPerTest('dealbook-offline-settings-');
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function pulledBook() {
  const t = tempPgBook('offs');
  cleanups.push(t.drop);
  await asUser(t.url, 'alice', async (h) => void (await h.addDeal({ values: DEAL })), true);
  const file = join(dir(), 'copy.dealbook');
  expect(cli(['pull', '--book', t.url, '--out', file]).code).toBe(0);
  return { url: t.url, file, schema: parsePgBook(t.url).schema };
}

const dateOrder = async (schema: string) => (await sql<{ value: string }>(`SELECT value FROM "${schema}".settings WHERE key = 'date_order'`))[0]?.value ?? null;

describePg('dealbook push: the book settings changed offline', () => {
  it('sends the date order set offline; a dry run lists it and writes nothing', async () => {
    const { url, file, schema } = await pulledBook();
    await inFile(file, (s) => void s.setDateOrder({ dateOrder: 'DMY' }));
    const dry = cli(['push', '--book', file, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('would apply: setting date order: DMY\n');
    expect(await dateOrder(schema)).toBe(null);
    const r = cli(['push', '--book', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('applied: setting date order: DMY\n');
    expect(r.stdout).toContain('(1 change applied, 0 conflicts not applied)');
    expect(await asUser(url, 'bob', async (h) => (await h.bookInfo({})).dateOrder)).toBe('DMY');
    expect(cli(['push', '--book', file]).stdout).toContain('nothing to push');
  });

  it('a date order changed on the server since the pull is a conflict, listed once, not applied', async () => {
    const { url, file, schema } = await pulledBook();
    await asUser(url, 'bob', async (h) => void (await h.setDateOrder({ dateOrder: 'MDY' })));
    await inFile(file, (s) => void s.setDateOrder({ dateOrder: 'DMY' }));
    const r = cli(['push', '--book', file]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('conflict: setting date order: offline DMY, server MDY (changed on the server since the pull)\n');
    expect(await dateOrder(schema)).toBe('MDY');
    const again = cli(['push', '--book', file]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('nothing to push');
  });
});
