import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { decodeCsvBytes } from '../../shared/csv/csv-decode';
import { describeProblem, fail, ok, type Result } from '../../shared/protocol/result';
import { registerChannel, type IpcEventLike, type IpcMainLike } from '../transports/ipc';
import { contract } from '../../shared/protocol/contract';
import { DESKTOP_CHANNELS, THEME_SOURCES, type ExportRequest, type OpenedFile, type SavedFile, type ThemeSource, type ThemeState } from '../../shared/protocol/desktop-api';
import { isSafeExternalUrl } from './security';

const MAX_CSV_BYTES = 512 * 1024 * 1024;

/** What the desktop channels need from Electron, injected so tests can drive them with a fake ipcMain. */
export type DesktopDeps<W> = {
  /** The window the calling page belongs to (null: not one of ours). */
  windowFor: (event: IpcEventLike) => W | null;
  /** Folder to suggest in dialogs: the window's book folder. */
  folderOf: (window: W) => string;
  showSaveDialog: (window: W, options: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] }) => Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog: (window: W, options: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[]; properties: ['openFile'] }) => Promise<{ canceled: boolean; filePaths: string[] }>;
  /** shell.openExternal, called only with a URL isSafeExternalUrl accepted. */
  openInBrowser: (url: string) => Promise<void>;
  /** The window's book as CSV, from its service: contract method exportCsv. */
  exportCsv: (window: W, request: ExportRequest) => Result<string> | Promise<Result<string>>;
  getTheme: () => ThemeState;
  setTheme: (source: ThemeSource) => ThemeState;
};

const empty = z.object({}).strict();
const saveExportInput = contract.exportCsv.input.extend({ suggestedName: z.string().min(1).max(200) }).strict();
const openExternalInput = z.object({ url: z.string().max(2048) }).strict();
const setThemeInput = z.object({ source: z.enum(THEME_SOURCES) }).strict();

const CSV_FILTERS = [
  { name: 'CSV', extensions: ['csv'] },
  { name: 'All files', extensions: ['*'] },
];

/** The channels the preload exposes besides the contract: each checks the sender and validates its payload. */
export function registerDesktopIpc<W>(ipcMain: IpcMainLike, isTrustedUrl: (url: string) => boolean, deps: DesktopDeps<W>): () => void {
  const noWindow = fail('forbidden', 'Caller is not a Deal book window');
  const offs = [
    registerChannel(ipcMain, DESKTOP_CHANNELS.saveExport, saveExportInput, isTrustedUrl, async (event, input): Promise<Result<SavedFile | null>> => {
      const win = deps.windowFor(event);
      if (!win) return noWindow;
      const { suggestedName, ...request } = input;
      const chosen = await deps.showSaveDialog(win, {
        title: 'Export CSV',
        defaultPath: join(deps.folderOf(win), safeFileName(suggestedName, '.csv')),
        filters: CSV_FILTERS,
      });
      if (chosen.canceled || !chosen.filePath) return ok(null);
      // Made once the file is chosen, so it holds the book as it is now, not as it was when the dialog opened.
      const csv = await deps.exportCsv(win, request);
      if (!csv.ok) return csv;
      await writeAtomically(chosen.filePath, csv.value);
      return ok({ path: chosen.filePath, name: basename(chosen.filePath) });
    }),
    registerChannel(ipcMain, DESKTOP_CHANNELS.openCsv, empty, isTrustedUrl, async (event): Promise<Result<OpenedFile | null>> => {
      const win = deps.windowFor(event);
      if (!win) return noWindow;
      const chosen = await deps.showOpenDialog(win, { title: 'Import CSV', defaultPath: deps.folderOf(win), filters: CSV_FILTERS, properties: ['openFile'] });
      const path = chosen.filePaths[0];
      if (chosen.canceled || !path) return ok(null);
      if ((await stat(path)).size > MAX_CSV_BYTES) return fail('io', `${basename(path)} is larger than 512 MB; split it and import the parts.`);
      // The one decoding rule of every door (shared/csv/csv-decode.ts).
      const decoded = decodeCsvBytes(await readFile(path));
      if (!decoded.ok) return fail('validation', `Nothing was imported from ${basename(path)}: ${describeProblem(decoded.problem)}`, [decoded.problem]);
      return ok({ path, name: basename(path), text: decoded.text, encoding: decoded.encoding });
    }),
    registerChannel(ipcMain, DESKTOP_CHANNELS.openExternal, openExternalInput, isTrustedUrl, async (event, { url }): Promise<Result<null>> => {
      if (!deps.windowFor(event)) return noWindow;
      if (!isSafeExternalUrl(url)) return fail('invalid_payload', 'Only http:// and https:// links open outside the app');
      await deps.openInBrowser(url);
      return ok(null);
    }),
    registerChannel(ipcMain, DESKTOP_CHANNELS.getTheme, empty, isTrustedUrl, (event): Result<ThemeState> =>
      deps.windowFor(event) ? ok(deps.getTheme()) : noWindow,
    ),
    registerChannel(ipcMain, DESKTOP_CHANNELS.setTheme, setThemeInput, isTrustedUrl, (event, { source }): Result<ThemeState> =>
      deps.windowFor(event) ? ok(deps.setTheme(source)) : noWindow,
    ),
  ];
  return () => offs.forEach((off) => off());
}

/** A suggested name is only a name: no folders, no characters Windows refuses, always the extension. */
export function safeFileName(name: string, ext: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 120);
  const stem = cleaned || 'deals';
  return stem.toLowerCase().endsWith(ext) ? stem : stem + ext;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temp, text, 'utf8');
  await rename(temp, path);
}
