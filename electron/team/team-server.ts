import { createServer as createHttp, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { createHash, timingSafeEqual } from 'node:crypto';
import { contract, isMethodName, OWNER_METHODS } from '../../shared/protocol/contract';
import { fail, type Result } from '../../shared/protocol/result';
import { CONTENT_SECURITY_POLICY } from '../transports/csp';
import { sendCsvFile, wantsCsvFile } from '../transports/csv-answer';
import { BODY_TIMEOUTS, MAX_BODY_WORDS, readBody, readJsonBody, type BodyTimeouts } from '../transports/request-body';
import { safeDecode, serveUiFile } from '../transports/ui-files';
import { dispatchStore } from '../service/store-dispatch';
import type { Store } from '../service/store';
import { roleMay } from '../../shared/protocol/team-users';
import type { Auth, Session } from './auth';
import { isConnectionError } from '../pg/pg-tx';
import { LOGIN_CSP, loginPage } from './login-page';

export type TeamServerOptions = {
  store: Store;
  auth: Auth;
  /** The built renderer, the same UI as browser mode. */
  staticDir?: string;
  host?: string;
  port?: number;
  tls?: { cert: Buffer; key: Buffer };
  /** Live events to the windows (see live.ts): answers GET /events for a signed-in tab. */
  events?: (req: IncomingMessage, res: ServerResponse, session: Session, url: URL) => void | Promise<void>;
  /** How often an open event stream checks that its session still stands (default SESSION_CHECK_MS). */
  sessionCheckMs?: number;
  /** How long a request body may take to arrive, and may pause between chunks (tests shorten them). */
  bodyTimeouts?: BodyTimeouts;
};

export type RunningTeamServer = { url: string; port: number; close: () => Promise<void> };

// The same bounds as browser mode (transports/request-body.ts): a body's size and pace, said in words.
const TOO_LARGE = `Request too large: a team book takes at most ${MAX_BODY_WORDS} per call (a CSV of about 300,000 deals). Import a bigger file with \`dealbook import\`.`;
const MAX_LOGIN_BODY = 4096;
const SESSION_CHECK_MS = 2000;
const DATABASE_AWAY = "The team book's database cannot be reached; nothing was saved. Try again in a moment.";
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };

/** Whether a method changes the book (the contract says so where it can; anything not known to read is a write). */
const READS = new Set(['bookInfo', 'listDeals', 'listParties', 'aggregates', 'exportCsv', 'getSetting', 'eventsSince']);
export function methodWrites(method: string): boolean {
  const flag = (contract as Record<string, { writes?: boolean }>)[method]?.writes;
  return typeof flag === 'boolean' ? flag : !READS.has(method);
}

/**
 * `dealbook serve --team`: the same UI and the same contract as browser mode, for many analysts over the network.
 * Nothing is answered without a session but the login page; every API call needs the session's CSRF token (sent
 * as the bearer token the UI already sends, which a foreign page cannot set), and the server checks the role on
 * every method.
 */
