import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, createAppProtocolHandler, isAppUrl, resolveAppFile } from '../../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/transports/csp';
import { tempDir } from '../../helpers/temp-book';

const { dir, cleanup } = tempDir('dealbook-proto-');
const root = join(dir, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Deal book</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
symlinkSync(join(dir, 'secret.txt'), join(root, 'leak.txt'));
symlinkSync('/etc', join(root, 'etc'));
symlinkSync(join(root, 'assets', 'app.js'), join(root, 'alias.js'));
execFileSync('mkfifo', [join(root, 'pipe.js')]);
afterAll(cleanup);

describe('the app:// scheme', () => {
  it('recognises only our own origin', () => {
    expect(isAppUrl(APP_INDEX_URL)).toBe(true);
    expect(isAppUrl('app://dealbook/assets/x.js')).toBe(true);
    for (const url of ['app://evil/index.html', 'app://dealbook.evil/', 'https://dealbook/', 'file:///index.html', 'app://user:pw@dealbook/', 'not a url', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('maps URLs to files under the renderer folder and nothing outside it', () => {
    expect(resolveAppFile('app://dealbook/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://dealbook/assets/app.js?x=1#y', root)).toBe(join(root, 'assets', 'app.js'));
    for (const url of [
      'app://dealbook/../secret.txt',
      'app://dealbook/%2e%2e/secret.txt',
      'app://dealbook/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://dealbook/..%5csecret.txt',
      'app://dealbook/%00index.html',
      'app://dealbook/%E0%A4%A',
      'app://other/index.html',
    ]) {
      const file = resolveAppFile(url, root);
      expect(file === null || file.startsWith(root + '/'), `${url} -> ${file}`).toBe(true);
      expect(file).not.toBe(join(dir, 'secret.txt'));
    }
  });

  it('serves our files with the CSP and refuses the rest', async () => {
    const handle = createAppProtocolHandler(root);
    const page = await handle({ url: APP_INDEX_URL, method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('Deal book');
    const script = await handle({ url: 'app://dealbook/assets/app.js', method: 'GET' });
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await handle({ url: 'app://dealbook/%2e%2e/secret.txt', method: 'GET' })).status).toBe(404);
    expect((await handle({ url: 'app://dealbook/missing.js', method: 'GET' })).status).toBe(404);
    expect((await handle({ url: 'app://evil/index.html', method: 'GET' })).status).toBe(404);
    expect((await handle({ url: APP_INDEX_URL, method: 'POST' })).status).toBe(405);
  });

  it('serves only regular files whose real path is inside the renderer folder: no links out, no FIFOs', async () => {
    const handle = createAppProtocolHandler(root);
    expect(await (await handle({ url: 'app://dealbook/alias.js', method: 'GET' })).text()).toBe('console.log(1)');
    for (const path of ['leak.txt', 'etc/passwd', 'etc/hostname', 'pipe.js', 'assets']) {
      const reply = await handle({ url: `app://dealbook/${path}`, method: 'GET' });
      expect(reply.status, path).toBe(404);
      expect(await reply.text()).toBe('Not found');
    }
  });

  it('sends the strict policy: no inline or eval scripts, nothing from elsewhere', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});
