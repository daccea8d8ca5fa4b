import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY, startHttpServer, type RunningServer } from '../../../electron/transports/http-server';
import { bookRowsHash } from '../../helpers/book-rows';
import { rawExchange } from '../../helpers/raw-http';
import { tempBook, tempDir } from '../../helpers/temp-book';

/**
 * The loopback server's doors, one raw socket exchange at a time: the token, the size and pace of a body, and
 * which files the UI folder may hand out.
 */
let book: Awaited<ReturnType<typeof tempBook>>;
let server: RunningServer;
const ui = tempDir('dealbook-ui-');
const root = join(ui.dir, 'renderer');

beforeAll(async () => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Deal book</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(ui.dir, 'secret.txt'), 'outside the UI folder');
  symlinkSync(join(ui.dir, 'secret.txt'), join(root, 'leak.txt'));
  symlinkSync('/etc', join(root, 'etc'));
  symlinkSync(join(root, 'assets', 'app.js'), join(root, 'alias.js'));
  execFileSync('mkfifo', [join(root, 'pipe.js')]);
  book = await tempBook({ sample: true });
  server = await startHttpServer({ handlers: book.service, staticDir: root, bodyTimeouts: { totalMs: 1500, idleMs: 300 } });
});

afterAll(async () => {
  await server.close();
  book.cleanup();
  ui.cleanup();
});

const exchange = (head: string, parts: (string | Buffer | number)[] = []) => rawExchange(server.port, head, parts);

const headers = (path: string, extra: Record<string, string | number> = {}) =>
  `POST ${path} HTTP/1.1\r\n` +
  Object.entries({ Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}`, ...extra })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('') +
  '\r\n';

const without = (name: string) => (h: string) => h.split('\r\n').filter((line) => !line.startsWith(`${name}:`)).join('\r\n');

describe('the loopback server', () => {
  it('refuses an API call without the token, before reading or running it', async () => {
    const before = bookRowsHash(book.service);
    const body = JSON.stringify({ ids: [1, 2, 3] });
    for (const head of [
      without('Authorization')(headers('/api/deleteDeals', { 'Content-Length': body.length })),
      headers('/api/deleteDeals', { 'Content-Length': body.length, Authorization: server.token }),
      headers('/api/deleteDeals', { 'Content-Length': body.length, Authorization: 'Bearer ' }),
      headers('/api/deleteDeals', { 'Content-Length': body.length, Authorization: `Basic ${server.token}` }),
      without('Authorization')(headers(`/api/deleteDeals?token=${server.token}`, { 'Content-Length': body.length })),
    ]) {
      const reply = await exchange(head, [body]);
      expect(reply.status, head).toBe(401);
      expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'forbidden', message: 'Missing or wrong token' } });
    }
    expect(bookRowsHash(book.service)).toBe(before);
    const allowed = await exchange(headers('/api/bookInfo', { 'Content-Length': 2 }), ['{}']);
    expect(allowed.status).toBe(200);
  });

  it('refuses a body larger than the bound in words, up front when its length is declared', async () => {
    // Far beyond the bound: answered before any of it is read, and the connection cut.
    const reply = await exchange(headers('/api/importCsv', { 'Content-Length': 8 * MAX_BODY }), ['{"text":"']);
    expect(reply.status, reply.body).toBe(413);
    expect(JSON.parse(reply.body).error.message).toBe(
      'Request too large: browser mode takes at most 64 MiB per call (a CSV of about 300,000 deals). Import a bigger file with `dealbook import`.',
    );
    expect(reply.closed).toBe(true);
  });

  it('refuses a chunked body once it passes the bound, keeping none of it, and closes the connection', async () => {
    const before = bookRowsHash(book.service);
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const piece = `${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`;
    // Twice the bound offered: the rest is read and thrown away (so a browser sees the answer), then the connection closes.
    const parts = ['9\r\n{"text":"\r\n', ...Array.from({ length: (2 * MAX_BODY) / chunk.length }, () => piece)];
    const reply = await exchange(headers('/api/importCsv', { 'Transfer-Encoding': 'chunked' }), parts);
    expect(reply.status).toBe(413);
    expect(reply.closed).toBe(true);
    expect(bookRowsHash(book.service)).toBe(before);
  });

  it('reads a little over the bound to its end, so a browser that sends first and reads after sees the message', async () => {
    const over = MAX_BODY + 1024;
    const body = Buffer.alloc(over, 'a');
    const reply = await exchange(headers('/api/importCsv', { 'Content-Length': over }), [body]);
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error.message).toMatch(/^Request too large/);
    // And from a real HTTP client (fetch), which reports a reset connection if the server hangs up mid-upload.
    const res = await fetch(`http://127.0.0.1:${server.port}/api/importCsv`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: JSON.stringify({ text: 'x'.repeat(MAX_BODY) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^Request too large: browser mode takes at most 64 MiB/);
  });

  it('drops a body that stalls or dribbles in, saying so', async () => {
    const before = bookRowsHash(book.service);
    const body = JSON.stringify({ ids: [1] });
    const stalled = await exchange(headers('/api/deleteDeals', { 'Content-Length': body.length }), [body.slice(0, 4)]);
    const dribbled = await exchange(
      headers('/api/deleteDeals', { 'Content-Length': body.length }),
      [...body.slice(0, -1)].flatMap((c) => [c, 200]),
    );
    for (const reply of [stalled, dribbled]) {
      expect(reply.status).toBe(408);
      expect(JSON.parse(reply.body).error.message).toBe('Request body too slow: it did not arrive in time, so it was dropped. Nothing was saved.');
      expect(reply.closed).toBe(true);
    }
    expect(bookRowsHash(book.service)).toBe(before);
  });

  it('serves only regular files whose real path is inside the UI folder', async () => {
    const get = (path: string) => exchange(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`);
    expect((await get('/')).status).toBe(200);
    expect((await get('/assets/app.js')).body).toBe('console.log(1)');
    // A link to a file inside the folder is that file; a link out of it, or through a linked folder, is not there.
    expect((await get('/alias.js')).body).toBe('console.log(1)');
    for (const path of ['/leak.txt', '/etc/passwd', '/etc/hostname', '/pipe.js', '/assets']) {
      const reply = await get(path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('outside the UI folder');
      expect(reply.body).not.toContain('root:');
    }
  });
});
