import { createHash, randomBytes } from 'node:crypto';
import type { UsersRepo } from '../pg/users-repo';
import { DUMMY_HASH, verifyPassword, type Role } from './passwords';

export type Session = { user: string; role: Role; csrf: string };

export type AuthOptions = {
  /** Session lifetime; the cookie and the stored session both end then. */
  ttlSeconds?: number;
  /** Cookies are always marked Secure (the server speaks TLS); otherwise only those of a request that came over https. */
  secure?: boolean;
};

export const SESSION_COOKIE = 'dealbook_session';
const DEFAULT_TTL = 12 * 60 * 60;
// Failed logins allowed in a row before each further attempt must wait, doubling from 1 s up to 15 min: per user
// name, and per address. An address is often a whole desk's (a balancer or an office NAT): its allowance is larger,
// so a desk signing in at once (attempts are counted as they begin) or one analyst's typos do not lock out the rest,
// while guesses sprayed over many names from one address are still held to it.
const FREE_FAILURES = 5;
const FREE_FAILURES_PER_ADDRESS = 50;
const MAX_WAIT_S = 15 * 60;

export type LoginResult =
  | { ok: true; cookie: string; session: Session }
  | { ok: false; status: 401 | 429; message: string };

const digest = (s: string) => createHash('sha256').update(s).digest('base64url');

/**
 * Logins and sessions of a team server, kept in the book (users, sessions, login_failures), so every server of the
 * book honours the same sessions and counts the same failures. Passwords are checked against scrypt hashes only;
 * a session id travels only in an HttpOnly, SameSite=Strict cookie and is stored only as its SHA-256.
 */
export function createAuth(users: UsersRepo, options: AuthOptions = {}) {
  const ttl = options.ttlSeconds ?? DEFAULT_TTL;

  /** Seconds a key with these failures in a row must still wait before another attempt, or 0. */
  function waitOf(failures: number, secondsAgo: number, key: string): number {
    const free = key.startsWith('addr:') ? FREE_FAILURES_PER_ADDRESS : FREE_FAILURES;
    if (failures < free) return 0;
    const wait = Math.min(MAX_WAIT_S, 2 ** (failures - free));
    return Math.max(0, Math.ceil(wait - secondsAgo));
  }

  /** https: the request came over https (TLS here, or ended by a trusted balancer): its cookie is Secure. */
  async function login(name: string, password: string, address: string, https = false): Promise<LoginResult> {
    const keys = [`user:${name.toLowerCase().slice(0, 64)}`, `addr:${address}`];
    // The attempt is counted before the password is checked, so guesses sent at once are throttled as if sent in turn.
    const wait = await users.attempt(keys, waitOf);
    if (wait > 0) {
      return { ok: false, status: 429, message: `Too many failed logins. Try again in ${wait} second${wait === 1 ? '' : 's'}.` };
    }
    const user = name ? await users.get(name) : undefined;
    // An unknown name costs the same hash as a known one: timing does not tell which names exist.
    const good = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !good) {
      return { ok: false, status: 401, message: 'Wrong name or password.' };
    }
    for (const key of keys) await users.clearFailures(key);
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    await users.dropExpired();
    await users.createSession(digest(id), user.name, csrf, ttl);
    return { ok: true, cookie: cookie(id, ttl, https), session: { user: user.name, role: user.role, csrf } };
  }

  /** The session a request's cookie names, if it is current and its user still exists (with the role they have now). */
  async function session(cookieHeader: string | undefined): Promise<Session | null> {
    const id = readCookie(cookieHeader, SESSION_COOKIE);
    if (!id || !/^[\w-]{43}$/.test(id)) return null;
    const row = await users.session(digest(id));
    return row ? { user: row.user_name, role: row.role, csrf: row.csrf } : null;
  }

  async function logout(cookieHeader: string | undefined, https = false): Promise<string> {
    const id = readCookie(cookieHeader, SESSION_COOKIE);
    if (id) await users.endSession(digest(id));
    return cookie('', 0, https);
  }

  // Behind a balancer that ends TLS the server speaks http but the browser's page is https: the cookie must still
  // be Secure there, or a browser would send the session over plain http to this host.
  function cookie(value: string, maxAge: number, https: boolean): string {
    return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${options.secure || https ? '; Secure' : ''}`;
  }

  return { login, session, logout };
}

export type Auth = ReturnType<typeof createAuth>;

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

/** What each role may do: a viewer reads and exports, an editor also writes, an owner also manages users. */
export function roleAllows(role: Role, writes: boolean): boolean {
  return !writes || role === 'editor' || role === 'owner';
}
