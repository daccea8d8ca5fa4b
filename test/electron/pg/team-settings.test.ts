import { afterEach, expect, it } from 'vitest';
import { describePg, tempPgStore } from '../../helpers/pg';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

describePg('window settings on a team book', () => {
  it('are each analyst\'s own (the scenario shown, the columns), over the book\'s shared value; the date order stays the book\'s', async () => {
    const { opened, store } = await tempPgStore('settings', cleanups);
    const eve = store.handlersFor('eve');
    const bob = store.handlersFor('bob');
    // A value the book already holds (an older version's, shared) is where everyone starts.
    await opened.pool.query(`INSERT INTO settings (key, value) VALUES ('grid.layout.v1', '{"shared":true}')`);
    expect(await bob.getSetting({ key: 'grid.layout.v1' })).toBe('{"shared":true}');

    // Eve shows the scenario Bull and hides a column: Bob still opens on his own choice (Base, the shared columns).
    await eve.setSetting({ key: 'view.scenario.v1', value: 'Bull' });
    await eve.setSetting({ key: 'grid.layout.v1', value: '{"hidden":["notes"]}' });
    expect(await eve.getSetting({ key: 'view.scenario.v1' })).toBe('Bull');
    expect(await eve.getSetting({ key: 'grid.layout.v1' })).toBe('{"hidden":["notes"]}');
    expect(await bob.getSetting({ key: 'view.scenario.v1' })).toBeNull();
    expect(await bob.getSetting({ key: 'grid.layout.v1' })).toBe('{"shared":true}');
    await bob.setSetting({ key: 'view.scenario.v1', value: 'Bear' });
    expect(await eve.getSetting({ key: 'view.scenario.v1' })).toBe('Bull');

    // The date order is the book's: how everyone's typed dates are read.
    await eve.setDateOrder({ dateOrder: 'DMY' });
    expect((await bob.bookInfo({})).dateOrder).toBe('DMY');
  });
});
