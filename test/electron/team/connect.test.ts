import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/main/app-protocol';
import { hardenWebContents, permissionAllowed, isOwnBlobUrl } from '../../../electron/main/security';
import {
  CONNECT_CSP, CONNECT_URL, connectPage, connectPageFor, connectUrl, createTeamOrigins, parseTeamServerUrl, readConnectSubmit,
} from '../../../electron/main/team-connect';

// File > Connect to Team Book...: the address check, the connect page, and the team windows' navigation allow-list.

describe('a team server address', () => {
  it('takes https to any host and http on this machine only, as an origin', () => {
    for (const [typed, origin] of [
      ['https://deals.example.com:8443', 'https://deals.example.com:8443'],
      ['https://deals.example.com/some/path?x=1', 'https://deals.example.com'],
      ['  deals.example.com  ', 'https://deals.example.com'],
      ['http://127.0.0.1:4000/', 'http://127.0.0.1:4000'],
      ['http://localhost:4000', 'http://localhost:4000'],
      ['http://[::1]:4000', 'http://[::1]:4000'],
    ] as const) {
      const parsed = parseTeamServerUrl(typed);
      expect(parsed, typed).toEqual({ ok: true, server: { origin, url: `${origin}/` } });
    }
  });

  it('refuses anything else with a reason', () => {
    for (const [typed, reason] of [
      ['', /Type the team server's address/],
      ['http://deals.example.com', /Use https:\/\/ for deals\.example\.com/],
      ['http://10.0.0.5:8080', /Use https:\/\//],
      ['http://localhost.evil.example', /Use https:\/\//],
      ['https://alice:secret@deals.example.com', /Leave the name and password out/],
      ['javascript://alert(1)', /over https:\/\/ \(not javascript:\/\/\)/],
      ['file:///etc/passwd', /not file:\/\//],
      ['ftp://deals.example.com', /not ftp:/],
      ['https://deals.example.com/\u0000', /control characters/],
      ['https://exa mple.com', /spaces/],
      ['https://', /not an address/],
    ] as const) {
      const parsed = parseTeamServerUrl(typed);
      expect(parsed.ok, typed).toBe(false);
      if (!parsed.ok) expect(parsed.message, typed).toMatch(reason);
    }
  });
});

describe('the connect page', () => {
  it('is a form without script, posting to a path main reads and cancels, with test ids', () => {
    const html = connectPage(null);
    expect(html).not.toMatch(/<script/i);
    for (const id of ['team-server-url', 'team-connect']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).not.toContain('data-testid="error"');
    expect(html).toContain('action="app://dealbook/connect-team/submit"');
    expect(CONNECT_CSP).toContain("default-src 'none'");
    expect(CONNECT_CSP).not.toMatch(/script-src/);
    expect(readConnectSubmit('app://dealbook/connect-team/submit?server=https%3A%2F%2Fdeals.example.com')).toBe('https://deals.example.com');
    expect(readConnectSubmit('app://dealbook/connect-team/submit')).toBe('');
    for (const other of ['app://dealbook/index.html', 'https://evil.example/connect-team/submit?server=x', 'app://other/connect-team/submit?server=x', 'nonsense']) {
      expect(readConnectSubmit(other), other).toBeNull();
    }
  });

  it('shows a refusal and what was typed, escaped', () => {
    const url = connectUrl({ error: 'Use https:// for <b>x</b>', server: 'http://x"><script>' });
    const html = connectPageFor(url)!;
    expect(html).toMatch(/data-testid="error"[^>]*>Use https:\/\/ for &#60;b&#62;x&#60;\/b&#62;<\/p>/);
    expect(html).toContain('value="http://x&#34;&#62;&#60;script&#62;"');
    expect(html).not.toContain('<script>');
    expect(connectPageFor('app://dealbook/index.html')).toBeNull();
    expect(connectPageFor('https://evil.example/connect-team')).toBeNull();
  });

  it('is answered by the app:// protocol with its own policy; other paths are still files', async () => {
    const handler = createAppProtocolHandler('/nonexistent-renderer-dir', (url) => {
      const html = connectPageFor(url);
      return html ? { html, csp: CONNECT_CSP } : null;
    });
    const page = await handler({ url: CONNECT_URL, method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONNECT_CSP);
    expect(await page.text()).toContain('data-testid="team-server-url"');
    expect((await handler({ url: 'app://dealbook/index.html', method: 'GET' })).status).toBe(404);
    expect((await handler({ url: CONNECT_URL, method: 'POST' })).status).toBe(405);
  });
});

describe('team windows', () => {
  it('navigate within their own server only; every other webContents nowhere', () => {
    const origins = createTeamOrigins();
    origins.allow(7, 'https://deals.example.com:8443');
    const team = Object.assign(new EventEmitter(), { id: 7, setWindowOpenHandler: (h: unknown) => void h });
    const other = Object.assign(new EventEmitter(), { id: 8, setWindowOpenHandler: (h: unknown) => void h });
    for (const c of [team, other]) hardenWebContents(c as unknown as WebContents, (wc, url) => origins.mayNavigate(wc.id, url));
    const prevented = (c: EventEmitter, event: string, url: string, isMainFrame = true) => {
      let stopped = false;
      c.emit(event, { url, isMainFrame, preventDefault: () => (stopped = true) }, url);
      return stopped;
    };
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(prevented(team, event, 'https://deals.example.com:8443/login'), event).toBe(false);
      expect(prevented(team, event, 'https://deals.example.com:8443/?token=abc'), event).toBe(false);
      for (const away of ['https://deals.example.com/login', 'http://deals.example.com:8443/', 'https://evil.example/', 'https://u:p@deals.example.com:8443/', 'app://dealbook/index.html', 'file:///etc/passwd']) {
        expect(prevented(team, event, away), `${event} ${away}`).toBe(true);
      }
      // A subframe of the team page goes nowhere, even on its origin.
      expect(prevented(team, event, 'https://deals.example.com:8443/x', false), event).toBe(true);
      expect(prevented(other, event, 'https://deals.example.com:8443/login'), event).toBe(true);
    }
    expect(prevented(team, 'will-attach-webview', 'https://deals.example.com:8443/')).toBe(true);
    // Closed: its origin is no longer allowed anywhere.
    origins.forget(7);
    expect(prevented(team, 'will-navigate', 'https://deals.example.com:8443/login')).toBe(true);
  });

  it('give the clipboard and blob downloads to their server\'s pages only', () => {
    const origins = createTeamOrigins();
    origins.allow(3, 'https://deals.example.com');
    expect(permissionAllowed('clipboard-sanitized-write', 'https://deals.example.com/', origins.owns)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://evil.example/', origins.owns)).toBe(false);
    expect(permissionAllowed('media', 'https://deals.example.com/', origins.owns)).toBe(false);
    expect(isOwnBlobUrl('blob:https://deals.example.com/1234', origins.owns)).toBe(true);
    expect(isOwnBlobUrl('blob:https://evil.example/1234', origins.owns)).toBe(false);
    expect(isOwnBlobUrl('https://deals.example.com/x.csv', origins.owns)).toBe(false);
  });
});
