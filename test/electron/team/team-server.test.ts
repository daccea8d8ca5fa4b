import { afterEach, expect, it } from 'vitest';
import pg from 'pg';
import { METHOD_NAMES } from '../../../shared/protocol/contract';
import { methodWrites } from '../../../electron/team/team-server';
import { parsePgBook } from '../../../electron/pg/book-url';
import { describePg, tempPgBook, TEST_PG } from '../../helpers/pg';
import { addUsers, PASSWORD, signIn, signedIn, teamServer } from '../../helpers/team-server';

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function book(users: Parameters<typeof addUsers>[1] = { alice: 'owner', eve: 'editor', vic: 'viewer' }) {
  const t = tempPgBook('srv');
  cleanups.push(t.drop);
  await addUsers(t.url, users);
  const server = await teamServer(t.url);
  cleanups.push(server.stop);
  return { url: t.url, server, base: server.url };
}

async function sql(text: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: TEST_PG });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

const DEAL = { values: { announced: '2025-01-02', from_party: 'Amazon', to_party: 'OpenAI', kind: 'investment', amount_usd: '5B' } };

// A payload each writing method accepts, so a refusal is the role's and not the payload's.
const WRITES: Record<string, unknown> = {
  addDeal: DEAL,
  updateDeal: { id: 1, changes: { notes: 'x' } },
  updateCells: { cells: [{ id: 1, field: 'notes', value: 'x' }] },
  deleteDeals: { ids: [1] },
  duplicateDeals: { ids: [1] },
  undo: {},
  redo: {},
  renameParty: { name: 'Amazon', to: 'Amazon.com' },
  mergeParties: { names: ['Amazon'], into: 'AWS' },
  setPartyKind: { name: 'Amazon', kind: 'hyperscaler' },
  importCsv: { text: 'announced,from_party,to_party,kind\n2025-01-01,A,B,investment\n' },
  setSetting: { key: 'grid', value: '{}' },
};

