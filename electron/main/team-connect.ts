import { APP_ORIGIN, isAppUrl } from './app-protocol';

/**
 * File > Connect to Team Book...: the desktop asks for a team server's address on a page of its own (no script,
 * no preload: a form whose submission main reads and cancels), then opens a window on that server. The window
 * signs in on the server's login page and works over HTTP exactly as browser mode does; the desktop never holds
 * the book's database credentials, only the server's session cookie, in a session partition of its own.
 * Everything here is plain logic, tested without Electron (test/electron/team/connect.test.ts).
 */

/** Our page asking for the server's address (answered by the app:// protocol handler, never a file). */
export const CONNECT_PATH = '/connect-team';
export const CONNECT_URL = `${APP_ORIGIN}${CONNECT_PATH}`;
/** Where the form "goes": main reads the address from this navigation and cancels it (nothing answers it). */
export const CONNECT_SUBMIT_PATH = '/connect-team/submit';

/** The session partition of team windows: their cookies never mix with the app's own pages. */
export const TEAM_PARTITION = 'persist:dealbook-team';

const LOOPBACK: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MAX_URL = 2048;

export type TeamServer = { origin: string; url: string };

/**
 * A team server's address as typed: https to any host, or http to this machine only (a password sent in clear
 * over a network is refused); no credentials, no control characters. A bare host means https.
 */
export function parseTeamServerUrl(input: string): { ok: true; server: TeamServer } | { ok: false; message: string } {
  const typed = input.trim();
  if (!typed) return { ok: false, message: 'Type the team server\'s address, e.g. https://deals.example.com:8443' };
  if (typed.length > MAX_URL || /[\u0000-\u001f\u007f\s]/.test(typed)) return { ok: false, message: 'The address has spaces or control characters in it' };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`);
  } catch {
    return { ok: false, message: `"${typed.slice(0, 80)}" is not an address (https://host:port)` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: `A team server is reached over https:// (not ${url.protocol}//)` };
  if (url.username || url.password) return { ok: false, message: 'Leave the name and password out of the address: the server\'s sign-in page asks for them' };
  if (!url.hostname) return { ok: false, message: 'The address names no host' };
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    return { ok: false, message: `Use https:// for ${url.hostname}: over plain http:// your password would cross the network unencrypted (http:// is for a server on this machine)` };
  }
  return { ok: true, server: { origin: url.origin, url: `${url.origin}/` } };
}

/** The address a submitted connect form carries, or null when a navigation is not that form's. */
export function readConnectSubmit(navigation: string): string | null {
  let url: URL;
  try {
    url = new URL(navigation);
  } catch {
    return null;
  }
  // Node's URL gives app:// no origin (not a special scheme): the scheme and host are checked by isAppUrl.
  if (!isAppUrl(navigation) || url.pathname !== CONNECT_SUBMIT_PATH) return null;
  return url.searchParams.get('server') ?? '';
}

/** The connect page's address, showing a refusal and what was typed. */
export function connectUrl(refusal?: { error: string; server: string }): string {
  if (!refusal) return CONNECT_URL;
  const q = new URLSearchParams({ error: refusal.error.slice(0, 300), server: refusal.server.slice(0, MAX_URL) });
  return `${CONNECT_URL}?${q}`;
}

/** The connect page's own policy: no script at all, its inline style, a form that may only "go" to our origin. */
export const CONNECT_CSP = `default-src 'none'; style-src 'unsafe-inline'; form-action ${APP_ORIGIN}; frame-ancestors 'none'; base-uri 'none'`;

/** The connect page for an app:// request (its query carries a refusal to show), or null for any other path. */
export function connectPageFor(requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (!isAppUrl(requestUrl) || url.pathname !== CONNECT_PATH) return null;
  return connectPage(url.searchParams.get('error'), url.searchParams.get('server') ?? '');
}

export function connectPage(error: string | null, server = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Connect to Team Book</title>
<style>
body{font:14px system-ui,sans-serif;margin:0;padding:22px 26px;background:#f4f5f7;color:#1d2329}
form{display:grid;gap:10px}h1{font-size:16px;margin:0}label{display:grid;gap:4px;font-size:13px}
input{font:inherit;padding:7px 9px;border:1px solid #b9c0c8;border-radius:6px}
button{font:inherit;padding:7px 14px;border:0;border-radius:6px;background:#2f6fdf;color:#fff;justify-self:end}
p{margin:0;font-size:12px;color:#5b6570}p[data-testid=error]{color:#b3261e;font-size:13px}
@media (prefers-color-scheme: dark){body{background:#15181c;color:#e4e7ea}input{background:#1f2328;color:inherit;border-color:#444}p{color:#9aa3af}}
</style></head>
<body><form method="get" action="${APP_ORIGIN}${CONNECT_SUBMIT_PATH}">
<h1>Connect to a team book</h1>
${error ? `<p data-testid="error" role="alert">${escapeHtml(error)}</p>` : ''}
<label>Team server address <input data-testid="team-server-url" name="server" type="text" inputmode="url" required autofocus placeholder="https://deals.example.com:8443" value="${escapeHtml(server)}"></label>
<p>The server's sign-in page then asks your name and password. This computer keeps only your session, never the database's password.</p>
<button data-testid="team-connect" type="submit">Connect</button>
</form></body></html>`;
}

/**
 * Where each team window may go: its own server, nowhere else (sign-in, its redirects and the app are all on
 * that origin). Every other webContents may navigate nowhere (security.ts).
 */
export function createTeamOrigins() {
  const byContents = new Map<number, string>();
  return {
    allow: (contentsId: number, origin: string) => void byContents.set(contentsId, origin),
    forget: (contentsId: number) => void byContents.delete(contentsId),
    originOf: (contentsId: number): string | null => byContents.get(contentsId) ?? null,
    /** Whether a page is one of the open team windows' servers (their session's permissions and downloads). */
    owns: (url: string): boolean => {
      try {
        const origin = new URL(url).origin;
        return [...byContents.values()].includes(origin);
      } catch {
        return false;
      }
    },
    mayNavigate: (contentsId: number, to: string): boolean => {
      const origin = byContents.get(contentsId);
      if (!origin) return false;
      try {
        const url = new URL(to);
        return url.origin === origin && !url.username && !url.password;
      } catch {
        return false;
      }
    },
  };
}

export type TeamOrigins = ReturnType<typeof createTeamOrigins>;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
