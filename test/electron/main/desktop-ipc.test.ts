import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { Result } from '../../../shared/protocol/result';
import type { IpcEventLike } from '../../../electron/transports/ipc';
import { isAppUrl } from '../../../electron/main/app-protocol';
import { registerDesktopIpc, safeFileName, type DesktopDeps } from '../../../electron/main/desktop-ipc';
import { isSafeExternalUrl } from '../../../electron/main/security';
import { DESKTOP_CHANNELS, type DesktopApi as PreloadApi } from '../../../shared/protocol/desktop-api';
import type { DesktopApi as BridgeApi } from '../../../renderer/api/desktop';
import type { ThemeSource } from '../../../shared/protocol/desktop-api';
import { tempBook, tempDir } from '../../helpers/temp-book';
import { dispatch } from '../../../electron/service/dispatch';

type Listener = (event: IpcEventLike, payload: unknown) => unknown;
type Win = { id: number; folder: string };

const { dir, cleanup } = tempDir('dealbook-desktop-');
// The window's book: a real service, as the main process holds it.
const book = await tempBook({ sample: true });
afterAll(() => {
  book.cleanup();
  cleanup();
});

function setup() {
  const handlers = new Map<string, Listener>();
  const ipc = { handle: (c: string, l: Listener) => void handlers.set(c, l), removeHandler: (c: string) => void handlers.delete(c) };
  const log: string[] = [];
  let theme: ThemeSource = 'system';
  const answers = { save: { canceled: false, filePath: join(dir, 'export.csv') } as { canceled: boolean; filePath?: string }, open: { canceled: false, filePaths: [] as string[] } };
  const windows = new Map<number, Win>([[7, { id: 7, folder: dir }]]);
  const deps: DesktopDeps<Win> = {
    windowFor: (event) => (event.sender ? (windows.get(event.sender.id) ?? null) : null),
    folderOf: (w) => w.folder,
    showSaveDialog: async (w, options) => {
      log.push(`save:${w.id}:${options.defaultPath}`);
      return answers.save;
    },
    showOpenDialog: async (w, options) => {
      log.push(`open:${w.id}:${options.defaultPath}`);
      return answers.open;
    },
    openInBrowser: async (url) => void log.push(`external:${url}`),
    exportCsv: (w, request) => {
      log.push(`export:${w.id}`);
      return dispatch(book.service, 'exportCsv', request) as Result<string>;
    },
    getTheme: () => ({ source: theme, dark: theme === 'dark' }),
    setTheme: (source) => {
      theme = source;
      log.push(`theme:${source}`);
      return { source, dark: source === 'dark' };
    },
  };
  registerDesktopIpc(ipc, isAppUrl, deps);
  const own: IpcEventLike = { sender: { id: 7 }, senderFrame: { url: 'app://dealbook/index.html', parent: null } };
  const call = async (event: IpcEventLike, channel: string, payload: unknown) => (await handlers.get(channel)!(event, payload)) as Result<unknown>;
  return { handlers, log, answers, own, call };
}