describePg('the team server', () => {
  it('answers nothing without a session but the login page, which has the fixed test ids', async () => {
    const { base } = await book();
    const login = await fetch(new URL('/login', base));
    expect(login.status).toBe(200);
    const html = await login.text();
    for (const id of ['login-name', 'login-password', 'login-submit']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).not.toContain('data-testid="error"');
    for (const path of ['/', '/index.html', '/assets/index.js', '/anything']) {
      const r = await fetch(new URL(path, base), { redirect: 'manual' });
      expect(r.status, path).toBe(303);
      expect(r.headers.get('location')).toBe('/login');
    }
    const api = await fetch(new URL('/api/listDeals', base), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(401);
    expect((await fetch(new URL('/events', base))).status).toBe(401);
    // A forged cookie is no session.
    const forged = await fetch(new URL('/api/listDeals', base), { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: `dealbook_session=${'a'.repeat(43)}` }, body: '{}' });
    expect(forged.status).toBe(401);
  });

  it('signs in with an HttpOnly SameSite=Strict cookie that expires, and refuses a wrong password with an error', async () => {
    const { base, url } = await book();
    const wrong = await signIn(base, 'eve', 'not the password');
    expect('html' in wrong && wrong.status).toBe(401);
    expect('html' in wrong && wrong.html).toMatch(/data-testid="error"[^>]*>Wrong name or password/);
    const nobody = await signIn(base, 'mallory');
    expect('html' in nobody && nobody.html).toMatch(/Wrong name or password/);

    const eve = signedIn(await signIn(base, 'eve'));
    expect(eve.cookie).toMatch(/^dealbook_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(eve.cookie).not.toMatch(/Secure/);
    expect((await eve.call('listDeals')).status).toBe(200);
    // The session is stored only as a hash, and ends when it expires.
    const schema = parsePgBook(url).schema;
    const stored = await sql(`SELECT id_hash FROM ${schema}.sessions`);
    expect(stored.length).toBe(1);
    expect(eve.cookie).not.toContain(stored[0].id_hash);
    await sql(`UPDATE ${schema}.sessions SET expires_at = now() - interval '1 second'`);
    expect((await eve.call('listDeals')).status).toBe(401);
  });

  it('needs the session\'s CSRF token on every call; without it nothing is written', async () => {
    const { base } = await book();
    const eve = signedIn(await signIn(base, 'eve'));
    for (const token of [null, 'wrong-token']) {
      const r = await eve.call('addDeal', DEAL, token);
      expect(r.status).toBe(403);
      expect(r.body.error.message).toMatch(/CSRF/);
    }
    const other = await fetch(new URL('/api/addDeal', base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: eve.cookie.split(';')[0]!, Authorization: `Bearer ${eve.csrf}`, Origin: 'https://evil.example' },
      body: JSON.stringify(DEAL),
    });
    expect(other.status).toBe(403);
    expect((await eve.call('listDeals')).body.value).toEqual([]);
    expect((await eve.call('addDeal', DEAL)).body.ok).toBe(true);
  });

  it('signs in behind a load balancer that ends TLS (X-Forwarded-Proto: https), and still refuses other sites there', async () => {
    const { base } = await book();
    const host = new URL(base).host;
    const form = (origin: string, proto?: string) =>
      fetch(new URL('/login', base), {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, ...(proto ? { 'X-Forwarded-Proto': proto } : {}) },
        body: new URLSearchParams({ name: 'eve', password: PASSWORD }).toString(),
      });
    // The browser's page is https://host (the balancer's), this server speaks http: the cookie is Secure all the same.
    const behind = await form(`https://${host}`, 'https');
    expect(behind.status).toBe(303);
    expect(behind.headers.get('set-cookie')).toMatch(/^dealbook_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    const pair = behind.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = new URL(behind.headers.get('location')!, base).searchParams.get('token')!;
    const out = await fetch(new URL('/logout', base), {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: pair, Authorization: `Bearer ${csrf}`, Origin: `https://${host}`, 'X-Forwarded-Proto': 'https' },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0; Secure$/);
    const plain = await form(`http://${host}`);
    expect(plain.status).toBe(303);
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect((await form(`https://${host}`)).status).toBe(403);
    expect((await form('https://evil.example', 'https')).status).toBe(403);
    expect((await form(`http://${host}`, 'https')).status).toBe(403);
  });

  it('refuses a viewer every writing method, over HTTP, and lets it read and export', async () => {
    const { base } = await book();
    const eve = signedIn(await signIn(base, 'eve'));
    expect((await eve.call('addDeal', DEAL)).body.ok).toBe(true);
    const vic = signedIn(await signIn(base, 'vic'));
    const writing = METHOD_NAMES.filter(methodWrites);
    expect(writing.length).toBeGreaterThanOrEqual(Object.keys(WRITES).length);
    for (const method of writing) {
      const r = await vic.call(method, WRITES[method] ?? {});
      expect(r.status, method).toBe(403);
      expect(r.body.error.message, method).toMatch(/viewer/);
    }
    const deals = (await vic.call('listDeals')).body.value;
    expect(deals).toMatchObject([{ id: 1, notes: null, from_party: 'Amazon' }]);
    expect((await vic.call('exportCsv')).body.value).toMatch(/^id,announced/);
    // The window's Export CSV asks for the file itself (Accept: text/csv): the shown columns, as bytes.
    const file = await fetch(new URL('/api/exportCsv', base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/csv', Cookie: vic.cookie.split(';')[0]!, Authorization: `Bearer ${vic.csrf}` },
      body: JSON.stringify({ columns: ['id', 'from_party'] }),
    });
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await file.text()).toBe('id,from_party\r\n1,Amazon\r\n');
    expect((await vic.call('bookInfo')).body.value.deals).toBe(1);
  });

  it('throttles failed logins per user and per address', async () => {
    const { base } = await book();
    for (let i = 0; i < 5; i++) expect((await signIn(base, 'eve', `guess ${i}`) as { status: number }).status).toBe(401);
    const throttled = await signIn(base, 'eve');
    expect('html' in throttled && throttled.status).toBe(429);
    expect('html' in throttled && throttled.html).toMatch(/data-testid="error"[^>]*>Too many failed logins. Try again in \d+ seconds?/);
    // Another analyst at the same address (a desk behind one balancer) is not locked out by eve's typos...
    const alice = await signIn(base, 'alice');
    expect('html' in alice ? alice.status : 303).toBe(303);
    // ...but guesses sprayed over many names from one address are held to the address's allowance (50 failures,
    // then waits), though each name is new: only the free ones are checked (a slow machine may let a few more by).
    const sprayed = await Promise.all(Array.from({ length: 70 }, (_, i) => signIn(base, `name${i}`, 'guess')));
    const statuses = sprayed.map((a) => ('html' in a ? a.status : 303));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(54);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(16);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
  });

  it('lets a desk of 20 analysts behind one address sign in at the same moment', async () => {
    const users = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`analyst${i}`, 'editor' as const]));
    const { base } = await book(users);
    const answers = await Promise.all(Object.keys(users).map((name) => signIn(base, name)));
    expect(answers.map((a) => ('html' in a ? a.status : 303))).toEqual(Object.keys(users).map(() => 303));
  });

  it('throttles guesses sent all at once as if sent in turn: only the free ones are checked', async () => {
    const { base } = await book();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(base, 'eve', `guess ${i}`)));
    const statuses = answers.map((a) => ('html' in a ? a.status : 200));
    // Five free failures; later guesses wait (1 s, then 2 s...), so a slow machine may let one or two more through.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(8);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(22);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
  });

  it('records who made each step; a user of one book gets nothing from another book\'s schema', async () => {
    const a = await book({ eve: 'editor' });
    const b = await book({ bob: 'editor' });
    const eve = signedIn(await signIn(a.base, 'eve'));
    expect((await eve.call('addDeal', DEAL)).body.ok).toBe(true);
    expect(await sql(`SELECT user_name, label FROM ${parsePgBook(a.url).schema}.batches`)).toEqual([{ user_name: 'eve', label: 'Add deal' }]);

    expect((await signIn(b.base, 'eve') as { status: number }).status).toBe(401);
    // Book a's session cookie and token mean nothing to book b's server.
    const r = await fetch(new URL('/api/listDeals', b.base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: eve.cookie.split(';')[0]!, Authorization: `Bearer ${eve.csrf}` },
      body: '{}',
    });
    expect(r.status).toBe(401);
    const bob = signedIn(await signIn(b.base, 'bob'));
    expect((await bob.call('listDeals')).body.value).toEqual([]);
  });
});