export function startTeamServer(options: TeamServerOptions): Promise<RunningTeamServer> {
  const { auth, store } = options;
  const secure = Boolean(options.tls);
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err) => {
      const away = isConnectionError(err);
      console.error(away ? `[dealbook] team server: the database cannot be reached (${(err as Error).message})` : '[dealbook] team server error', away ? '' : err);
      if (res.headersSent) return void res.destroy();
      if (!away) return send(res, 500, fail('internal', 'Server error'));
      // The database went away (the session is read from it before anything else): said in words, as a store's own
      // refusal says it, to the window (JSON) or to the browser at the login page; where the database is stays untold.
      const path = (req.url ?? '/').split('?')[0]!;
      if (path.startsWith('/api/') || path === '/events' || path === '/logout') return send(res, 503, fail('io', DATABASE_AWAY));
      page(res, 503, loginPage(DATABASE_AWAY));
    });
  };
  const server: Server = options.tls ? createHttps({ cert: options.tls.cert, key: options.tls.key }, handler) : createHttp(handler);
  const timeouts = options.bodyTimeouts ?? BODY_TIMEOUTS;
  // Node's own bound on a request's headers and body, behind readBody's: a client that never finishes is cut off.
  server.requestTimeout = timeouts.totalMs + 5_000;
  server.headersTimeout = Math.min(60_000, server.requestTimeout);
  const bodyOptions = { timeouts, tooLarge: TOO_LARGE, answer: send };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://team.invalid');
    // A write from another site (its page posting here) is refused: same origin only, when the browser says.
    if (req.method === 'POST' && !sameOrigin(req, secure)) return send(res, 403, fail('forbidden', 'Foreign origin refused'));
    if (url.pathname === '/login') {
      if (req.method === 'GET') return page(res, 200, loginPage(null));
      if (req.method === 'POST') return doLogin(req, res);
      return send(res, 405, fail('forbidden', 'Method not allowed'));
    }
    const session = await auth.session(req.headers.cookie);
    if (!session) {
      if (url.pathname.startsWith('/api/') || url.pathname === '/events') return send(res, 401, fail('forbidden', 'Sign in first'));
      res.writeHead(303, { Location: '/login', 'Cache-Control': 'no-store' });
      return void res.end();
    }
    if (url.pathname === '/logout' && req.method === 'POST') {
      if (!csrfMatches(req.headers.authorization, session.csrf)) return send(res, 403, fail('forbidden', 'Missing or wrong CSRF token'));
      res.writeHead(303, { Location: '/login', 'Set-Cookie': await auth.logout(req.headers.cookie, secure || forwardedHttps(req)), 'Cache-Control': 'no-store' });
      return void res.end();
    }
    if (url.pathname.startsWith('/api/')) return api(req, res, url, session);
    if (url.pathname === '/events') {
      const token = csrfMatches(req.headers.authorization, session.csrf) || url.searchParams.get('token') === session.csrf;
      if (!token || !options.events) return send(res, 403, fail('forbidden', 'Missing or wrong token'));
      await options.events(req, res, session, url);
      return watchSession(req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, fail('forbidden', 'Method not allowed'));
    // The UI reads its token from the address once; a signed-in tab opening the page gets it there.
    if ((url.pathname === '/' || url.pathname === '/index.html') && url.searchParams.get('token') !== session.csrf) {
      res.writeHead(303, { Location: `/?token=${session.csrf}`, 'Cache-Control': 'no-store' });
      return void res.end();
    }
    return serveStatic(res, url.pathname);
  }

  /**
   * An open event stream carries the book's changes: it ends once its session does (signed out, expired, the user
   * removed), whichever server ended it, rather than going on until the tab closes. A database that cannot be
   * reached meanwhile ends nothing (the tab would only reconnect and be refused the same way).
   */
  function watchSession(req: IncomingMessage, res: ServerResponse): void {
    const timer = setInterval(() => {
      auth.session(req.headers.cookie).then((still) => {
        if (!still) res.end();
      }, () => {});
    }, options.sessionCheckMs ?? SESSION_CHECK_MS);
    timer.unref?.();
    res.on('close', () => clearInterval(timer));
  }

  async function doLogin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const read = await readBody(req, timeouts, MAX_LOGIN_BODY);
    if ('refused' in read) {
      res.shouldKeepAlive = false;
      res.once('finish', () => req.destroy());
      return page(res, read.refused === 'too_large' ? 413 : 408, loginPage(read.refused === 'too_large' ? 'The form was too large.' : 'The form did not arrive in time; try again.'));
    }
    const form = new URLSearchParams(read.bytes.toString('utf8'));
    const name = (form.get('name') ?? '').trim();
    // The cookie is Secure whenever the browser's page is https: TLS here, or ended by a balancer that says so.
    const result = await auth.login(name, form.get('password') ?? '', req.socket.remoteAddress ?? 'unknown', secure || forwardedHttps(req));
    if (!result.ok) return page(res, result.status, loginPage(result.message, name));
    res.writeHead(303, { Location: `/?token=${result.session.csrf}`, 'Set-Cookie': result.cookie, 'Cache-Control': 'no-store' });
    res.end();
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, session: Session): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, fail('forbidden', 'Use POST'));
    if (!csrfMatches(req.headers.authorization, session.csrf)) return send(res, 403, fail('forbidden', 'Missing or wrong CSRF token'));
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, fail('invalid_payload', 'Send JSON'));
    const method = safeDecode(url.pathname.slice(5));
    if (method === null || !isMethodName(method)) return send(res, 404, fail('invalid_payload', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}`));
    // The contract says which methods write and which manage users; the role is checked here, before the store.
    const facts = { writes: methodWrites(method), owner: OWNER_METHODS.has(method) };
    if (!roleMay(session.role, facts)) {
      const why = facts.owner ? 'manages users, which only an owner can do' : 'changes the book, which a viewer cannot do';
      return send(res, 403, fail('forbidden', `${session.user} is a ${session.role} of this book: ${method} ${why}.`));
    }
    const read = await readJsonBody(req, res, bodyOptions);
    if (!read) return;
    const result = await dispatchStore(store.handlersFor(session.user), method, read.payload, { by: tabId(req.headers['x-dealbook-tab']) });
    if (wantsCsvFile(req, method) && sendCsvFile(res, result)) return;
    return send(res, 200, result);
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    if (!options.staticDir) return send(res, 404, fail('not_found', 'No UI built'));
    if (!(await serveUiFile(res, options.staticDir, pathname, CONTENT_SECURITY_POLICY))) send(res, 404, fail('not_found', 'Not found'));
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
      resolve({
        url: `${secure ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}/`,
        port,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

// same-origin, not no-referrer: under no-referrer a browser posts the form with "Origin: null", which the
// same-origin check must refuse.
function page(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': LOGIN_CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' });
  res.end(html);
}

function send(res: ServerResponse, status: number, body: Result<unknown>): void {
  res.writeHead(status, JSON_HEADERS);
  res.end(JSON.stringify(body));
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function csrfMatches(header: string | undefined, csrf: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  return m ? timingSafeEqual(digest(m[1]!), digest(csrf)) : false;
}

function sameOrigin(req: IncomingMessage, secure: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `${secure || forwardedHttps(req) ? 'https' : 'http'}://${req.headers.host ?? ''}`;
}

/**
 * Behind a load balancer that ends TLS, the browser's page is https while this server speaks http: the balancer
 * says so in X-Forwarded-Proto. Trusting it is safe for this check: a page of another site cannot add that header
 * to a request here (it is not a simple header, and no CORS preflight is answered), so it only ever confirms the
 * scheme of a request the browser itself sent from our own page. For the session cookie it can only add Secure
 * (a client that sends it without https merely gets a cookie its browser keeps to https).
 */
function forwardedHttps(req: IncomingMessage): boolean {
  const proto = req.headers['x-forwarded-proto'];
  return typeof proto === 'string' && proto.split(',')[0]!.trim().toLowerCase() === 'https';
}

/** How the UI names its tab (as the loopback server reads it), so a window tells its own steps from others'. */
function tabId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w-]{1,64}$/.test(header) ? `tab:${header}` : 'tab';
}

