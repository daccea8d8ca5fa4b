import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from '../../helpers/fake-electron';
import { tempDir } from '../../helpers/temp-book';
import { SAMPLE_DEALS, SAMPLE_PARTIES } from '../../../shared/model/sample-book';

/**
 * The built main process (out/main/index.js) started against a recording stand-in for the electron module:
 * the real wiring (protocol, session, IPC, windows, menu, books, locks) over a real book, without the Electron
 * binary this machine cannot download. What Electron itself does is the e2e test's job.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const { dir, cleanup } = tempDir('dealbook-main-');
const userData = join(dir, 'user-data');
const PAGE = 'app://dealbook/index.html';

vi.mock('electron', async () => {
  const { fake } = await import('../../helpers/fake-electron');
  return { ...fake.electron, default: fake.electron };
});

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

  it('fills that first book with the whole sample: every sample deal, and the parents its sources support', async () => {
    const deals = await invoke('dealbook:listDeals', {});
    expect((deals.value as unknown[]).length).toBe(SAMPLE_DEALS.length);
    const parties = (await invoke('dealbook:listParties', {})).value as { name: string; parent: string | null }[];
    expect(parties.filter((p) => p.parent).map((p) => [p.name, p.parent])).toEqual(SAMPLE_PARTIES.filter((p) => p.parent).map((p) => [p.name, p.parent]));
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
    expect(fake.windows[0]!.webContents.sent.filter(([channel]) => channel !== 'dealbook-push:event')).toEqual([
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
