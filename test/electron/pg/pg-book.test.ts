import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { isPgBook, parsePgBook } from '../../../electron/pg/book-url';
import { openPgBook } from '../../../electron/pg/connection';
import { PG_MIGRATIONS, PG_LATEST_VERSION } from '../../../electron/pg/migrations';
import { MIGRATIONS } from '../../../electron/db/migrations/index';
import { AppFailure } from '../../../shared/protocol/result';
import { describePg, tempPgBook, TEST_PG } from '../../helpers/pg';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppFailure) return err.error;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('team book URLs', () => {
  it('takes postgres:// and postgresql://, the schema defaulting to dealbook', () => {
    expect(isPgBook('postgres://u@h/db')).toBe(true);
    expect(isPgBook('postgresql://u@h/db')).toBe(true);
    expect(isPgBook('/tmp/postgres.dealbook')).toBe(false);
    expect(parsePgBook('postgres://u:secret@h:5433/db').schema).toBe('dealbook');
    const b = parsePgBook('postgresql://u:secret@h/db?schema=desk_a&sslmode=disable');
    expect(b.schema).toBe('desk_a');
    expect(b.connectionString).not.toContain('schema=');
    expect(b.connectionString).toContain('sslmode=disable');
    expect(b.display).not.toContain('secret');
  });

  it('refuses a schema name that is not a plain identifier, without echoing the password', () => {
    for (const bad of ['postgres://u:pw@h/db?schema=a;drop', 'postgres://u:pw@h/db?schema=A"b', 'postgres://u:pw@h/', 'postgres://u:pw@h/db?schema=1x']) {
      let message = '';
      try {
        parsePgBook(bad);
      } catch (err) {
        message = (err as AppFailure).error.message;
      }
      expect(message, bad).toMatch(/Bad team book URL/);
      expect(message).not.toContain('pw@');
    }
  });

  it('numbers its schema steps as the file book does', () => {
    expect(PG_MIGRATIONS.map((m) => [m.version, m.name])).toEqual(MIGRATIONS.slice(0, PG_MIGRATIONS.length).map((m) => [m.version, m.name]));
  });
});

describePg('opening a team book', () => {
  async function raw(sql: string, params: unknown[] = []) {
    const client = new pg.Client({ connectionString: TEST_PG });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  function fresh() {
    const t = tempPgBook('open');
    cleanups.push(t.drop);
    return t;
  }

  it('refuses a missing schema unless asked to create it, then creates it at the latest version', async () => {
    const { url } = fresh();
    expect((await refusal(openPgBook(url))).code).toBe('not_found');
    const opened = await openPgBook(url, { create: true });
    await opened.pool.end();
    expect(opened.version).toBe(PG_LATEST_VERSION);
  });

  it('migrates an older book in order, keeping its rows', async () => {
    const { url } = fresh();
    const old = await openPgBook(url, { create: true, migrations: PG_MIGRATIONS.slice(0, 1) });
    await old.pool.query(`INSERT INTO parties (name) VALUES ('A')`);
    await old.pool.end();
    const opened = await openPgBook(url);
    expect(opened).toMatchObject({ version: PG_LATEST_VERSION, migratedFrom: 1 });
    expect((await opened.pool.query('SELECT name FROM parties')).rows).toEqual([{ name: 'A' }]);
    await opened.pool.end();
  });

  it('refuses a newer book untouched, and a schema holding another program\'s tables', async () => {
    const { url } = fresh();
    const schema = parsePgBook(url).schema;
    await (await openPgBook(url, { create: true })).pool.end();
    await raw(`UPDATE ${schema}.book_meta SET value = '99' WHERE key = 'schema_version'`);
    const newer = await refusal(openPgBook(url));
    expect(newer.code).toBe('book_newer');
    expect(newer.message).toMatch(/schema 99/);
    expect(await raw(`SELECT value FROM ${schema}.book_meta WHERE key = 'schema_version'`)).toEqual([{ value: '99' }]);

    const other = fresh();
    const otherSchema = parsePgBook(other.url).schema;
    await raw(`CREATE SCHEMA ${otherSchema}; CREATE TABLE ${otherSchema}.invoices (id int)`);
    const foreign = await refusal(openPgBook(other.url, { create: true }));
    expect(foreign.code).toBe('book_corrupt');
    expect(await raw(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [otherSchema])).toEqual([{ table_name: 'invoices' }]);
  });

  it('says clearly when the database cannot be reached', async () => {
    const failure = await refusal(openPgBook('postgres://nobody:pw@127.0.0.1:9/none?schema=x'));
    expect(failure.code).toBe('io');
    expect(failure.message).toMatch(/Cannot reach/);
    expect(failure.message).not.toContain('pw@');
  });
});
