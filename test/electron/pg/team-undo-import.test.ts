import { afterEach, expect, it } from 'vitest';
import { describePg, tempPgStore } from '../../helpers/pg';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const CSV = 'announced,from_party,to_party,kind,amount_usd\n2025-01-01,A,B,investment,1B\n2025-01-02,B,A,purchase,2B\n';

describePg('undo on a team book over another analyst\'s later work', () => {
  it('is refused while another analyst\'s change to one of its deals stands, naming who and which deal; allowed once that is undone', async () => {
    const { store } = await tempPgStore('undoimp', cleanups);
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
  it('refuses to take away a party the step made while another analyst\'s deal uses it, in words; allowed once that deal is gone', async () => {
    const { store } = await tempPgStore('undopty', cleanups);
    const eve = store.handlersFor('eve');
    const bob = store.handlersFor('bob');
    await eve.addDeal({ values: { announced: '2025-01-01', from_party: 'Zeta', to_party: 'Eta', kind: 'investment' } });
    await bob.addDeal({ values: { announced: '2025-01-02', from_party: 'Zeta', to_party: 'Theta', kind: 'investment' } });
    // Eve's step made the party Zeta, which Bob's deal now uses: not the database's foreign-key message.
    await expect(eve.undo({})).rejects.toMatchObject({
      error: { code: 'conflict', message: expect.stringMatching(/^Cannot undo: party Zeta is now used by deal 2 \(bob, Add deal, .*\)\. Nothing was changed\.$/) },
    });
    expect((await eve.listDeals({})).map((d) => d.id)).toEqual([1, 2]);
    await bob.undo({});
    await eve.undo({});
    expect(await eve.listDeals({})).toEqual([]);
    expect((await eve.listParties({})).map((p) => p.name)).toEqual([]);
  });
  it('warns of a new party that only looks like one of the team book (a Cyrillic е), as a file book does', async () => {
    const { store } = await tempPgStore('lookimp', cleanups);
    const eve = store.handlersFor('eve');
    await eve.importCsv({ text: CSV });
    const report = await eve.importCsv({ text: 'announced,from_party,to_party,kind\n2025-01-03,\u0410,C,investment\n', dryRun: true });
    expect(report.warnings).toEqual([
      { line: 2, field: 'from_party', value: '\u0410', message: 'new party looks like "A" but is another name (it has "\u0410" (U+0410)): a second party, counted apart; if they are one, write "A"' },
    ]);
  });
});
