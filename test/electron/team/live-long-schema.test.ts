import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { BookEvent } from '../../../shared/protocol/contract';
import { dropPgBook } from '../../../electron/pg/connection';
import { describePg, TEST_PG } from '../../helpers/pg';
import { addUsers, signIn, signedIn, teamServer } from '../../helpers/team-server';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function until<T>(what: string, fn: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never saw ${what}`);
}

const DEAL = { values: { announced: '2025-01-02', from_party: 'Amazon', to_party: 'OpenAI', kind: 'investment', amount_usd: '5B' } };

/** A book whose schema has the longest name a URL may give (63 characters, PostgreSQL's limit for a name). */
function longBook() {
  const schema = `${'l'.repeat(54)}_${randomBytes(4).toString('hex')}`;
  const url = `${TEST_PG}${TEST_PG.includes('?') ? '&' : '?'}schema=${schema}`;
  cleanups.push(() => dropPgBook(url));
  return { schema, url };
}

describePg('live team books with long schema names', () => {
  // The NOTIFY channel is named after the schema; PostgreSQL refuses a channel of 64 characters or more (pg_notify)
  // and cuts LISTEN's name to 63, so a long schema name must not leave the servers deaf to each other.
  it('pushes a write made through one server to another when the schema name is 63 characters long', async () => {
    const { schema, url } = longBook();
    expect(schema).toHaveLength(63);
    await addUsers(url, { eve: 'editor' });
    const a = await teamServer(url);
    cleanups.push(a.stop);
    const b = await teamServer(url);
    cleanups.push(b.stop);
    const seen: BookEvent[] = [];
    cleanups.push(b.store.events.subscribe((e) => seen.push(e)));
    const eve = signedIn(await signIn(a.url, 'eve'));
    expect((await eve.call('addDeal', DEAL)).body.ok).toBe(true);
    const event = await until('the add on b', () => seen.find((e) => e.label === 'Add deal'));
    expect(event.changed.map((r) => r.id)).toEqual([1]);
  });

  it('keeps two books apart whose long schema names differ only at the end', async () => {
    const one = longBook();
    const other = longBook();
    expect(one.schema.slice(0, 55)).toBe(other.schema.slice(0, 55));
    expect(one.schema).not.toBe(other.schema);
    await addUsers(one.url, { eve: 'editor' });
    await addUsers(other.url, { eve: 'editor' });
    const a = await teamServer(one.url);
    cleanups.push(a.stop);
    const b = await teamServer(other.url);
    cleanups.push(b.stop);
    const seen: BookEvent[] = [];
    cleanups.push(b.store.events.subscribe((e) => seen.push(e)));
    const eve = signedIn(await signIn(a.url, 'eve'));
    expect((await eve.call('addDeal', DEAL)).body.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    expect(seen).toEqual([]);
  });
});
