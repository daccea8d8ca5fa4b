import { afterEach, expect, it } from 'vitest';
import { describePg, tempPgBook } from '../../helpers/pg';
import { addUsers, signIn, signedIn, teamServer } from '../../helpers/team-server';

// No lost update, over HTTP as two analysts' windows send it: each edit carries the values its window showed
// (updateDeal's base, updateCells' was); the server refuses a field someone else changed since, naming who, when
// and the value now there, and lets edits of other fields through.

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

describePg('the conflict base over HTTP, two users', () => {
  it('refuses an edit made against a value another analyst changed since, and only that', async () => {
    const t = tempPgBook('conflict');
    cleanups.push(t.drop);
    await addUsers(t.url, { ana: 'editor', ben: 'editor' });
    const server = await teamServer(t.url);
    cleanups.push(server.stop);
    const ana = signedIn(await signIn(server.url, 'ana'));
    const ben = signedIn(await signIn(server.url, 'ben'));
    const added = await ana.call('addDeal', { values: { announced: '2025-01-02', from_party: 'Amazon', to_party: 'OpenAI', kind: 'investment', amount_usd: '5B' } });
    const id = added.body.value.id as number;

    // Both windows show the deal as it is now.
    const shown = (await ben.call('listDeals')).body.value.find((d: { id: number }) => d.id === id);
    expect(shown.amount_usd).toBe(5e9);
    const first = await ana.call('updateDeal', { id, changes: { amount_usd: '6B' }, base: { amount_usd: shown.amount_usd } });
    expect(first.body.ok).toBe(true);

    // Ben edits the amount from what his window showed (5B): refused, naming Ana, when, and 6B; nothing written.
    const refused = await ben.call('updateDeal', { id, changes: { amount_usd: '7B' }, base: { amount_usd: shown.amount_usd } });
    expect(refused.body.ok).toBe(false);
    expect(refused.body.error.code).toBe('conflict');
    expect(refused.body.error.message).toBe(`Not saved: amount_usd of deal ${id} was changed since you saw it: ana changed it at ${first.body.value.savedAt}; it is now 6000000000.`);
    expect(refused.body.error.details[0]).toMatchObject({ row: id, field: 'amount_usd', value: '6000000000' });
    // Another field of the same deal, from what he saw, goes through; so does the amount against what is there now.
    expect((await ben.call('updateDeal', { id, changes: { notes: 'checked' }, base: { notes: shown.notes } })).body.ok).toBe(true);
    expect((await ben.call('updateDeal', { id, changes: { amount_usd: '7B' }, base: { amount_usd: 6e9 } })).body.ok).toBe(true);

    // A paste is all or nothing: one stale cell refuses the whole step, naming Ben.
    const paste = await ana.call('updateCells', {
      cells: [
        { id, field: 'notes', value: 'pasted', was: 'checked' },
        { id, field: 'amount_usd', value: '8B', was: 6e9 },
      ],
    });
    expect(paste.body.error.code).toBe('conflict');
    expect(paste.body.error.message).toMatch(/amount_usd of deal \d+ was changed since you saw it: ben changed it at .*; it is now 7000000000/);
    const now = (await ana.call('listDeals')).body.value.find((d: { id: number }) => d.id === id);
    expect(now).toMatchObject({ amount_usd: 7e9, notes: 'checked' });
  });
});