describe('desktop channels through a fake ipcMain', () => {
  it('registers one handler per invoke channel', () => {
    const { handlers } = setup();
    const invoke = Object.entries(DESKTOP_CHANNELS).filter(([k]) => k !== 'menuCommand' && k !== 'themeChanged').map(([, c]) => c);
    expect([...handlers.keys()].sort()).toEqual(invoke.sort());
  });

  it('refuses foreign senders before any dialog, link or theme change', async () => {
    const { log, call } = setup();
    const foreign: IpcEventLike[] = [
      { sender: { id: 7 }, senderFrame: { url: 'https://evil.example/', parent: null } },
      { sender: { id: 7 }, senderFrame: { url: 'app://dealbook/index.html', parent: {} } },
      { sender: { id: 7 }, senderFrame: null },
      { sender: { id: 8 }, senderFrame: { url: 'app://dealbook/index.html', parent: null } },
    ];
    const payloads: Record<string, unknown> = {
      [DESKTOP_CHANNELS.saveExport]: { suggestedName: 'x.csv' },
      [DESKTOP_CHANNELS.openCsv]: {},
      [DESKTOP_CHANNELS.openExternal]: { url: 'https://example.com/' },
      [DESKTOP_CHANNELS.getTheme]: {},
      [DESKTOP_CHANNELS.setTheme]: { source: 'dark' },
    };
    for (const event of foreign) {
      for (const [channel, payload] of Object.entries(payloads)) {
        expect(await call(event, channel, payload), channel).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
    expect(log).toEqual([]);
  });

  it('validates every payload', async () => {
    const { log, own, call } = setup();
    const bad: [string, unknown][] = [
      [DESKTOP_CHANNELS.saveExport, { text: 'a', suggestedName: 'x' }],
      [DESKTOP_CHANNELS.saveExport, { suggestedName: '' }],
      [DESKTOP_CHANNELS.saveExport, { suggestedName: 'x', path: '/etc/passwd' }],
      [DESKTOP_CHANNELS.saveExport, { suggestedName: 'x', columns: ['id', 'password'] }],
      [DESKTOP_CHANNELS.saveExport, { suggestedName: 'x', ids: [1.5] }],
      [DESKTOP_CHANNELS.openCsv, { path: '/etc/passwd' }],
      [DESKTOP_CHANNELS.openExternal, 'https://example.com'],
      [DESKTOP_CHANNELS.openExternal, { url: 42 }],
      [DESKTOP_CHANNELS.setTheme, { source: 'purple' }],
      [DESKTOP_CHANNELS.getTheme, null],
    ];
    for (const [channel, payload] of bad) {
      expect(await call(own, channel, payload), `${channel} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
    expect(log).toEqual([]);
  });

  it('opens only plain http(s) links outside the app', async () => {
    const { log, own, call } = setup();
    const refused = [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'smb://server/share',
      'ms-settings:',
      'https://bank.example@evil.example/',
      'https://user:pw@example.com/',
      'https://example.com/\nrm -rf',
      'http://',
      'example.com',
      'https://' + 'a'.repeat(3000) + '.com',
    ];
    for (const url of refused) {
      expect(isSafeExternalUrl(url), url).toBe(false);
      expect((await call(own, DESKTOP_CHANNELS.openExternal, { url })).ok, url).toBe(false);
    }
    expect(log).toEqual([]);
    expect(await call(own, DESKTOP_CHANNELS.openExternal, { url: 'https://example.com/deal?id=1' })).toEqual({ ok: true, value: null });
    expect(await call(own, DESKTOP_CHANNELS.openExternal, { url: 'http://example.com/' })).toEqual({ ok: true, value: null });
    expect(log).toEqual(['external:https://example.com/deal?id=1', 'external:http://example.com/']);
  });

  it("saves the book's CSV (the ids and columns asked, under the scenario) where the analyst chose, suggesting a clean name in the book folder", async () => {
    const { log, own, call, answers } = setup();
    const request = { ids: [3, 1], columns: ['id', 'from_party', 'round_trip_ratio'], scenario: 'Base' };
    const saved = await call(own, DESKTOP_CHANNELS.saveExport, { ...request, suggestedName: '../../etc/deals' });
    expect(saved).toEqual({ ok: true, value: { path: join(dir, 'export.csv'), name: 'export.csv' } });
    const written = readFileSync(join(dir, 'export.csv'), 'utf8');
    expect(written).toBe(book.service.exportCsv({ ids: [3, 1], columns: ['id', 'from_party', 'round_trip_ratio'] }));
    // Those columns and those deals, in the order asked.
    expect(written.split('\r\n').slice(0, 3).map((line) => line.split(',')[0])).toEqual(['id', '3', '1']);
    expect(written.split('\r\n')[0]).toBe('id,from_party,round_trip_ratio');
    // The dialog first, then the export (the book as it is when the file is chosen).
    expect(log).toEqual([`save:7:${join(dir, 'deals.csv')}`, 'export:7']);
    answers.save = { canceled: true };
    expect(await call(own, DESKTOP_CHANNELS.saveExport, { suggestedName: 'x' })).toEqual({ ok: true, value: null });
    answers.save = { canceled: false, filePath: join(dir, 'no-such-folder', 'x.csv') };
    expect(await call(own, DESKTOP_CHANNELS.saveExport, { suggestedName: 'x' })).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
    // A refusal of the service (an unknown scenario) is the answer, and no file is written.
    answers.save = { canceled: false, filePath: join(dir, 'refused.csv') };
    expect(await call(own, DESKTOP_CHANNELS.saveExport, { suggestedName: 'x', scenario: 'No such' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(existsSync(join(dir, 'refused.csv'))).toBe(false);
  });

  it('reads the CSV the analyst picked, or nothing when cancelled', async () => {
    const { own, call, answers } = setup();
    const file = join(dir, 'in.csv');
    writeFileSync(file, '\uFEFFannounced,from_party\n2025-01-01,A\n');
    answers.open = { canceled: false, filePaths: [file] };
    // Read as strict UTF-8, byte order mark dropped.
    expect(await call(own, DESKTOP_CHANNELS.openCsv, {})).toEqual({ ok: true, value: { path: file, name: 'in.csv', text: 'announced,from_party\n2025-01-01,A\n', encoding: 'utf-8' } });
    answers.open = { canceled: true, filePaths: [] };
    expect(await call(own, DESKTOP_CHANNELS.openCsv, {})).toEqual({ ok: true, value: null });

    // Windows-1252 (what Excel for Windows saves) is read as such and says so; a byte it leaves undefined is refused
    // with its line, never read with replacement characters.
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.concat([Buffer.from('announced,from_party\n2025-01-01,A\n2025-01-02,Soci'), Buffer.from([0xe9]), Buffer.from('t\n')]));
    answers.open = { canceled: false, filePaths: [latin1] };
    expect(await call(own, DESKTOP_CHANNELS.openCsv, {})).toMatchObject({ ok: true, value: { text: 'announced,from_party\n2025-01-01,A\n2025-01-02,Sociét\n', encoding: 'windows-1252' } });
    writeFileSync(latin1, Buffer.concat([Buffer.from('announced,from_party\n2025-01-01,A\n2025-01-02,Soci'), Buffer.from([0xe9, 0x81]), Buffer.from('t\n')]));
    expect(await call(own, DESKTOP_CHANNELS.openCsv, {})).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringMatching(/^Nothing was imported from latin1\.csv: line 3: file is neither UTF-8 nor Windows-1252/) },
    });
  });

  it('reads and sets the theme', async () => {
    const { own, call, log } = setup();
    expect(await call(own, DESKTOP_CHANNELS.getTheme, {})).toEqual({ ok: true, value: { source: 'system', dark: false } });
    expect(await call(own, DESKTOP_CHANNELS.setTheme, { source: 'dark' })).toEqual({ ok: true, value: { source: 'dark', dark: true } });
    expect(log).toEqual(['theme:dark']);
  });

  it('cleans suggested file names', () => {
    expect(safeFileName('Q3 deals', '.csv')).toBe('Q3 deals.csv');
    expect(safeFileName('deals.CSV', '.csv')).toBe('deals.CSV');
    expect(safeFileName('C:\\Windows\\evil', '.csv')).toBe('evil.csv');
    expect(safeFileName('a<b>:c?*', '.csv')).toBe('a_b__c__.csv');
    expect(safeFileName('...', '.csv')).toBe('deals.csv');
  });

  it('the renderer (renderer/api/desktop.ts) and the preload agree on the API', () => {
    expectTypeOf<BridgeApi>().toEqualTypeOf<PreloadApi>();
  });
});
