import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR } from './harness';
import { cell, settled, showColumn, testId, typeInto } from './grid-helpers';
import { describePg, tempPgBook } from '../helpers/pg';
import { addUsers, PASSWORD, teamServer } from '../helpers/team-server';
import { startTeamServer } from '../../electron/team/team-server';
import { createAuth } from '../../electron/team/auth';
import { usersRepo } from '../../electron/pg/users-repo';

// The app side of a team book, in Chromium against a team server on a real PostgreSQL: the history shows who did
// what and filters it, an owner manages users, each role sees only what it may do, a dropped window says it caught up.

describePg('a team book\'s history, users and roles in the browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof teamServer>>;
  let drop: () => Promise<void>;
  const ids: number[] = [];

  beforeAll(async () => {
    if (!existsSync(`${RENDERER_DIR}/index.html`)) throw new Error(`No built renderer at ${RENDERER_DIR}: run npm run build first`);
    const t = tempPgBook('ui');
    drop = t.drop;
    await addUsers(t.url, { olga: 'owner', eve: 'editor', bob: 'editor', vic: 'viewer' });
    server = await teamServer(t.url, { staticDir: RENDERER_DIR });
    const setup = server.store.handlersFor('olga');
    for (const values of [
      { announced: '2025-03-01', from_party: 'Alpha Fund', to_party: 'Beta Labs', kind: 'investment', amount_usd: '100B' },
      { announced: '2025-01-15', from_party: 'Beta Labs', to_party: 'Alpha Fund', kind: 'purchase', amount_usd: '30B' },
    ] as const) ids.push((await setup.addDeal({ values })).id);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await drop?.();
  });

  async function signIn(name: string, password = PASSWORD): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await testId(page, 'login-name').fill(name);
    await testId(page, 'login-password').fill(password);
    await testId(page, 'login-submit').click();
    await cell(page, ids[0]!, 'amount_usd').waitFor({ timeout: 30_000 });
    return page;
  }

  const historyUsers = (page: Page) => page.locator('[data-testid="history-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-user')));
  const historyLabels = (page: Page) => testId(page, 'history-label').allInnerTexts();

  it('shows who changed what in the history, filtered by user and by deal (from a cell\'s menu)', async () => {
    const eve = await signIn('eve');
    const bob = await signIn('bob');
    await typeInto(eve, cell(eve, ids[0]!, 'amount_usd'), '120B');
    await settled(eve);
    await showColumn(bob, 'notes');
    await typeInto(bob, cell(bob, ids[1]!, 'notes'), 'checked by bob');
    await settled(bob);

    await testId(eve, 'history').click();
    await expect.poll(() => historyUsers(eve)).toEqual(['bob', 'eve', 'olga', 'olga']);
    expect(await historyLabels(eve)).toEqual(['Edit Notes', 'Edit Amount', 'Add deal', 'Add deal']);
    const bobs = testId(eve, 'history-row').first();
    await expect.poll(() => bobs.innerText()).toContain(`deal ${ids[1]}, Notes: (empty) -> "checked by bob"`);
    await expect.poll(() => testId(eve, 'history-row').nth(1).innerText()).toContain(`deal ${ids[0]}, Amount: $100.0B -> $120.0B`);

    // Live: a step made elsewhere appears at the top.
    await typeInto(bob, cell(bob, ids[0]!, 'notes'), 'bob again');
    await settled(bob);
    await expect.poll(() => historyLabels(eve)).toEqual(['Edit Notes', 'Edit Notes', 'Edit Amount', 'Add deal', 'Add deal']);

    // By user.
    await testId(eve, 'history-user').selectOption('bob');
    await expect.poll(() => historyUsers(eve)).toEqual(['bob', 'bob']);
    await testId(eve, 'history-user').selectOption('');
    await expect.poll(() => historyUsers(eve)).toEqual(['bob', 'bob', 'eve', 'olga', 'olga']);

    // By deal, from the deal's own menu.
    await showColumn(eve, 'kind');
    await cell(eve, ids[1]!, 'kind').click({ button: 'right' });
    await eve.locator('[data-testid="cell-menu"] [data-command="deal-history"]').click();
    await expect.poll(() => testId(eve, 'history-deal').inputValue()).toBe(String(ids[1]));
    await expect.poll(() => historyLabels(eve)).toEqual(['Edit Notes', 'Add deal']);
    await expect.poll(() => historyUsers(eve)).toEqual(['bob', 'olga']);
    // Both filters at once.
    await testId(eve, 'history-user').selectOption('olga');
    await expect.poll(() => historyLabels(eve)).toEqual(['Add deal']);
    await testId(eve, 'history-clear').click();
    await expect.poll(() => historyUsers(eve)).toEqual(['bob', 'bob', 'eve', 'olga', 'olga']);
    await eve.context().close();
    await bob.context().close();
  });

  it('offers a viewer nothing that writes and an editor no users panel', async () => {
    const vic = await signIn('vic');
    await expect.poll(() => testId(vic, 'me').innerText()).toBe('vic (viewer)');
    for (const id of ['add-deal', 'duplicate-deals', 'delete-deals', 'undo', 'redo', 'import-csv', 'edit-scenarios', 'users']) {
      expect(await testId(vic, id).count(), id).toBe(0);
    }
    // Reading is all there: history, export, charts.
    for (const id of ['history', 'export-csv', 'toggle-charts', 'scenario']) expect(await testId(vic, id).count(), id).toBe(1);
    // The grid opens no editor: not by typing, not by Enter or a double click.
    await typeInto(vic, cell(vic, ids[0]!, 'amount_usd'), '1B');
    await cell(vic, ids[0]!, 'amount_usd').dblclick();
    await vic.keyboard.press('Enter');
    expect(await vic.locator('.ag-cell-inline-editing').count()).toBe(0);
    await cell(vic, ids[0]!, 'kind').click({ button: 'right' });
    const menu = await vic.locator('[data-testid="cell-menu"] [data-command]').evaluateAll((els) => els.map((e) => e.getAttribute('data-command')));
    expect(menu).toEqual(['copy', 'deal-history']);
    await vic.keyboard.press('Escape');

    const eve = await signIn('eve');
    await expect.poll(() => testId(eve, 'me').innerText()).toBe('eve (editor)');
    for (const id of ['add-deal', 'undo', 'import-csv', 'edit-scenarios']) expect(await testId(eve, id).count(), id).toBe(1);
    expect(await testId(eve, 'users').count()).toBe(0);
    await vic.context().close();
    await eve.context().close();
  });

  it('lets an owner add a user (one-time password shown once, which signs in), change a role and remove a user', async () => {
    const olga = await signIn('olga');
    await testId(olga, 'users').click();
    const names = () => olga.locator('[data-testid="user-row"]').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-user')}:${r.getAttribute('data-role')}`));
    await expect.poll(names).toEqual(['bob:editor', 'eve:editor', 'olga:owner', 'vic:viewer']);
    await testId(olga, 'user-name').fill('newbie');
    await testId(olga, 'user-new-role').selectOption('viewer');
    await testId(olga, 'user-add').click();
    const password = await testId(olga, 'user-password').innerText();
    expect(password.length).toBeGreaterThanOrEqual(20);
    await expect.poll(names).toContain('newbie:viewer');
    await testId(olga, 'user-password-done').click();
    expect(await testId(olga, 'user-password').count()).toBe(0);

    const newbie = await signIn('newbie', password);
    await expect.poll(() => testId(newbie, 'me').innerText()).toBe('newbie (viewer)');
    expect(await testId(newbie, 'add-deal').count()).toBe(0);

    await olga.locator('[data-testid="user-row"][data-user="newbie"] [data-testid="user-role"]').selectOption('editor');
    await expect.poll(names).toContain('newbie:editor');
    // A reloaded window of the new editor offers writing.
    await newbie.reload();
    await expect.poll(() => testId(newbie, 'add-deal').count(), { timeout: 15_000 }).toBe(1);

    olga.once('dialog', (d) => void d.accept());
    await olga.locator('[data-testid="user-row"][data-user="newbie"] [data-testid="user-remove"]').click();
    await expect.poll(names).toEqual(['bob:editor', 'eve:editor', 'olga:owner', 'vic:viewer']);
    // Removed: signed out at once.
    await newbie.reload();
    await expect.poll(() => new URL(newbie.url()).pathname).toBe('/login');
    await newbie.context().close();
    await olga.context().close();
  });

  it('a window whose connection dropped says it reconnected once it caught up', async () => {
    const eve = await signIn('eve');
    await showColumn(eve, 'notes');
    // The server goes away (every connection with it, the window's event stream too); Bob's step is made meanwhile;
    // the same book is served again at the same address (sessions live in the book, so Eve is still signed in).
    await server.close();
    await server.store.handlersFor('bob').updateDeal({ id: ids[0]!, changes: { notes: 'while eve was away' } });
    const again = await startTeamServer({
      store: server.store, auth: createAuth(usersRepo(server.pool)), staticDir: RENDERER_DIR, port: server.port, events: server.live.serve,
    });
    try {
      await expect.poll(() => cell(eve, ids[0]!, 'notes').innerText(), { timeout: 15_000 }).toBe('while eve was away');
      await expect.poll(() => testId(eve, 'reconnected').innerText()).toMatch(/^Reconnected at .*: caught up on 1 change made meanwhile$/);
    } finally {
      await again.close();
      await eve.context().close();
    }
  });
});
