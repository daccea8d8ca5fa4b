import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/protocol/contract';
import { hardenSession, hardenWebContents, isOwnBlobUrl, permissionAllowed, trustedDevOrigin } from '../../../electron/main/security';
import { BOOK_EVENT_CHANNEL, DESKTOP_CHANNELS } from '../../../shared/protocol/desktop-api';

const OUT = fileURLToPath(new URL('../../../out', import.meta.url));

function built(path: string): string {
  const file = join(OUT, path);
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  return readFileSync(file, 'utf8');
}

/** The main bundle and its chunks: what actually runs. */
function mainBundle(): string {
  const chunks = existsSync(join(OUT, 'main', 'chunks')) ? readdirSync(join(OUT, 'main', 'chunks')).map((f) => built(`main/chunks/${f}`)) : [];
  return [built('main/index.js'), ...chunks].join('\n');
}

describe('the built main process', () => {
  const main = mainBundle();

  it('creates windows only with the locked-down webPreferences', () => {
    // The book windows, the connect dialog and the team windows (electron/main/team-windows.ts).
    const windows = [...main.matchAll(/new BrowserWindow\(\{([\s\S]*?)\n {4}\}\);/g)].map((m) => m[1]!);
    expect(windows).toHaveLength(3);
    for (const prefs of windows) for (const setting of [
      'contextIsolation: true',
      'sandbox: true',
      'nodeIntegration: false',
      'nodeIntegrationInWorker: false',
      'nodeIntegrationInSubFrames: false',
      'webSecurity: true',
      'allowRunningInsecureContent: false',
      'webviewTag: false',
      'experimentalFeatures: false',
    ]) {
      expect(prefs, setting).toContain(setting);
    }
    for (const bad of [/nodeIntegration\w*: true/, /contextIsolation: false/, /sandbox: false/, /webSecurity: false/, /allowRunningInsecureContent: true/, /webviewTag: true/, /enableBlinkFeatures/, /enableRemoteModule/]) {
      expect(main).not.toMatch(bad);
    }
  });

  it('hardens every webContents and the session, and serves the app from its own scheme', () => {
    // Navigation is refused unless the team windows' allow-list (their own server's origin) says otherwise.
    expect(main).toMatch(/app\.on\("web-contents-created", \(_event, contents\) => hardenWebContents\(contents, \(c, url\) => teamOrigins\.mayNavigate\(c\.id, url\)\)\)/);
    expect(main).toContain('contents.on("will-navigate", (event, url) => void (allowed(event, url) || event.preventDefault()))');
    expect(main).toContain('contents.on("will-frame-navigate", (event) => void (allowed(event, event.url) || event.preventDefault()))');
    expect(main).toMatch(/trustedDevOrigin\(process\.env\.ELECTRON_RENDERER_URL, app\.isPackaged\)/);
    expect(main).toContain('contents.setWindowOpenHandler(() => ({ action: "deny" }))');
    expect(main).toContain('hardenSession(session.defaultSession)');
    expect(main).toMatch(/setPermissionRequestHandler\(/);
    expect(main).toMatch(/setPermissionCheckHandler\(/);
    expect(main).toMatch(/protocol\.registerSchemesAsPrivileged\(/);
    expect(main).toMatch(/protocol\.handle\(APP_SCHEME, createAppProtocolHandler\(/);
    // Nothing remote is ever loaded, and no file:// page either.
    expect(main).not.toMatch(/loadURL\(\s*["'`]https?:/);
    expect(main).not.toMatch(/loadFile\(/);
  });

  it('registers IPC only through the checked adapters', () => {
    const handles = [...main.matchAll(/(\w+)\.handle\(/g)].map((m) => m[1]);
    // registerIpc, registerChannel, and protocol.handle for app://.
    expect(handles.sort()).toEqual(['ipcMain2', 'ipcMain2', 'protocol']);
    const bodies = [...main.matchAll(/ipcMain2\.handle\([^\n]*\n([^\n]*)\n/g)].map((m) => m[1]);
    // One per adapter; without the count, a bundle where the pattern no longer matched would check nothing.
    expect(bodies).toHaveLength(2);
    for (const body of bodies) expect(body).toContain('if (!isTrustedSender(event, isTrustedUrl)) return FORBIDDEN;');
    expect(main).not.toMatch(/ipcMain\.on\(|ipcMain\.once\(|sendSync/);
  });

  it('opens external links only after checking them', () => {
    expect(main.match(/shell\.openExternal\(/g)).toHaveLength(1);
    expect(main).toMatch(/if \(!isSafeExternalUrl\(url\)\) return fail\([^)]*\);\s*await deps\.openInBrowser\(url\);/);
  });
});

describe('the built preload', () => {
  /** Run the real bundle against a recording electron module. */
  function loadPreload() {
    const exposed = new Map<string, unknown>();
    const invoked: [string, unknown][] = [];
    const ipcRenderer = Object.assign(new EventEmitter(), {
      invoke: (channel: string, payload: unknown) => {
        invoked.push([channel, payload]);
        return Promise.resolve({ ok: true, value: null });
      },
    });
    const required: string[] = [];
    const fakeRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`preload required ${name}`);
      return { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer };
    };
    const module = { exports: {} };
    runInNewContext(built('preload/index.cjs'), { require: fakeRequire, module, exports: module.exports, Object, Promise, console });
    return { exposed, invoked, ipcRenderer, required };
  }

  it('requires nothing but electron and exposes two objects of named functions', () => {
    const { exposed, required } = loadPreload();
    expect([...new Set(required)]).toEqual(['electron']);
    expect([...exposed.keys()].sort()).toEqual(['dealbook', 'dealbookDesktop']);
    for (const api of exposed.values()) {
      for (const [name, value] of Object.entries(api as object)) expect(typeof value, name).toBe('function');
    }
    expect(Object.keys(exposed.get('dealbook') as object).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(exposed.get('dealbookDesktop') as object).sort()).toEqual(
      ['getTheme', 'onBookEvent', 'onMenuCommand', 'onThemeChange', 'openCsv', 'openExternal', 'saveExport', 'setTheme'],
    );
    const text = built('preload/index.cjs');
    expect(text).not.toMatch(/exposeInMainWorld\([^,]+,\s*(electron\.)?ipcRenderer\)/);
  });

  it('sends each call on its fixed channel and nowhere else', async () => {
    const { exposed, invoked } = loadPreload();
    const client = exposed.get('dealbook') as Record<string, (input: unknown) => Promise<unknown>>;
    for (const m of METHOD_NAMES) await client[m]!({ probe: m });
    expect(invoked).toEqual(METHOD_NAMES.map((m) => [`dealbook:${m}`, { probe: m }]));
    invoked.length = 0;
    const desktop = exposed.get('dealbookDesktop') as Record<string, (input?: unknown) => Promise<unknown>>;
    await desktop.saveExport!({ ids: [1], suggestedName: 'b' });
    await desktop.openCsv!('ignored');
    await desktop.openExternal!('https://example.com/');
    await desktop.getTheme!();
    await desktop.setTheme!('dark');
    expect(invoked).toEqual([
      [DESKTOP_CHANNELS.saveExport, { ids: [1], suggestedName: 'b' }],
      [DESKTOP_CHANNELS.openCsv, {}],
      [DESKTOP_CHANNELS.openExternal, { url: 'https://example.com/' }],
      [DESKTOP_CHANNELS.getTheme, {}],
      [DESKTOP_CHANNELS.setTheme, { source: 'dark' }],
    ]);
  });

  it('passes menu commands and theme changes on without the event object, and only known values', () => {
    const { exposed, ipcRenderer } = loadPreload();
    const desktop = exposed.get('dealbookDesktop') as {
      onMenuCommand: (l: (...args: unknown[]) => void) => () => void;
      onThemeChange: (l: (...args: unknown[]) => void) => () => void;
    };
    const got: unknown[][] = [];
    const off = desktop.onMenuCommand((...args) => got.push(args));
    const offTheme = desktop.onThemeChange((...args) => got.push(args));
    const event = { sender: ipcRenderer, ports: [] };
    ipcRenderer.emit(DESKTOP_CHANNELS.menuCommand, event, 'undo');
    ipcRenderer.emit(DESKTOP_CHANNELS.menuCommand, event, 'rm -rf');
    ipcRenderer.emit(DESKTOP_CHANNELS.menuCommand, event, 'toString');
    ipcRenderer.emit(DESKTOP_CHANNELS.themeChanged, event, { source: 'dark', dark: true });
    ipcRenderer.emit(DESKTOP_CHANNELS.themeChanged, event, { source: 'neon', dark: true });
    expect(got).toEqual([['undo'], [{ source: 'dark', dark: true }]]);
    off();
    offTheme();
    ipcRenderer.emit(DESKTOP_CHANNELS.menuCommand, event, 'redo');
    expect(got).toHaveLength(2);
    expect(ipcRenderer.listenerCount(DESKTOP_CHANNELS.menuCommand)).toBe(0);
  });

  it("passes the book's change events on without the event object, and only event-shaped values", () => {
    const { exposed, ipcRenderer } = loadPreload();
    const desktop = exposed.get('dealbookDesktop') as { onBookEvent: (l: (...args: unknown[]) => void) => () => void };
    const got: unknown[][] = [];
    const off = desktop.onBookEvent((...args) => got.push(args));
    const event = { sender: ipcRenderer, ports: [] };
    const bookEvent = { stream: 's', seq: 3, changed: [], deleted: [], label: 'Edit notes' };
    ipcRenderer.emit(BOOK_EVENT_CHANNEL, event, bookEvent);
    ipcRenderer.emit(BOOK_EVENT_CHANNEL, event, { seq: 'x' });
    ipcRenderer.emit(BOOK_EVENT_CHANNEL, event, null);
    expect(got).toEqual([[bookEvent]]);
    off();
    expect(ipcRenderer.listenerCount(BOOK_EVENT_CHANNEL)).toBe(0);
  });
});

describe('the hardening functions', () => {
  it('block navigation, redirects, webviews and new windows', () => {
    const contents = new EventEmitter() as EventEmitter & { openHandler?: (d: { url: string }) => unknown; setWindowOpenHandler: (h: (d: { url: string }) => unknown) => void };
    contents.setWindowOpenHandler = (h) => (contents.openHandler = h);
    hardenWebContents(contents as unknown as WebContents);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      contents.emit(event, { preventDefault: () => (prevented = true) }, 'https://evil.example/');
      expect(prevented, event).toBe(true);
    }
    for (const url of ['https://example.com/', 'app://dealbook/index.html', 'file:///etc/passwd']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
  });

  it('trust the dev server only in an unpackaged run, and only on loopback', () => {
    expect(trustedDevOrigin('http://localhost:5173/', false)).toBe('http://localhost:5173');
    expect(trustedDevOrigin('http://127.0.0.1:5173/index.html', false)).toBe('http://127.0.0.1:5173');
    expect(trustedDevOrigin('http://[::1]:5173/', false)).toBe('http://[::1]:5173');
    expect(trustedDevOrigin('http://localhost:5173/', true)).toBeNull();
    for (const url of [
      'https://evil.example/',
      'http://localhost.evil.example:5173/',
      'http://127.0.0.1.nip.io:5173/',
      'http://user:pw@localhost:5173/',
      'http://10.0.0.5:5173/',
      'file:///tmp/index.html',
      'javascript:alert(1)',
      'not a url',
      '',
      undefined,
    ]) {
      expect(trustedDevOrigin(url, false), String(url)).toBeNull();
    }
  });

  it('deny every permission but clipboard writes from our own page, and foreign downloads', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = Object.assign(new EventEmitter(), {
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      setDevicePermissionHandler: (h: never) => (handlers.device = h),
    });
    hardenSession(session as unknown as Session);
    const request = handlers.request as unknown as (c: null, p: string, cb: (ok: boolean) => void, d: { requestingUrl: string }) => void;
    const check = handlers.check as unknown as (c: null, p: string, origin: string) => boolean;
    const answers: [string, string, boolean][] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'midiSysex', 'clipboard-sanitized-write']) {
      for (const origin of ['app://dealbook/index.html', 'https://evil.example/']) {
        request(null, permission, (ok) => answers.push([permission, origin, ok]), { requestingUrl: origin });
        expect(check(null, permission, origin)).toBe(permission === 'clipboard-sanitized-write' && origin.startsWith('app:'));
      }
    }
    expect(answers.filter(([, , ok]) => ok)).toEqual([['clipboard-sanitized-write', 'app://dealbook/index.html', true]]);
    expect((handlers.device as unknown as () => boolean)()).toBe(false);
    expect(permissionAllowed('clipboard-sanitized-write', undefined)).toBe(false);

    for (const [url, allowed] of [
      ['blob:app://dealbook/1234-5678', true],
      ['https://evil.example/payload.exe', false],
      ['blob:https://evil.example/1', false],
    ] as const) {
      let prevented = false;
      session.emit('will-download', { preventDefault: () => (prevented = true) }, { getURL: () => url });
      expect(prevented, url).toBe(!allowed);
      expect(isOwnBlobUrl(url)).toBe(allowed);
    }
  });
});
