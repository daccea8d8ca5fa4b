import { afterEach, expect, it } from 'vitest';
import { openStore } from '../../../electron/service/open-store';
import { dispatchStore } from '../../../electron/service/store-dispatch';
import type { Store, StoreHandlers } from '../../../electron/service/store';
import type { Client } from '../../../shared/protocol/contract';
import { dealFingerprint } from '../../../shared/model/deal-fingerprint';
import { BookSession } from '../../../renderer/book/session';
import { describePg, twoPgStores } from '../../helpers/pg';
import { refusal } from '../../helpers/temp-book';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const DEAL = { announced: '2025-01-02', from_party: 'Amazon', to_party: 'OpenAI', kind: 'investment', amount_usd: '5B', notes: 'first' } as const;

/** Two analysts on one team book, each through a store of their own (as two server processes would be). */
let tempUrl: string | null = null;

async function twoAnalysts(): Promise<{ ana: StoreHandlers; ben: StoreHandlers; benStore: Store }> {
  const { url, a, b } = await twoPgStores('stale', cleanups);
  tempUrl = url;
  const ana = a.handlersFor('ana');
  for (const notes of ['first', 'second', 'third']) await ana.addDeal({ values: { ...DEAL, notes } });
  return { ana, ben: b.handlersFor('ben'), benStore: b };
}


/** What a window of `who` shows of each deal now: its fingerprint. */
async function seen(who: StoreHandlers, ids: number[]) {
  const rows = await who.listDeals({});
  return ids.map((id) => dealFingerprint(rows.find((r) => r.id === id)!));
}

