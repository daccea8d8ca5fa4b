import { afterEach, expect, it } from 'vitest';
import { describePg, ownCluster } from '../../helpers/pg';
import { addUsers, PASSWORD, signIn, signedIn, teamServer } from '../../helpers/team-server';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

const DEAL = { values: { announced: '2025-01-02', from_party: 'Amazon', to_party: 'OpenAI', kind: 'investment', amount_usd: '5B' } };
const AWAY = /The team book's database cannot be reached.*nothing was saved/;

describePg('a team server whose database is away for a while', () => {
  it('says so in words to the window and at the login page (not "Server error"), and carries on once it is back', async () => {
    const cluster = await ownCluster();
    cleanups.push(cluster.stop);
    const url = `${cluster.url}?schema=away`;
    await addUsers(url, { eve: 'editor' });
    const server = await teamServer(url);
    cleanups.push(server.stop);
    const eve = signedIn(await signIn(server.url, 'eve'));
    expect((await eve.call('addDeal', DEAL)).body.ok).toBe(true);

    cluster.down();
    let up = false;
    cleanups.push(() => void (up || cluster.up()));
    // The session is read from the database before anything else: the window is told what happened.
    for (const [method, payload] of [['listDeals', {}], ['updateDeal', { id: 1, changes: { notes: 'while away' } }]] as const) {
      const r = await eve.call(method, payload);
      expect(r.status, method).toBe(503);
      expect(r.body, method).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringMatching(AWAY) } });
      // Where the database is stays untold.
      expect(JSON.stringify(r.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    }
    // A browser signing in, or opening the page with its cookie, sees the login page saying so.
    const login = await fetch(new URL('/login', server.url), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'eve', password: PASSWORD }).toString(),
    });
    expect(login.status).toBe(503);
    expect(login.headers.get('content-type')).toMatch(/text\/html/);
    expect(await login.text()).toMatch(/data-testid="error"[^>]*>The team book&#39;s database cannot be reached|data-testid="error"[^>]*>The team book's database cannot be reached/);
    const opened = await fetch(new URL('/', server.url), { headers: { Cookie: eve.cookie.split(';')[0]! }, redirect: 'manual' });
    expect(opened.status).toBe(503);
    expect(await opened.text()).toMatch(/cannot be reached/);

    cluster.up();
    up = true;
    // Back: the same session works, nothing of the refused edit was stored, and the next edit is saved.
    const after = await eve.call('listDeals', {});
    expect(after.status).toBe(200);
    expect(after.body.value[0].notes).toBeNull();
    expect((await eve.call('updateDeal', { id: 1, changes: { notes: 'back' } })).body.ok).toBe(true);
  }, 120_000);
});
