import { openPgBook } from '../../electron/pg/connection';
import { usersRepo } from '../../electron/pg/users-repo';
import { createPgStore, type PgStore } from '../../electron/pg/pg-service';
import { createAuth, type AuthOptions } from '../../electron/team/auth';
import { startTeamServer } from '../../electron/team/team-server';
import { startLive } from '../../electron/team/live';
import { hashPassword, type Role } from '../../electron/team/passwords';

export const PASSWORD = 'correct horse battery';

/** Users of a team book, each with PASSWORD. */
export async function addUsers(url: string, users: Record<string, Role>): Promise<void> {
  const opened = await openPgBook(url, { create: true, max: 1 });
  const repo = usersRepo(opened.pool);
  for (const [name, role] of Object.entries(users)) await repo.add(name, role, await hashPassword(PASSWORD), new Date().toISOString());
  await opened.pool.end();
}

/** A team server in this process, as `dealbook serve --team` puts it together. */
export async function teamServer(url: string, options: { staticDir?: string; auth?: AuthOptions; bodyTimeouts?: { totalMs: number; idleMs: number } } = {}) {
  const opened = await openPgBook(url, { create: true });
  let store: PgStore | null = null;
  const live = await startLive(opened, () => store!);
  store = createPgStore(opened, { onCommit: (e) => live.committed(e) });
  const server = await startTeamServer({
    store,
    auth: createAuth(usersRepo(opened.pool), options.auth),
    ...(options.staticDir ? { staticDir: options.staticDir } : {}),
    ...(options.bodyTimeouts ? { bodyTimeouts: options.bodyTimeouts } : {}),
    events: live.serve,
  });
  return {
    ...server,
    live,
    store,
    pool: opened.pool,
    stop: async () => {
      await server.close();
      await live.close();
      await store.close();
    },
  };
}

export type SignedIn = { cookie: string; csrf: string; call: (method: string, payload?: unknown, csrf?: string | null) => Promise<{ status: number; body: any }> };

/** Sign in through the login form as a browser does; answers the session cookie and the CSRF token. */
export async function signIn(base: string, name: string, password = PASSWORD): Promise<SignedIn | { status: number; html: string }> {
  const res = await fetch(new URL('/login', base), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name, password }).toString(),
  });
  if (res.status !== 303) return { status: res.status, html: await res.text() };
  const cookie = res.headers.get('set-cookie')!;
  const csrf = new URL(res.headers.get('location')!, base).searchParams.get('token')!;
  const pair = cookie.split(';')[0]!;
  return {
    cookie,
    csrf,
    call: async (method, payload = {}, token = csrf) => {
      const r = await fetch(new URL(`/api/${method}`, base), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: pair, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(payload),
      });
      return { status: r.status, body: await r.json() };
    },
  };
}

export function signedIn(s: SignedIn | { status: number; html: string }): SignedIn {
  if (!('csrf' in s)) throw new Error(`sign-in refused (${s.status}): ${s.html.slice(0, 300)}`);
  return s;
}
