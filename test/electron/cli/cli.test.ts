import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { dealbook, serve } from '../../helpers/cli';
import { tempDirsPerTest } from '../../helpers/temp-book';
import { LATEST_VERSION } from '../../../electron/db/migrations/index';
import { SAMPLE_DEALS, SAMPLE_PARTIES } from '../../../shared/model/sample-book';

const dir = tempDirsPerTest();

describe('dealbook CLI', () => {
  it('creates a sample book and checks it', () => {
    const book = join(dir(), 'sample.dealbook');
    const created = dealbook(['new', '--book', book, '--sample']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Created .* \(\d+ deals, \d+ parties\)/);
    const check = dealbook(['check', '--book', book]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/integrity: ok/);
    expect(check.stdout).toContain(`schema: ${LATEST_VERSION} (this app: ${LATEST_VERSION})`);
    expect(Number(/deals: (\d+)/.exec(check.stdout)![1])).toBe(SAMPLE_DEALS.length);
    expect(created.stdout).toContain(`(${SAMPLE_DEALS.length} deals, ${SAMPLE_PARTIES.length} parties)`);
    // The parents the sources support come with it.
    expect(dealbook(['parties', '--book', book]).stdout.split('\r\n')).toContain('SB Energy,energy,SoftBank');
  });

  it('refuses to overwrite an existing book', () => {
    const book = join(dir(), 'a.dealbook');
    expect(dealbook(['new', '--book', book]).code).toBe(0);
    const again = dealbook(['new', '--book', book, '--sample']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('fails clearly on a missing, corrupt or unknown input', () => {
    const d = dir();
    const missing = dealbook(['check', '--book', join(d, 'none.dealbook')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No book at/);
    const junk = join(d, 'junk.dealbook');
    writeFileSync(junk, 'not a database at all, just text that goes on for a while '.repeat(10));
    const corrupt = dealbook(['check', '--book', junk]);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toMatch(/not a deal book/);
    expect(readFileSync(junk, 'utf8')).toMatch(/^not a database/);
    const usage = dealbook(['frobnicate']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Unknown command/);
    expect(dealbook(['new']).stderr).toMatch(/--book is required/);
  });

  it('serves the book on loopback with a token', async () => {
    const book = join(dir(), 's.dealbook');
    dealbook(['new', '--book', book, '--sample']);
    const server = await serve(book);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      const call = (token: string) =>
        fetch(`http://127.0.0.1:${server.port}/api/listDeals`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: '{}',
        });
      const ok = await call(server.token);
      const body = (await ok.json()) as { ok: boolean; value: unknown[] };
      expect(body.ok).toBe(true);
      expect(body.value.length).toBeGreaterThan(10);
      expect((await call('wrong')).status).toBe(401);
      const page = await fetch(`http://127.0.0.1:${server.port}/`);
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(await page.text()).toMatch(/<div id="root">/);

      // Browser mode holds the book like a desktop window: a second window is refused; scripts still work.
      expect(existsSync(`${book}.lock`)).toBe(true);
      await expect(serve(book)).rejects.toThrow(/serve exited 2: .*it is open in Deal book/);
      expect(dealbook(['export', '--book', book]).code).toBe(0);
    } finally {
      server.stop();
    }
    await expect.poll(() => existsSync(`${book}.lock`)).toBe(false);

    // A server that cannot start (its port is taken) gives the book back too.
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    try {
      const busy = dealbook(['serve', '--book', book, '--port', String((taken.address() as AddressInfo).port)]);
      expect(busy.code).toBe(2);
      expect(existsSync(`${book}.lock`)).toBe(false);
    } finally {
      taken.close();
    }
  });
});
