import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/temp-book';

/**
 * The built main process (out/main/index.js) started against a recording stand-in for the electron module:
 * the real wiring (protocol, session, IPC, windows, menu, books, locks) over a real book, without the Electron
 * binary this machine cannot download. What Electron itself does is the e2e test's job.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { dir, cleanup } = tempDir('dealbook-main-');
const userData = join(dir, 'user-data');
const PAGE = 'app://dealbook/index.html';

const fake = vi.hoisted(() => {
  // vi.hoisted runs before imports exist, so node:events comes in through require.
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const calls: string[] = [];
  const paths = new Map<string, string>();
  let nextId = 1;
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    setName: (n: string) => calls.push(`setName:${n}`),
    setPath: (k: string, v: string) => void paths.set(k, v),
    getPath: (k: string) => paths.get(k) ?? paths.get('userData')!,
    getAppPath: () => process.cwd(),
    getVersion: () => '0.0.0-test',
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    addRecentDocument: (p: string) => calls.push(`recent:${p}`),
    clearRecentDocuments: () => calls.push('clearRecent'),
    setAboutPanelOptions: () => undefined,
    showAboutPanel: () => calls.push('about'),
    quit: () => calls.push('quit'),
  });
  class FakeWebContents extends Emitter {
    id = nextId++;
    sent: [string, unknown][] = [];
    openHandler: ((d: { url: string }) => unknown) | null = null;
    send(channel: string, value: unknown) {
      this.sent.push([channel, value]);
    }
    setWindowOpenHandler(h: (d: { url: string }) => unknown) {
      this.openHandler = h;
    }
  }
  class FakeWindow extends Emitter {
    webContents = new FakeWebContents();
    url = '';
    focused = 0;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getFocusedWindow = () => windows.at(-1) ?? null;
    static getAllWindows = () => windows;
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    isMinimized = () => false;
    restore = () => undefined;
    focus = () => void this.focused++;
    show = () => undefined;
    maximize = () => undefined;
    isMaximized = () => false;
    getBounds = () => ({ x: 10, y: 20, width: 1200, height: 800 });
    getNormalBounds = () => ({ x: 10, y: 20, width: 1200, height: 800 });
    setRepresentedFilename = () => undefined;
  }
  const windows: FakeWindow[] = [];
  const session = Object.assign(new Emitter(), {
    handlers: {} as Record<string, unknown>,
    setPermissionRequestHandler(h: unknown) {
      this.handlers.request = h;
    },
    setPermissionCheckHandler(h: unknown) {
      this.handlers.check = h;
    },
    setDevicePermissionHandler(h: unknown) {
      this.handlers.device = h;
    },
  });
  const ipcHandlers = new Map<string, (event: unknown, payload: unknown) => unknown>();
  const menus: unknown[][] = [];
  const schemes: unknown[] = [];
  const protocolHandlers = new Map<string, (r: { url: string; method: string }) => Promise<Response>>();
  const nativeTheme = Object.assign(new Emitter(), { themeSource: 'system' });
  // A getter, as in Electron (Object.assign would copy its value once).
  Object.defineProperty(nativeTheme, 'shouldUseDarkColors', { get: () => nativeTheme.themeSource === 'dark' });
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (c: string, l: (e: unknown, p: unknown) => unknown) => void ipcHandlers.set(c, l), removeHandler: (c: string) => void ipcHandlers.delete(c) },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => void schemes.push(...s),
      handle: (scheme: string, h: (r: { url: string; method: string }) => Promise<Response>) => void protocolHandlers.set(scheme, h),
    },
    session: { defaultSession: session },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    dialog: {
      showErrorBox: (title: string, message: string) => calls.push(`error:${title}:${message}`),
      showMessageBox: () => Promise.resolve({ response: 0 }),
      showSaveDialog: () => Promise.resolve({ canceled: true }),
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    },
    Menu: { buildFromTemplate: (t: unknown[]) => t, setApplicationMenu: (m: unknown[]) => void menus.push(m) },
    nativeTheme,
    shell: { openExternal: (u: string) => Promise.resolve(void calls.push(`external:${u}`)), showItemInFolder: (p: string) => calls.push(`folder:${p}`) },
  };
  return { electron, calls, windows, ipcHandlers, menus, schemes, protocolHandlers, session, nativeTheme, app };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

type Result = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
const own = () => ({ sender: fake.windows[0]!.webContents, senderFrame: { url: PAGE, parent: null } });
const invoke = async (channel: string, payload: unknown, event: unknown = own()) => (await fake.ipcHandlers.get(channel)!(event, payload)) as Result;
type MenuItem = { label?: string; role?: string; submenu?: MenuItem[]; click?: () => void };
const lastMenu = () => fake.menus.at(-1) as MenuItem[];
const find = (label: string) => lastMenu().flatMap((m) => m.submenu ?? []).find((i) => i.label?.startsWith(label));

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) throw new Error('out/main/index.js is missing: run npm run build first');
  process.env.DEALBOOK_USER_DATA = userData;
  await import(pathToFileURL(join(ROOT, 'out', 'main', 'index.js')).href);
  // On failure, the calls say why (an error dialog, say).
  await vi.waitFor(() => expect(fake.windows, fake.calls.join('\n')).toHaveLength(1), { timeout: 10_000 });
}, 30_000);

afterAll(() => {
  for (const w of fake.windows) w.emit('closed');
  delete process.env.DEALBOOK_USER_DATA;
  cleanup();
});

describe('the main process, started', () => {
  it('registers the app scheme before ready and locks the session down', () => {
    expect(fake.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(fake.protocolHandlers.has('app')).toBe(true);
    expect(Object.keys(fake.session.handlers).sort()).toEqual(['check', 'device', 'request']);
    expect(fake.session.listenerCount('will-download')).toBe(1);
    expect(fake.calls).toContain('setName:Deal book');
  });

  it('opens the default book, created with the sample deals, in a hardened window titled with its name', () => {
    const win = fake.windows[0]!;
    const book = join(userData, 'deal-book.dealbook');
    expect(existsSync(book)).toBe(true);
    expect(existsSync(`${book}.lock`)).toBe(true);
    expect(win.options.title).toBe('deal-book');
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: expect.stringMatching(/preload[\\/]index\.cjs$/) });
    expect(win.url).toBe(PAGE);
    expect(win.webContents.listenerCount('will-navigate')).toBe(1);
    expect(win.webContents.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(fake.calls).toContain(`recent:${book}`);
    expect(fake.calls.filter((c) => c.startsWith('error:'))).toEqual([]);
  });

  it('serves the built renderer over app:// with the CSP', async () => {
    const page = await fake.protocolHandlers.get('app')!({ url: PAGE, method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self'; script-src 'self'/);
  });

  it("answers the window's contract calls from its own book, and nobody else's", async () => {
    const list = await invoke('dealbook:listDeals', {});
    expect(list.ok).toBe(true);
    expect((list.value as unknown[]).length).toBeGreaterThan(5);
    expect(await invoke('dealbook:listDeals', {}, { sender: { id: 999 }, senderFrame: { url: PAGE, parent: null } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await invoke('dealbook:listDeals', {}, { sender: fake.windows[0]!.webContents, senderFrame: { url: 'https://evil.example/', parent: null } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await invoke('dealbook:deleteDeals', { ids: 'all' })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  });

  it('relabels Undo after an edit and sends menu commands to the focused window', async () => {
    const first = ((await invoke('dealbook:listDeals', {})).value as { id: number }[])[0]!;
    expect(await invoke('dealbook:updateDeal', { id: first.id, changes: { notes: 'edited in the test' } })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(find('Undo')?.label).toBe('Undo Edit notes'), { timeout: 2000 });
    find('Add Deal')!.click!();
    find('Export CSV')!.click!();
    expect(fake.windows[0]!.webContents.sent).toEqual([
      ['dealbook-desktop:menu-command', 'add-deal'],
      ['dealbook-desktop:menu-command', 'export-csv'],
    ]);
  });

  it('switches the theme, remembers it and tells the windows', async () => {
    expect(await invoke('dealbook-desktop:set-theme', { source: 'dark' })).toEqual({ ok: true, value: { source: 'dark', dark: true } });
    expect(fake.nativeTheme.themeSource).toBe('dark');
    expect(JSON.parse(readFileSync(join(userData, 'preferences.json'), 'utf8'))).toEqual({ themeSource: 'dark' });
    expect(fake.windows[0]!.webContents.sent.at(-1)).toEqual(['dealbook-desktop:theme-changed', { source: 'dark', dark: true }]);
  });

  it('opens links only after checking them', async () => {
    expect(await invoke('dealbook-desktop:open-external', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false });
    expect(await invoke('dealbook-desktop:open-external', { url: 'https://example.com/a' })).toEqual({ ok: true, value: null });
    expect(fake.calls.filter((c) => c.startsWith('external:'))).toEqual(['external:https://example.com/a']);
  });

  it('focuses the open window when the same book is opened again', async () => {
    const book = join(userData, 'deal-book.dealbook');
    fake.app.emit('second-instance', {}, ['/usr/bin/electron', ROOT, book]);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]!.focused).toBeGreaterThan(0);
  });

  it('remembers the window, closes the book and releases its lock when the window closes', async () => {
    const win = fake.windows[0]!;
    const book = join(userData, 'deal-book.dealbook');
    win.emit('close');
    win.emit('closed');
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({ bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: false });
    expect(existsSync(`${book}.lock`)).toBe(false);
    expect(await invoke('dealbook:listDeals', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    fake.app.emit('window-all-closed');
    if (process.platform !== 'darwin') expect(fake.calls).toContain('quit');
    expect(JSON.parse(readFileSync(join(userData, 'recent-books.json'), 'utf8'))).toEqual({ books: [book] });
  });
});
