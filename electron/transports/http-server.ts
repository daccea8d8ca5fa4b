import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Handlers } from '../../shared/protocol/contract';
import { fail, type Result } from '../../shared/protocol/result';
import { dispatch } from '../service/dispatch';
import { dispatchStore } from '../service/store-dispatch';
import type { StoreHandlers } from '../service/store';
import { CONTENT_SECURITY_POLICY } from './csp';
import { sendCsvFile, wantsCsvFile } from './csv-answer';
import { JSON_SLICE, createJsonLists, type JsonLists } from './json-lists';
import type { BookEvents } from '../service/events';
import { EVENTS_PATH, resumePoint, serveEvents } from './sse';
import { safeDecode, serveUiFile } from './ui-files';
import { BODY_TIMEOUTS, MAX_BODY, MAX_BODY_WORDS, readJsonBody } from './request-body';

export { MAX_BODY };

export type HttpServerOptions = {
  /** A file book's service: answered synchronously, as fast as it is. */
  handlers?: Handlers;
  /** Or a store whose answers come later (a team book served for one person, without --team). */
  storeHandlers?: StoreHandlers;
  /** The book's change events, streamed to tabs at /events; without them the stream answers 404. */
  events?: BookEvents;
  /** The built renderer (index.html and assets); without it only the API is served. */
  staticDir?: string;
  port?: number;
  token?: string;
  /** How long a request body may take to arrive, and may pause between chunks (tests shorten them). */
  bodyTimeouts?: { totalMs: number; idleMs: number };
};

export type RunningServer = {
  url: string;
  port: number;
  token: string;
  /** Settles once the JSON of the book's deals, made as the server starts, is ready (benchmarks wait for it). */
  warmed: Promise<void>;
  close: () => Promise<void>;
};

/**
 * Browser mode: the contract as JSON over loopback, plus the built renderer. Bound to 127.0.0.1 only;
 * every API call needs the per-launch token; a foreign Host or Origin (DNS rebinding, other sites) is refused;
 * no CORS headers are ever sent.
 */
export function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenDigest = digest(token);
  const lists = createJsonLists();
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('[dealbook] http error', err);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: 'Server error' } });
      // Mid-way through a streamed answer: end the connection, so the client sees a failed request, not a hang.
      else res.destroy(err instanceof Error ? err : new Error(String(err)));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, port) || !originAllowed(req.headers.origin, port)) {
      return send(res, 403, fail('forbidden', 'Foreign host or origin refused'));
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, fail('forbidden', 'Use POST'));
      if (!tokenMatches(req.headers.authorization, tokenDigest)) return send(res, 401, fail('forbidden', 'Missing or wrong token'));
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, fail('invalid_payload', 'Send JSON'));
      const read = await readJsonBody(req, res, { timeouts: options.bodyTimeouts ?? BODY_TIMEOUTS, tooLarge: TOO_LARGE, answer: send });
      if (!read) return;
      const payload = read.payload;
      const method = safeDecode(url.pathname.slice(5));
      if (method === null) return send(res, 400, fail('invalid_payload', 'Bad method name'));
      const caller = { by: tabId(req.headers['x-dealbook-tab']) };
      const result = options.storeHandlers ? await dispatchStore(options.storeHandlers, method, payload, caller) : dispatch(options.handlers!, method, payload, caller);
      if (wantsCsvFile(req, method) && sendCsvFile(res, result)) return;
      return sendResult(res, result, lists);
    }
    if (url.pathname === EVENTS_PATH) {
      if (req.method !== 'GET') return send(res, 405, fail('forbidden', 'Use GET'));
      if (!tokenMatches(req.headers.authorization, tokenDigest)) return send(res, 401, fail('forbidden', 'Missing or wrong token'));
      if (!options.events) return send(res, 404, fail('not_found', 'No event stream'));
      const lastId = req.headers['last-event-id'];
      return serveEvents(req, res, options.events, resumePoint(url, typeof lastId === 'string' ? lastId : undefined));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, fail('forbidden', 'Method not allowed'));
    return serveStatic(res, url.pathname);
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    if (!options.staticDir) return send(res, 404, fail('not_found', 'No UI built'));
    if (!(await serveUiFile(res, options.staticDir, pathname, CONTENT_SECURITY_POLICY))) send(res, 404, fail('not_found', 'Not found'));
  }

  // Node's own bound on a request's headers and body, behind readBody's: a client that never finishes is cut off.
  const timeouts = options.bodyTimeouts ?? BODY_TIMEOUTS;
  server.requestTimeout = timeouts.totalMs + 5_000;
  server.headersTimeout = Math.min(60_000, server.requestTimeout);

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : 0;
      // A window's first call is for every deal: have a big book's JSON made before it asks.
      const warmed = new Promise<void>((done) =>
        setImmediate(() => {
          if (!server.listening || !options.handlers) return done();
          const deals = dispatch(options.handlers, 'listDeals', {});
          if (deals.ok && Array.isArray(deals.value) && deals.value.length > JSON_SLICE) void lists.slicesOf(deals.value).done.then(done);
          else done();
        }),
      );
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        warmed,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

/** A malformed %-escape is the caller's mistake (400/404), not a server error. */
function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Constant-time: compare fixed-length digests, so neither content nor length leaks through timing. */
function tokenMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  return match ? timingSafeEqual(digest(match[1]!), expected) : false;
}

/** How the service names a tab in the events of its writes: the id the tab chose, if it is a plain one. */
function tabId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w-]{1,64}$/.test(header) ? `tab:${header}` : 'tab';
}

function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function originAllowed(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

const TOO_LARGE = `Request too large: browser mode takes at most ${MAX_BODY_WORDS} per call (a CSV of about 300,000 deals). Import a bigger file with \`dealbook import\`.`;

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

function send(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, JSON_HEADERS);
  res.end(text);
}

/**
 * An answer holding a long list (every deal of a big book) is written slice by slice as it is made (see
 * json-lists.ts): the first bytes leave at once, and a list whose JSON was made before is not made again.
 */
async function sendResult(res: ServerResponse, body: Result<unknown>, lists: JsonLists): Promise<void> {
  if (!body.ok || !Array.isArray(body.value) || body.value.length <= JSON_SLICE) return send(res, 200, body);
  const json = lists.slicesOf(body.value);
  res.writeHead(200, JSON_HEADERS);
  res.write(json.head);
  let sent = 0;
  for (;;) {
    if (res.destroyed) return;
    if (json.failed) throw json.failed;
    const finished = json.finished;
    let roomLeft = true;
    // The kept slices are written as they are (no copy per request), and no faster than the client reads them.
    while (roomLeft && sent < json.slices.length) roomLeft = res.write(json.slices[sent++]);
    if (finished && sent === json.slices.length) break;
    await (roomLeft ? new Promise((r) => setImmediate(r)) : drained(res));
  }
  res.end(']}');
}

/** The socket has room again, or the client has gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
