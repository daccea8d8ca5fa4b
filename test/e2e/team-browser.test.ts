import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, RENDERER_DIR } from './harness';
import { cell, pasteText, settled, showColumn, shownRowIds, testId, typeInto } from './grid-helpers';
import { describePg, tempPgBook } from '../helpers/pg';
import { addUsers, PASSWORD, teamServer } from '../helpers/team-server';
import { usersRepo } from '../../electron/pg/users-repo';
import { hashPassword } from '../../electron/team/passwords';

// Two analysts and a viewer on one team book, each in a browser context of their own (own cookies), against a team
// server on a real PostgreSQL.

describePg('a team book in the browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof teamServer>>;
  let drop: () => Promise<void>;
  const ids: number[] = [];

  beforeAll(async () => {
    if (!existsSync(`${RENDERER_DIR}/index.html`)) throw new Error(`No built renderer at ${RENDERER_DIR}: run npm run build first`);
    const t = tempPgBook('web');
    drop = t.drop;
    await addUsers(t.url, { eve: 'editor', bob: 'editor', vic: 'viewer' });
    server = await teamServer(t.url, { staticDir: RENDERER_DIR });
    const setup = server.store.handlersFor('setup');
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

  /** A browser of the analyst's own, signed in through the login page. */
  async function signIn(name: string, options: { deaf?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1500, height: 900 } });
    // A deaf window never hears the book's events (its stream refused), as one whose connection is down.
    if (options.deaf) await context.route('**/events*', (route) => route.abort());
    const page = await context.newPage();
    await page.goto(server.url);
    expect(new URL(page.url()).pathname).toBe('/login');
    await testId(page, 'login-name').fill(name);
    await testId(page, 'login-password').fill(PASSWORD);
    await testId(page, 'login-submit').click();
    await cell(page, ids[0]!, 'amount_usd').waitFor({ timeout: 30_000 });
    return page;
  }

  it('refuses a wrong password on the login page', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(new URL('/login', server.url).href);
    await testId(page, 'login-name').fill('eve');
    await testId(page, 'login-password').fill('not it');
    await testId(page, 'login-submit').click();
    await expect.poll(() => testId(page, 'error').innerText()).toBe('Wrong name or password.');
    await page.context().close();
  });

  it('shows each analyst the other\'s edits live, refuses a conflicting edit naming who made the change, and a viewer cannot write', async () => {
    const eve = await signIn('eve');
    const bob = await signIn('bob');
    const vic = await signIn('vic');

    await typeInto(eve, cell(eve, ids[0]!, 'amount_usd'), '120B');
    await settled(eve);
    await expect.poll(() => cell(bob, ids[0]!, 'amount_usd').innerText(), { timeout: 1000 }).toBe('$120.0B');
    await expect.poll(() => cell(vic, ids[0]!, 'amount_usd').innerText(), { timeout: 1000 }).toBe('$120.0B');
    // The pair's derived value moved with it in the other windows: 30B back on 120B invested, at least (no split given).
    await expect.poll(() => cell(bob, ids[0]!, 'round_trip_ratio').innerText()).toBe('≥ 0.25x');

    for (const page of [eve, bob]) await showColumn(page, 'notes');
    await typeInto(bob, cell(bob, ids[1]!, 'notes'), 'checked by bob');
    await settled(bob);
    await expect.poll(() => cell(eve, ids[1]!, 'notes').innerText(), { timeout: 1000 }).toBe('checked by bob');

    // A window of Bob's that does not hear the book still shows the old amount; Eve changes it; Bob edits the same
    // cell from what he sees: refused, naming Eve, and the book keeps her value.
    const deaf = await signIn('bob', { deaf: true });
    expect(await cell(deaf, ids[1]!, 'amount_usd').innerText()).toBe('$30.0B');
    await typeInto(eve, cell(eve, ids[1]!, 'amount_usd'), '35B');
    await settled(eve);
    await typeInto(deaf, cell(deaf, ids[1]!, 'amount_usd'), '40B');
    await expect.poll(() => testId(deaf, 'error').innerText()).toMatch(/eve changed it at .*; it is now 35000000000/);
    const now = await server.store.handlersFor('check').listDeals({});
    expect(now.find((d) => d.id === ids[1])!.amount_usd).toBe(35e9);

    // The viewer's window offers no edit (typing opens no editor); a write sent from it anyway is refused by the server.
    await showColumn(vic, 'notes');
    await typeInto(vic, cell(vic, ids[0]!, 'notes'), 'viewer was here');
    expect(await vic.locator('.ag-cell-inline-editing').count()).toBe(0);
    const refused = await vic.evaluate(async (id) => {
      const token = sessionStorage.getItem('dealbook-token') ?? '';
      const r = await fetch('/api/updateDeal', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ id, changes: { notes: 'viewer was here' } }) });
      return { status: r.status, body: (await r.json()) as { error: { message: string } } };
    }, ids[0]!);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/viewer/);
    expect((await server.store.handlersFor('check').listDeals({})).find((d) => d.id === ids[0])!.notes).toBeNull();

    // A reloaded window shows everything, whatever it missed.
    await deaf.reload();
    await cell(deaf, ids[1]!, 'amount_usd').waitFor();
    await expect.poll(() => cell(deaf, ids[1]!, 'amount_usd').innerText()).toBe('$35.0B');
    await showColumn(deaf, 'notes');
    await expect.poll(() => cell(deaf, ids[1]!, 'notes').innerText()).toBe('checked by bob');
    await expect.poll(() => cell(bob, ids[1]!, 'amount_usd').innerText()).toBe('$35.0B');
  });

  it('refuses an edit against the value its editor opened on when another analyst changed the cell while it was open', async () => {
    const setup = server.store.handlersFor('setup');
    const out = (await setup.addDeal({ values: { announced: '2025-04-01', from_party: 'Gamma Fund', to_party: 'Delta Labs', kind: 'investment', amount_usd: '200B' } })).id;
    await setup.addDeal({ values: { announced: '2025-05-01', from_party: 'Delta Labs', to_party: 'Gamma Fund', kind: 'purchase', amount_usd: '50B' } });
    const eve = await signIn('eve');
    const bob = await signIn('bob');
    await expect.poll(() => cell(eve, out, 'round_trip_ratio').innerText()).toBe('≥ 0.25x');
    // Eve starts typing over 200B; before she presses Enter, Bob saves 100B in the same cell, and her window
    // hears of it (the pair's ratio moves under her open editor).
    await cell(eve, out, 'amount_usd').click();
    await eve.keyboard.type('300B');
    await typeInto(bob, cell(bob, out, 'amount_usd'), '100B');
    await settled(bob);
    await expect.poll(() => cell(eve, out, 'round_trip_ratio').innerText()).toBe('≥ 0.50x');
    await eve.keyboard.press('Enter');
    await expect.poll(() => testId(eve, 'error').innerText()).toMatch(/bob changed it at .*; it is now 100000000000/);
    expect((await server.store.handlersFor('check').listDeals({})).find((d) => d.id === out)!.amount_usd).toBe(100e9);
    for (const page of [eve, bob]) await page.context().close();
  });
  it('refuses a paste over a cell another analyst changed since the window showed it, and writes none of the paste', async () => {
    const setup = server.store.handlersFor('setup');
    const a = (await setup.addDeal({ values: { announced: '2025-06-01', from_party: 'Kappa Fund', to_party: 'Lambda Labs', kind: 'investment', amount_usd: '70B' } })).id;
    const b = (await setup.addDeal({ values: { announced: '2025-06-02', from_party: 'Kappa Fund', to_party: 'Lambda Labs', kind: 'investment', amount_usd: '80B' } })).id;
    const eve = await signIn('eve');
    const deaf = await signIn('bob', { deaf: true });
    expect(await cell(deaf, b, 'amount_usd').innerText()).toBe('$80.0B');
    await typeInto(eve, cell(eve, b, 'amount_usd'), '85B');
    await settled(eve);
    // Bob, who still sees 80B, pastes two amounts over both deals' cells (sorted by date, newest first: b, then a).
    const rows = await shownRowIds(deaf);
    const top = rows.indexOf(String(b)) < rows.indexOf(String(a)) ? [b, a] : [a, b];
    await cell(deaf, top[0]!, 'amount_usd').click();
    await pasteText(deaf, top[0] === b ? '90B\n95B\n' : '95B\n90B\n');
    await expect.poll(() => testId(deaf, 'error').innerText()).toMatch(/eve changed it at .*; it is now 85000000000/);
    const now = await server.store.handlersFor('check').listDeals({});
    expect(now.find((d) => d.id === b)!.amount_usd).toBe(85e9);
    expect(now.find((d) => d.id === a)!.amount_usd).toBe(70e9);
    for (const page of [eve, deaf]) await page.context().close();
  });
  it('says so in the window when its session ends (the user removed by an owner), instead of going quiet', async () => {
    await usersRepo(server.pool).add('rita', 'editor', await hashPassword(PASSWORD), new Date().toISOString());
    const rita = await signIn('rita');
    await server.store.handlersFor('owner').removeUser({ name: 'rita' });
    await expect.poll(() => testId(rita, 'error').innerText(), { timeout: 15_000 }).toMatch(/Your session has ended .*Reload the page to sign in again/);
    await rita.context().close();
  });
});
