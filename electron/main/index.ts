import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { app, dialog, ipcMain, Menu, nativeTheme, protocol, session, shell } from 'electron';
import { registerIpc } from '../transports/ipc';
import { dispatch } from '../service/dispatch';
import type { Result } from '../../shared/protocol/result';
import { DESKTOP_CHANNELS, type MenuCommand, type ThemeState } from '../../shared/protocol/desktop-api';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, isAppUrl } from './app-protocol';
import { createBookWindows, type BookWindows } from './book-windows';
import { registerDesktopIpc } from './desktop-ipc';
import { createFileActions } from './file-actions';
import { buildMenuTemplate } from './menu';
import { bookArgs, defaultBookPath, electronNativeBinding, stateFile } from './paths';
import { createRecentBooks } from './recent-books';
import { hardenSession, hardenWebContents, trustedDevOrigin } from './security';
import { createTheme } from './theme';
import { CONNECT_CSP, connectPageFor, createTeamOrigins } from './team-connect';
import { createTeamWindows } from './team-windows';

const APP_NAME = 'Deal book';

// Before ready: the scheme, the name (it names the userData folder) and a test's private profile.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
app.setName(APP_NAME);
if (process.env.DEALBOOK_USER_DATA) app.setPath('userData', resolve(process.env.DEALBOOK_USER_DATA));

// Every webContents, whoever creates it, is locked down before it can load anything. Only a team window may
// navigate, and only within its own server's origin (team-connect.ts).
const teamOrigins = createTeamOrigins();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (c, url) => teamOrigins.mayNavigate(c.id, url)));

// One app process per profile: a second launch hands its books to this one.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const pendingFiles: string[] = [];
  let openFile: (path: string) => void = (path) => void pendingFiles.push(path);
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFile(path);
  });
  app.whenReady().then(() => start(pendingFiles, (fn) => (openFile = fn)));
}

