import { afterEach, expect, it } from 'vitest';
import { openPgBook } from '../../../electron/pg/connection';
import { createPgStore } from '../../../electron/pg/pg-service';
import { describePg, tempPgBook } from '../../helpers/pg';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const CSV = 'announced,from_party,to_party,kind,amount_usd\n2025-01-01,A,B,investment,1B\n2025-01-02,B,A,purchase,2B\n';

describePg('undo of an import on a team book', () => {
  it('is refused while another analyst\'s change to one of its deals stands, naming who and which deal; allowed once that is undone', async () => {
    const t = tempPgBook('undoimp');
    cleanups.push(t.drop);
    const opened = await openPgBook(t.url, { create: true });
    const store = createPgStore(opened);
    cleanups.push(() => store.close());
    const eve = store.handlersFor('eve');
    const bob = store.handlersFor('bob');
    expect((await eve.importCsv({ text: CSV })).imported).toBe(2);
    await bob.updateDeal({ id: 2, changes: { notes: 'checked by bob' }, base: { notes: null } });

    // Eve's undo would take away the deal Bob has just changed: refused, and nothing changes.
    await expect(eve.undo({})).rejects.toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/^Cannot undo: bob changed deal 2 since \(Edit notes, .*\)\. Nothing was changed\.$/) } });
    expect((await eve.listDeals({})).map((d) => [d.id, d.notes])).toEqual([[1, null], [2, 'checked by bob']]);
    // Bob's own undo still works (his deal is there), and then Eve's goes through.
    await bob.undo({});
    await eve.undo({});
    expect(await eve.listDeals({})).toEqual([]);
    // Redo brings the import back; Bob has nothing left to undo.
    await eve.redo({});
    expect((await eve.listDeals({})).map((d) => d.id)).toEqual([1, 2]);
  });
});
