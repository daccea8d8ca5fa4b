import { afterEach, expect, it } from 'vitest';
import type { StoreHandlers } from '../../../electron/service/store';
import { describePg, twoPgStores } from '../../helpers/pg';
import { refusal } from '../../helpers/temp-book';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const DEAL = { announced: '2025-01-02', from_party: 'Amazon', to_party: 'OpenAI', kind: 'investment', amount_usd: '5B', notes: 'first' } as const;

/** Two analysts on one team book, each through a store of their own (as two server processes would be). */
async function twoAnalysts(): Promise<{ ana: StoreHandlers; ben: StoreHandlers }> {
  const { a, b } = await twoPgStores('team', cleanups);
  const ana = a.handlersFor('ana');
  await ana.addDeal({ values: DEAL });
  await ana.addDeal({ values: { ...DEAL, notes: 'second' } });
  return { ana, ben: b.handlersFor('ben') };
}

describePg('working together on a team book', () => {
  it('refuses an edit of a field changed since the window saw it, naming who, when and the value now', async () => {
    const { ana, ben } = await twoAnalysts();
    await ana.updateDeal({ id: 1, changes: { amount_usd: '6B' }, base: { amount_usd: 5e9 } });
    const refused = await refusal(ben.updateDeal({ id: 1, changes: { amount_usd: '7B' }, base: { amount_usd: 5e9 } }));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/^Not saved: amount_usd of deal 1 was changed since you saw it: ana changed it at \d{4}-\d\d-\d\dT[\d:.]+Z; it is now 6000000000/);
    expect(refused.details?.[0]).toMatchObject({ row: 1, field: 'amount_usd', value: '6000000000' });
    expect((await ben.listDeals({})).find((d) => d.id === 1)!.amount_usd).toBe(6e9);
    // Another field of the same deal goes through; so does the same field edited against what is there now.
    await ben.updateDeal({ id: 1, changes: { notes: 'ben was here' }, base: { notes: 'first' } });
    await ben.updateDeal({ id: 1, changes: { amount_usd: '7B' }, base: { amount_usd: 6e9 } });
    expect((await ana.listDeals({})).find((d) => d.id === 1)).toMatchObject({ amount_usd: 7e9, notes: 'ben was here' });
  });

  it('makes a paste with one stale cell all or nothing', async () => {
    const { ana, ben } = await twoAnalysts();
    await ana.updateDeal({ id: 2, changes: { notes: 'ana' } });
    const refused = await refusal(ben.updateCells({
      cells: [
        { id: 1, field: 'notes', value: 'p1', was: 'first' },
        { id: 2, field: 'notes', value: 'p2', was: 'second' },
      ],
    }));
    expect(refused.code).toBe('conflict');
    expect(refused.details).toEqual([expect.objectContaining({ row: 2, field: 'notes', value: '"ana"' })]);
    expect((await ben.listDeals({})).map((d) => d.notes)).toEqual(['first', 'ana']);
  });

  it('keeps undo personal and refuses it when someone else changed that cell since', async () => {
    const { ana, ben } = await twoAnalysts();
    await ana.updateDeal({ id: 1, changes: { amount_usd: '6B' } });
    await ben.updateDeal({ id: 2, changes: { notes: 'ben' } });
    // Ana's undo takes back her step, not Ben's later one.
    expect((await ana.bookInfo({})).undoLabel).toBe('Edit amount_usd');
    await ana.undo({});
    let deals = await ana.listDeals({});
    expect(deals.map((d) => [d.amount_usd, d.notes])).toEqual([[5e9, 'first'], [5e9, 'ben']]);
    await ana.redo({});

    await ben.updateDeal({ id: 1, changes: { amount_usd: '8B' } });
    const refused = await refusal(ana.undo({}));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/^Cannot undo: ben changed amount_usd of deal 1 since \(Edit amount_usd, /);
    expect((await ana.listDeals({})).find((d) => d.id === 1)!.amount_usd).toBe(8e9);
    // Once Ben takes his change back, Ana's undo is hers to make again.
    await ben.undo({});
    await ana.undo({});
    deals = await ben.listDeals({});
    expect(deals.find((d) => d.id === 1)!.amount_usd).toBe(5e9);
    expect((await ben.bookInfo({})).undoLabel).toBe('Edit notes');
  });

  it('refuses undoing an added deal that someone else has edited since', async () => {
    const { ana, ben } = await twoAnalysts();
    await ana.addDeal({ values: { ...DEAL, notes: 'third' } });
    await ben.updateDeal({ id: 3, changes: { status: 'signed' } });
    expect((await refusal(ana.undo({}))).message).toMatch(/ben changed deal 3 since|ben changed status of deal 3 since/);
    expect((await ana.listDeals({})).length).toBe(3);
  });
});