describePg('a step against what the window showed, on a team book', () => {
  it('refuses deleting a deal someone changed since the window saw it, naming the deal, who and what', async () => {
    const { ana, ben } = await twoAnalysts();
    const shown = await seen(ben, [1]);
    await ana.updateDeal({ id: 1, changes: { amount_usd: '6B' } });
    const refused = await refusal(ben.deleteDeals({ ids: [1], shown }));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/^Not deleted: deal 1 was changed since you saw it: ana changed amount_usd at \d{4}-\d\d-\d\dT[\d:.]+Z \(Edit amount_usd\)\. Nothing was deleted\.$/);
    expect(refused.details).toEqual([expect.objectContaining({ row: 1 })]);
    expect((await ben.listDeals({})).map((d) => d.id)).toEqual([1, 2, 3]);
    // Against what is there now, the delete goes through; a caller that says nothing of what it saw (the CLI, an
    // older window) deletes as before.
    await ben.deleteDeals({ ids: [1], shown: await seen(ben, [1]) });
    await ben.deleteDeals({ ids: [2] });
    expect((await ana.listDeals({})).map((d) => d.id)).toEqual([3]);
  });

  it('makes a multi-row delete with one changed deal all or nothing, and names each changed deal', async () => {
    const { ana, ben } = await twoAnalysts();
    const shown = await seen(ben, [3, 1, 2]);
    await ana.updateDeal({ id: 2, changes: { notes: 'ana again' } });
    const one = await refusal(ben.deleteDeals({ ids: [3, 1, 2], shown }));
    expect(one.message).toMatch(/^Not deleted: deal 2 was changed since you saw it: ana changed notes at .* \(Edit notes\)\. Nothing was deleted\.$/);
    await ana.updateDeal({ id: 3, changes: { to_party: 'Anthropic' } });
    const two = await refusal(ben.deleteDeals({ ids: [3, 1, 2], shown }));
    expect(two.message).toMatch(/^Not deleted: deal 2 was changed .* \(and 1 more deal\)\. Nothing was deleted\.$/);
    expect(two.details).toEqual([
      expect.objectContaining({ row: 2 }),
      expect.objectContaining({ row: 3, message: expect.stringMatching(/^not deleted: changed since you saw it: ana changed to_party at /) }),
    ]);
    expect((await ben.listDeals({})).map((d) => d.id)).toEqual([1, 2, 3]);
    // A change by the same analyst in another window is one the deleting window did not see either.
    const mine = await seen(ben, [1]);
    await ben.updateDeal({ id: 1, changes: { status: 'signed' } });
    expect((await refusal(ben.deleteDeals({ ids: [1], shown: mine }))).message).toContain('you (in another window) changed status');
  });

  it('has the window send what it showed, so its delete of a deal changed meanwhile is refused', async () => {
    const { ben, benStore } = await twoAnalysts();
    // Ana works through the same server process as this window, so its events tell the window once it catches up.
    const ana = benStore.handlersFor('ana');
    const handlers = benStore.handlersFor('ben');
    const client = new Proxy({}, { get: (_t, method) => (input: unknown) => dispatchStore(handlers, String(method), input, { by: 'tab:b' }) }) as Client;
    const session = new BookSession(client);
    cleanups.push(() => session.close());
    expect(await session.loadInitial()).not.toBeNull();
    session.attach({ changed: () => {}, reset: () => {}, derived: () => {} });
    // Ana's edit is in the book, not (yet) in the window: it still shows the old amount.
    await ana.updateDeal({ id: 1, changes: { amount_usd: '6B' } });
    expect(session.rows.get(1)!.amount_usd).toBe(5e9);
    expect(await session.deleteDeals([1, 2])).toBe(false);
    expect(session.store.get().error?.message).toMatch(/^Deal 1: not deleted: changed since you saw it: ana changed Amount at /);
    expect((await ben.listDeals({})).map((d) => d.id)).toEqual([1, 2, 3]);
    await session.caughtUp();
    expect(session.rows.get(1)!.amount_usd).toBe(6e9);
    expect(await session.deleteDeals([1, 2])).toBe(true);
    expect((await ana.listDeals({})).map((d) => d.id)).toEqual([3]);
  });

  it("names whoever made the value now in force in an edit's conflict, not the author of an undone edit", async () => {
    const { ana, ben } = await twoAnalysts();
    await ben.updateDeal({ id: 1, changes: { notes: 'ben' } });
    await ana.updateDeal({ id: 1, changes: { notes: 'ana' } });
    // Carol's window shows Ana's value; Ana takes it back, so Ben's is the value there now.
    await ana.undo({});
    const carolStore = await openStore(tempUrl!, {});
    cleanups.push(() => carolStore.close());
    const carol = carolStore.handlersFor('carol');
    const refused = await refusal(carol.updateDeal({ id: 1, changes: { notes: 'carol' }, base: { notes: 'ana' } }));
    expect(refused.message).toMatch(/^Not saved: notes of deal 1 was changed since you saw it: ben changed it at .*; it is now "ben"/);
    // Ben's value undone too: the deal's first value is in force, and Ana added the deal.
    await ben.undo({});
    const again = await refusal(carol.updateDeal({ id: 1, changes: { notes: 'carol' }, base: { notes: 'ben' } }));
    expect(again.message).toMatch(/: ana changed it at .*; it is now "first"/);
  });

  it('names the import that added a deal when no later change of the cell is in force', async () => {
    const { ana, ben } = await twoAnalysts();
    const csv = 'announced,from_party,to_party,kind,amount_usd,notes\n2025-02-03,Google,Anthropic,investment,2B,imported\n';
    await ben.importCsv({ text: csv });
    await ana.updateDeal({ id: 4, changes: { notes: 'ana' } });
    await ana.undo({});
    const refused = await refusal(ana.updateDeal({ id: 4, changes: { notes: 'again' }, base: { notes: 'ana' } }));
    expect(refused.message).toMatch(/: ben changed it at .*; it is now "imported"/);
  });

  it('refuses a redo over a change someone else made to the cell after the undo', async () => {
    const { ana, ben } = await twoAnalysts();
    await ana.updateDeal({ id: 1, changes: { notes: 'ana' } });
    await ana.undo({});
    await ben.updateDeal({ id: 1, changes: { notes: 'ben' } });
    expect((await refusal(ana.redo({}))).message).toMatch(/^Cannot redo: ben changed notes of deal 1 since \(Edit notes, /);
    expect((await ana.listDeals({})).find((d) => d.id === 1)!.notes).toBe('ben');
  });

  it("refuses a redo over another analyst's undo made after it (their step was under this one)", async () => {
    const { ana, ben } = await twoAnalysts();
    await ben.updateDeal({ id: 1, changes: { notes: 'ben' } });
    await ana.updateDeal({ id: 1, changes: { notes: 'ana' } });
    await ana.undo({});
    // Ben's undo is his to make (Ana's step is undone), and puts the deal's first value back.
    await ben.undo({});
    const refused = await refusal(ana.redo({}));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/^Cannot redo: ben undid a step on notes of deal 1 since \(Edit notes, \d{4}-\d\d-\d\dT[\d:.]+Z\)\. Nothing was changed\.$/);
    expect((await ana.listDeals({})).find((d) => d.id === 1)!.notes).toBe('first');
    expect((await ana.bookInfo({})).redoLabel).toBe('Edit notes');
  });

  it("refuses a redo over another analyst's redo made after it, either way round", async () => {
    const { ana, ben } = await twoAnalysts();
    // Ben's step first, undone; Ana's on the same cell, undone; Ben redoes his.
    await ben.updateDeal({ id: 1, changes: { notes: 'ben' } });
    await ben.undo({});
    await ana.updateDeal({ id: 1, changes: { notes: 'ana' } });
    await ana.undo({});
    await ben.redo({});
    expect((await refusal(ana.redo({}))).message).toMatch(/^Cannot redo: ben redid a step on notes of deal 1 since \(Edit notes, /);
    expect((await ana.listDeals({})).find((d) => d.id === 1)!.notes).toBe('ben');
    // Ana's step first and Ben's after it, both undone (Ben's first): Ben's redo would overwrite Ana's undo.
    await ana.updateDeal({ id: 2, changes: { notes: 'ana' } });
    await ben.updateDeal({ id: 2, changes: { notes: 'ben' } });
    await ben.undo({});
    await ana.undo({});
    expect((await refusal(ben.redo({}))).message).toMatch(/^Cannot redo: ana undid a step on notes of deal 2 since /);
    expect((await ben.listDeals({})).find((d) => d.id === 2)!.notes).toBe('second');
    // A move on another cell of the deal is none of this redo's business.
    await ana.updateDeal({ id: 3, changes: { notes: 'ana' } });
    await ana.undo({});
    await ben.updateDeal({ id: 3, changes: { status: 'signed' } });
    await ben.undo({});
    await ana.redo({});
    expect((await ana.listDeals({})).find((d) => d.id === 3)!.notes).toBe('ana');
  });

  it("refuses a redo over another analyst's undo of a party step or a scenario step made under it", async () => {
    const { ana, ben } = await twoAnalysts();
    const kindOf = async (name: string) => (await ana.listParties({})).find((p) => p.name === name)!.kind;
    // A party's kind: Ben's step, Ana's over it, Ana undoes, Ben undoes his (the kind goes back to the first one).
    await ben.setPartyKind({ name: 'Amazon', kind: 'hyperscaler' });
    await ana.setPartyKind({ name: 'Amazon', kind: 'investor' });
    await ana.undo({});
    await ben.undo({});
    const party = await refusal(ana.redo({}));
    expect(party.code).toBe('conflict');
    expect(party.message).toMatch(/^Cannot redo: ben undid a step on the kind of party Amazon since \(.+, \d{4}-\d\d-\d\dT[\d:.]+Z\)\. Nothing was changed\.$/);
    expect(await kindOf('Amazon')).toBe('other');
    // Another party's field is none of this redo's business: Ana's redo of a kind on OpenAI goes through.
    await ana.setPartyKind({ name: 'OpenAI', kind: 'lab' });
    await ana.undo({});
    await ben.setPartyKind({ name: 'Amazon', kind: 'hyperscaler' });
    await ben.undo({});
    await ana.redo({});
    expect(await kindOf('OpenAI')).toBe('lab');
    // A scenario: Ben's step, Ana's over it, Ana undoes, Ben undoes his (the scenario goes): Ana's redo is refused.
    await ben.setScenario({ name: 'Firm only', status_weight: { rumored: 0 } });
    await ana.setScenario({ name: 'Firm only', status_weight: { rumored: 0.5 } });
    await ana.undo({});
    await ben.undo({});
    const scenario = await refusal(ana.redo({}));
    expect(scenario.message).toMatch(/^Cannot redo: ben undid a step on scenario Firm only since \(/);
    expect((await ana.listScenarios({})).map((s) => s.name)).toEqual(['Base']);
  });

  it("refuses a redo of an edit of a deal whose import another analyst undid since", async () => {
    const { ana, ben } = await twoAnalysts();
    await ben.importCsv({ text: 'announced,from_party,to_party,kind,amount_usd,notes\n2025-02-03,Google,Anthropic,investment,2B,imported\n' });
    await ana.updateDeal({ id: 4, changes: { notes: 'ana' } });
    await ana.undo({});
    await ben.undo({});
    expect((await refusal(ana.redo({}))).message).toMatch(/^Cannot redo: ben undid a step on deal 4 since \(Import 1 deal/);
  });
});