async function start(pendingFiles: string[], setOpenFile: (fn: (path: string) => void) => void): Promise<void> {
  const userData = app.getPath('userData');
  // A fresh profile (or DEALBOOK_USER_DATA) may not exist yet; the default book and the state files live here.
  mkdirSync(userData, { recursive: true });
  const rendererDir = join(import.meta.dirname, '../renderer');
  // electron-vite dev serves the renderer over http with hot reload; everything else loads our own scheme.
  const devOrigin = trustedDevOrigin(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
  const devUrl = devOrigin ? process.env.ELECTRON_RENDERER_URL : undefined;
  const isTrustedUrl = (url: string) => isAppUrl(url) || (devOrigin !== null && url.startsWith(devOrigin + '/'));

  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, (url) => {
    const html = connectPageFor(url);
    return html ? { html, csp: CONNECT_CSP } : null;
  }));
  hardenSession(session.defaultSession);

  // Menu rebuilds are batched: a paste or an import would otherwise rebuild it per call.
  let menuTimer: NodeJS.Timeout | null = null;
  const refreshMenu = () => {
    if (menuTimer) return;
    menuTimer = setTimeout(() => {
      menuTimer = null;
      rebuildMenu();
    }, 30);
  };

  const recent = createRecentBooks(stateFile(userData, 'recent-books'));
  // Theme changes can arrive from the system at any time, before any window exists too.
  let windows: BookWindows | null = null;
  const broadcastTheme = (state: ThemeState) => {
    for (const b of windows?.all() ?? []) b.window.webContents.send(DESKTOP_CHANNELS.themeChanged, state);
    refreshMenu();
  };
  const theme = createTheme(nativeTheme, stateFile(userData, 'preferences'), broadcastTheme);
  const icon = join(app.getAppPath(), 'build', 'icon.png');

  const books = createBookWindows({
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    pageUrl: devUrl ?? APP_INDEX_URL,
    nativeBinding: electronNativeBinding({ appPath: app.getAppPath(), resourcesPath: process.resourcesPath, isPackaged: app.isPackaged }),
    recent,
    windowStateFile: stateFile(userData, 'window-state'),
    icon: !app.isPackaged && existsSync(icon) ? icon : undefined,
    background: theme.background,
    addRecentDocument: (path) => app.addRecentDocument(path),
    onChange: refreshMenu,
  });
  windows = books;
  const files = createFileActions(books);
  const teams = createTeamWindows({ origins: teamOrigins, icon: !app.isPackaged && existsSync(icon) ? icon : undefined, background: theme.background });

  // Undo and Redo in the menu follow the book's events (books.labelsOf), not the calls made here.
  registerIpc(ipcMain, (event) => books.forEvent(event)?.book.service ?? null, isTrustedUrl);
  registerDesktopIpc(ipcMain, isTrustedUrl, {
    windowFor: (event) => books.forEvent(event),
    folderOf: (b) => dirname(b.book.path),
    showSaveDialog: (b, options) => dialog.showSaveDialog(b.window, options),
    showOpenDialog: (b, options) => dialog.showOpenDialog(b.window, options),
    // Electronegativity flags this call for review: the URL reaching it passed isSafeExternalUrl (http(s) only).
    openInBrowser: (url) => shell.openExternal(url),
    exportCsv: (b, request) => dispatch(b.book.service, 'exportCsv', request) as Result<string>,
    getTheme: theme.get,
    setTheme: theme.set,
  });

  function sendCommand(command: MenuCommand): void {
    books.current()?.window.webContents.send(DESKTOP_CHANNELS.menuCommand, command);
  }

  function rebuildMenu(): void {
    const current = books.current();
    const info = current ? books.labelsOf(current.book) : null;
    const template = buildMenuTemplate(
      {
        platform: process.platform,
        appName: APP_NAME,
        recent: recent.list(),
        hasBook: Boolean(current),
        undoLabel: info?.undoLabel ?? null,
        redoLabel: info?.redoLabel ?? null,
        themeSource: theme.get().source,
        isDev: !app.isPackaged,
      },
      {
        newBook: (sample) => void files.newBook(sample),
        openBook: () => void files.openBook(),
        connectTeam: () => teams.askForServer(),
        newWindow: () => {
          const current = books.current();
          if (current) books.newWindow(current);
        },
        openRecent: (path) => void books.open(path),
        clearRecent: () => {
          recent.clear();
          app.clearRecentDocuments();
          refreshMenu();
        },
        saveCopy: () => void files.saveCopy(),
        command: sendCommand,
        setTheme: (source) => void theme.set(source),
        showFormulas: files.showFormulas,
        showBookFolder: files.showBookFolder,
        about: () => app.showAboutPanel(),
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  app.setAboutPanelOptions({
    applicationName: APP_NAME,
    applicationVersion: app.getVersion(),
    version: `Electron ${process.versions.electron}`,
    copyright: 'MIT License',
  });

  /** No book asked for: the most recent one, else the default book (created with the sample deals). */
  const openStartBook = async () => {
    const last = recent.list()[0];
    if (last && (await books.open(last))) return;
    const fallback = defaultBookPath(userData);
    await books.open(fallback, { create: true, sample: !existsSync(fallback) });
  };

  setOpenFile((path) => void books.open(path));
  app.on('second-instance', (_event, argv) => {
    const asked = bookArgs(argv, app.isPackaged);
    if (asked.length) asked.forEach((path) => void books.open(path));
    else if (books.current()) books.current()!.window.focus();
    else void openStartBook();
  });
  app.on('activate', () => {
    if (!books.all().length) void openStartBook();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
    else refreshMenu();
  });
  app.on('will-quit', () => books.closeAll());

  rebuildMenu();
  const asked = [...bookArgs(process.argv, app.isPackaged), ...pendingFiles];
  if (asked.length) for (const path of asked) await books.open(path);
  else await openStartBook();
  // Every book asked for failed to open: fall back to the usual start rather than an empty app.
  if (!books.all().length && asked.length) await openStartBook();
  if (!books.all().length && process.platform !== 'darwin') app.quit();
}
