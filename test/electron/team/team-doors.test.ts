import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_BODY } from '../../../electron/transports/request-body';
import { describePg, tempPgBook } from '../../helpers/pg';
import { rawExchange } from '../../helpers/raw-http';
import { addUsers, signIn, signedIn, teamServer, type SignedIn } from '../../helpers/team-server';
import { tempDir } from '../../helpers/temp-book';

/**
 * The team server's doors hold as browser mode's do (transports/request-body.ts, ui-files.ts): a body's size and
 * pace are bounded and said in words, its bytes are read as strict UTF-8, and the UI folder hands out only regular
 * files inside it. The team server faces the network, so a slow body must not hold a connection for minutes.
 */
const ui = tempDir('dealbook-team-ui-');
const root = join(ui.dir, 'renderer');
let server: Awaited<ReturnType<typeof teamServer>>;
let drop: () => Promise<void>;
let eve: SignedIn;

describePg('the team server, at its doors', () => {
  beforeAll(async () => {
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Deal book</title>');
    writeFileSync(join(ui.dir, 'secret.txt'), 'outside the UI folder');
    symlinkSync(join(ui.dir, 'secret.txt'), join(root, 'leak.txt'));
    execFileSync('mkfifo', [join(root, 'pipe.js')]);
    const book = tempPgBook('doors');
    drop = book.drop;
    await addUsers(book.url, { eve: 'editor' });
    server = await teamServer(book.url, { staticDir: root, bodyTimeouts: { totalMs: 1500, idleMs: 300 } });
    eve = signedIn(await signIn(server.url, 'eve'));
  });

  afterAll(async () => {
    await server?.stop();
    await drop?.();
    ui.cleanup();
  });

  const exchange = (head: string, parts: (string | Buffer | number)[] = []) => rawExchange(server.port, head, parts);

  const apiHead = (method: string, extra: Record<string, string | number>) =>
    `POST /api/${method} HTTP/1.1\r\n` +
    Object.entries({ Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', Cookie: eve.cookie.split(';')[0]!, Authorization: `Bearer ${eve.csrf}`, ...extra })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('') +
    '\r\n';

  const deals = async () => ((await eve.call('listDeals')).body as { value: unknown[] }).value;
  const DEAL = { values: { announced: '2025-01-02', from_party: 'Amazon', to_party: 'OpenAI', kind: 'investment' } };

  it('refuses a body over the bound in words, up front when its length is declared, and closes the connection', async () => {
    const reply = await exchange(apiHead('importCsv', { 'Content-Length': 8 * MAX_BODY }), ['{"text":"']);
    expect(reply.status, reply.body).toBe(413);
    expect(JSON.parse(reply.body).error.message).toBe(
      'Request too large: a team book takes at most 64 MiB per call (a CSV of about 300,000 deals). Import a bigger file with `dealbook import`.',
    );
    expect(reply.closed).toBe(true);
    expect(await deals()).toEqual([]);
  });

  it('drops an API body or a sign-in form that stalls or dribbles in, saying so', async () => {
    const body = JSON.stringify(DEAL);
    const stalled = await exchange(apiHead('addDeal', { 'Content-Length': body.length }), [body.slice(0, 4)]);
    const dribbled = await exchange(apiHead('addDeal', { 'Content-Length': body.length }), [...body.slice(0, 12)].flatMap((c) => [c, 200]));
    for (const reply of [stalled, dribbled]) {
      expect(reply.status).toBe(408);
      expect(JSON.parse(reply.body).error.message).toBe('Request body too slow: it did not arrive in time, so it was dropped. Nothing was saved.');
      expect(reply.closed).toBe(true);
    }
    // The sign-in form is answered without a session: it must not hold a connection open either.
    const form = 'name=eve&password=x';
    const login = await exchange(`POST /login HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${form.length}\r\n\r\n`, [form.slice(0, 3)]);
    expect(login.status).toBe(408);
    expect(login.closed).toBe(true);
    expect(await deals()).toEqual([]);
  });

  it('reads a body as strict UTF-8: bytes that are not text are refused, never stored as U+FFFD', async () => {
    // "Café" in Windows-1252: a lone 0xE9 byte, which a replacing decoder would have stored as "Caf\uFFFD".
    const head = Buffer.from('{"values":{"announced":"2025-01-02","from_party":"Caf');
    const body = Buffer.concat([head, Buffer.from([0xe9]), Buffer.from('","to_party":"OpenAI","kind":"investment"}}')]);
    const reply = await exchange(apiHead('addDeal', { 'Content-Length': body.length }), [body]);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error.message).toBe(`Body is not valid UTF-8 text (byte 0xE9 at offset ${head.length}); send UTF-8 JSON`);
    expect(await deals()).toEqual([]);
  });

  it('serves only regular files whose real path is inside the UI folder', async () => {
    const get = (path: string) => exchange(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${eve.cookie.split(';')[0]!}\r\nConnection: close\r\n\r\n`);
    expect((await get(`/?token=${eve.csrf}`)).status).toBe(200);
    for (const path of ['/leak.txt', '/pipe.js']) {
      const reply = await get(path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('outside the UI folder');
    }
  });
});
