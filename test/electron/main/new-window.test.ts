import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BookEvent } from '../../../shared/protocol/contract';
import { BOOK_EVENT_CHANNEL } from '../../../shared/protocol/desktop-api';
import { fake, type FakeWindow } from '../../helpers/fake-electron';
import { tempDir } from '../../helpers/temp-book';

/**
 * File > New Window, through the built main process and the recording electron stand-in (as main-bootstrap):
 * two windows on one book, each reaching the book through its own webContents, both told every step.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const { dir, cleanup } = tempDir('dealbook-new-window-');
const userData = join(dir, 'user-data');
const BOOK = join(userData, 'deal-book.dealbook');
const PAGE = 'app://dealbook/index.html';

vi.mock('electron', async () => {
  const { fake } = await import('../../helpers/fake-electron');
  return { ...fake.electron, default: fake.electron };
});

type Result = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
type MenuItem = { label?: string; submenu?: MenuItem[]; click?: () => void; enabled?: boolean };
const invoke = async (from: FakeWindow, method: string, payload: unknown) =>
  (await fake.ipcHandlers.get(`dealbook:${method}`)!({ sender: from.webContents, senderFrame: { url: PAGE, parent: null } }, payload)) as Result;
const menuItem = (label: string) => (fake.menus.at(-1) as MenuItem[]).flatMap((m) => m.submenu ?? []).find((i) => i.label === label);
const pushed = (w: FakeWindow) => w.webContents.sent.filter(([channel]) => channel === BOOK_EVENT_CHANNEL).map(([, event]) => event as BookEvent);

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) throw new Error('out/main/index.js is missing: run npm run build first');
  process.env.DEALBOOK_USER_DATA = userData;
  await import(pathToFileURL(join(ROOT, 'out', 'main', 'index.js')).href);
  await vi.waitFor(() => expect(fake.windows, fake.calls.join('\n')).toHaveLength(1), { timeout: 10_000 });
}, 30_000);

afterAll(() => {
  for (const w of fake.windows) if (!w.webContents.destroyed) w.close();
  delete process.env.DEALBOOK_USER_DATA;
  cleanup();
});

describe('File > New Window', () => {
  it('opens a second window on the same book, and both receive the event of an edit made in either', async () => {
    const [first] = fake.windows;
    await vi.waitFor(() => expect(menuItem('New Window')?.enabled).not.toBe(false));
    menuItem('New Window')!.click!();
    expect(fake.windows).toHaveLength(2);
    const second = fake.windows[1]!;
    expect(second.options.title).toBe('deal-book');
    expect(second.url).toBe(PAGE);
    // Cascaded, not stacked exactly on the first.
    expect([second.options.x, second.options.y]).not.toEqual([first!.options.x, first!.options.y]);

    // The same book, not a copy: what one window adds, the other lists.
    const added = await invoke(first!, 'addDeal', { values: { announced: '2026-03-02', from_party: 'Fund A', to_party: 'Lab B', kind: 'investment' } });
    expect(added).toMatchObject({ ok: true });
    const id = (added.value as { id: number }).id;
    const listed = await invoke(second, 'listDeals', {});
    expect((listed.value as { id: number }[]).some((d) => d.id === id)).toBe(true);
    expect(await invoke(second, 'updateDeal', { id, changes: { notes: 'from the second window' } })).toMatchObject({ ok: true });

    for (const w of [first!, second]) {
      expect(pushed(w).map((e) => [e.by, e.label])).toEqual([
        [`window:${first!.webContents.id}`, 'Add deal'],
        [`window:${second.webContents.id}`, 'Edit notes'],
      ]);
    }
    await vi.waitFor(() => expect(menuItem('Undo Edit notes')).toBeDefined(), { timeout: 2000 });
  });

  it('closing one window leaves the other working and the book open', async () => {
    const [first, second] = fake.windows as [FakeWindow, FakeWindow];
    first.close();
    expect(existsSync(`${BOOK}.lock`)).toBe(true);
    expect(fake.calls).not.toContain('quit');
    expect(await invoke(first, 'listDeals', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const before = pushed(second).length;
    const deals = (await invoke(second, 'listDeals', {})).value as { id: number }[];
    expect(await invoke(second, 'updateDeal', { id: deals[0]!.id, changes: { notes: 'after the first closed' } })).toMatchObject({ ok: true });
    expect(pushed(second).slice(before).map((e) => e.label)).toEqual(['Edit notes']);
    expect(pushed(first)).toHaveLength(2);
    // The menu now acts on the window left.
    menuItem('Add Deal')!.click!();
    expect(second.webContents.sent.at(-1)).toEqual(['dealbook-desktop:menu-command', 'add-deal']);

    second.close();
    expect(existsSync(`${BOOK}.lock`)).toBe(false);
  });
});
