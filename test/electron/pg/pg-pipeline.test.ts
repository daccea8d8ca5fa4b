import { afterEach, expect, it } from 'vitest';
import { openPgBook, type OpenedPgBook } from '../../../electron/pg/connection';
import { inTransaction } from '../../../electron/pg/pg-tx';
import { openStore } from '../../../electron/service/open-store';
import { AppFailure } from '../../../shared/protocol/result';
import { describePg, tempPgBook } from '../../helpers/pg';

// A team book's transactions are pipelined (electron/pg/pg-tx.ts): statements are sent without waiting for the
// ones before them. These tests hold that to all or nothing, and to the right error.

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function book(): Promise<OpenedPgBook> {
  const { url, drop } = tempPgBook('pipe');
  const store = await openStore(url, { create: true });
  await store.handlersFor('eve').importCsv({ text: 'announced,from_party,to_party,kind,amount_usd,notes\n2025-01-01,A,B,investment,1B,first\n2025-01-02,C,D,investment,2B,second\n' });
  await store.close();
  const opened = await openPgBook(url, { max: 2 });
  cleanups.push(async () => {
    await opened.pool.end();
    await drop();
  });
  return opened;
}

const notes = async (o: OpenedPgBook) => (await o.pool.query<{ notes: string }>('SELECT notes FROM deals ORDER BY id')).rows.map((r) => r.notes);

describePg('pipelined team book transactions', () => {
  it('rolls the whole step back when a write nobody waited for fails, and reports that failure, not the ones behind it', async () => {
    const o = await book();
    const refused = await inTransaction(o.pool, o.book.schema, 'write', async (repos, tx) => {
      void tx.query(`UPDATE deals SET notes = 'changed' WHERE id = 1`).catch(() => {});
      // Not waited for, and refused by the table's CHECK: every statement behind it fails as "transaction aborted".
      void tx.query(`UPDATE deals SET term_years = 0 WHERE id = 2`).catch(() => {});
      void tx.query(`UPDATE deals SET notes = 'also changed' WHERE id = 2`).catch(() => {});
      await repos.deals.count();
      return 'not reached';
    }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(AppFailure);
    expect((refused as AppFailure).error.code).toBe('validation');
    expect((refused as AppFailure).error.message).toMatch(/check constraint/);
    expect(await notes(o)).toEqual(['first', 'second']);
  });

  it('commits with the last reads, and throws the failure of a write sent just before the commit', async () => {
    const o = await book();
    const count = await inTransaction(o.pool, o.book.schema, 'write', async (repos, tx) => {
      void tx.query(`UPDATE deals SET notes = 'one' WHERE id = 1`).catch(() => {});
      const n = repos.deals.count();
      await tx.commit();
      return n;
    });
    expect(count).toBe(2);
    expect(await notes(o)).toEqual(['one', 'second']);

    const late = inTransaction(o.pool, o.book.schema, 'write', async (_repos, tx) => {
      void tx.query(`UPDATE deals SET notes = 'two' WHERE id = 1`).catch(() => {});
      void tx.query(`UPDATE deals SET amount_usd = -1 WHERE id = 2`).catch(() => {});
      await tx.commit();
    });
    await expect(late).rejects.toThrow(/check constraint/);
    expect(await notes(o)).toEqual(['one', 'second']);
    // The connection went back to the pool usable: nothing of the failed step lingers on it.
    await inTransaction(o.pool, o.book.schema, 'write', async (_repos, tx) => void (await tx.query(`UPDATE deals SET notes = 'three' WHERE id = 1`)));
    expect(await notes(o)).toEqual(['three', 'second']);
  });

  it('records a paste over several deals as one step: the later deals find the batch the first one inserted', async () => {
    const { url, drop } = tempPgBook('pipe');
    const store = await openStore(url, { create: true });
    cleanups.push(async () => {
      await store.close();
      await drop();
    });
    const eve = store.handlersFor('eve');
    await eve.importCsv({ text: 'announced,from_party,to_party,kind,amount_usd,notes\n2025-01-01,A,B,investment,1B,x\n2025-01-02,C,D,investment,2B,y\n2025-01-03,E,F,investment,3B,z\n' });
    await eve.updateCells({ cells: [1, 2, 3].map((id) => ({ id, field: 'notes', value: `p${id}`, was: ['x', 'y', 'z'][id - 1] })) });
    expect((await eve.listDeals({})).map((d) => d.notes)).toEqual(['p1', 'p2', 'p3']);
    await eve.undo({});
    expect((await eve.listDeals({})).map((d) => d.notes)).toEqual(['x', 'y', 'z']);
    await eve.undo({});
    expect(await eve.listDeals({})).toEqual([]);
  });
});
