import { basename, dirname } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, ThemeSource } from '../../shared/protocol/desktop-api';

export type MenuState = {
  platform: NodeJS.Platform;
  appName: string;
  recent: readonly string[];
  /** The focused window has a book (false while no window is open, e.g. on macOS). */
  hasBook: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
  themeSource: ThemeSource;
  /** Reload and developer tools only outside a packaged app. */
  isDev: boolean;
};

export type MenuActions = {
  newBook: (withSample: boolean) => void;
  openBook: () => void;
  /** File > Connect to Team Book...: ask for a team server's address, then open a window on it. */
  connectTeam: () => void;
  /** Another window on the focused window's book: both show every step, whichever window made it. */
  newWindow: () => void;
  openRecent: (path: string) => void;
  clearRecent: () => void;
  saveCopy: () => void;
  /** Menu items the UI carries out (they act on its selection, filter or layout). */
  command: (command: MenuCommand) => void;
  setTheme: (source: ThemeSource) => void;
  showFormulas: () => void;
  showBookFolder: () => void;
  about: () => void;
};

/** Labels may hold an analyst's text; '&' would otherwise become a mnemonic on Windows and Linux. */
const escape = (label: string) => label.replace(/&/g, '&&');

/** The application menu, following each platform's conventions (app menu and Window menu on macOS). */
export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const book = { enabled: state.hasBook };
  const send = (command: MenuCommand) => () => actions.command(command);

  const recent: MenuItemConstructorOptions[] = state.recent.length
    ? [
        ...state.recent.map((path) => ({ label: escape(`${basename(path)} — ${dirname(path)}`), click: () => actions.openRecent(path) })),
        { type: 'separator' as const },
        { label: 'Clear Recent', click: actions.clearRecent },
      ]
    : [{ label: 'No Recent Books', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Book...', accelerator: 'CmdOrCtrl+N', click: () => actions.newBook(false) },
      { label: 'New Book with Sample Deals...', click: () => actions.newBook(true) },
      { label: 'Open Book...', accelerator: 'CmdOrCtrl+O', click: actions.openBook },
      // CmdOrCtrl+N is New Book; Shift+N is New Window in VS Code and the browsers.
      { label: 'New Window', accelerator: 'CmdOrCtrl+Shift+N', click: actions.newWindow, ...book },
      { label: 'Open Recent', submenu: recent },
      { label: 'Connect to Team Book...', click: actions.connectTeam },
      { type: 'separator' },
      { label: 'Save a Copy As...', accelerator: 'CmdOrCtrl+Shift+S', click: actions.saveCopy, ...book },
      { type: 'separator' },
      { label: 'Import CSV...', click: send('import-csv'), ...book },
      { label: 'Export CSV...', accelerator: 'CmdOrCtrl+E', click: send('export-csv'), ...book },
      { type: 'separator' },
      { label: 'Close', role: 'close' },
      ...(mac ? [] : [{ type: 'separator' as const }, { label: 'Quit', role: 'quit' as const }]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { label: escape(state.undoLabel ? `Undo ${state.undoLabel}` : 'Undo'), accelerator: 'CmdOrCtrl+Z', click: send('undo'), ...book },
      {
        label: escape(state.redoLabel ? `Redo ${state.redoLabel}` : 'Redo'),
        accelerator: mac ? 'Shift+Cmd+Z' : state.platform === 'win32' ? 'Ctrl+Y' : 'Ctrl+Shift+Z',
        click: send('redo'),
        ...book,
      },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      // The same key the page binds in browser mode (renderer/use-shortcuts.ts).
      { label: 'Add Deal', accelerator: 'Alt+N', click: send('add-deal'), ...book },
      // Not plain Delete/Backspace: a menu accelerator would take those keys from the cell editor.
      { label: 'Delete Deals', accelerator: mac ? 'Cmd+Backspace' : 'Ctrl+Delete', click: send('delete-deals'), ...book },
      { type: 'separator' },
      { label: 'Find Deals', accelerator: 'CmdOrCtrl+F', click: send('find'), ...book },
    ],
  };

  const theme = (source: ThemeSource, label: string): MenuItemConstructorOptions => ({
    label,
    type: 'radio',
    checked: state.themeSource === source,
    click: () => actions.setTheme(source),
  });

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { label: 'Theme', submenu: [theme('system', 'Follow System'), theme('light', 'Light'), theme('dark', 'Dark')] },
      { type: 'separator' },
      { label: 'Show or Hide Charts', accelerator: 'CmdOrCtrl+Shift+G', click: send('toggle-charts'), ...book },
      { label: 'Reset Column Layout', click: send('reset-columns'), ...book },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(state.isDev ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      // The page lists them from its command registry (renderer/commands/registry.ts); `?` opens the same list.
      { label: 'Keyboard Shortcuts', click: send('show-shortcuts'), ...book },
      { label: 'The Formulas Explained', click: actions.showFormulas },
      { label: "Open the Book's Folder", click: actions.showBookFolder, ...book },
      ...(mac ? [] : [{ type: 'separator' as const }, { label: `About ${state.appName}`, click: actions.about }]),
    ],
  };

  const appMenu: MenuItemConstructorOptions = {
    label: state.appName,
    submenu: [
      { label: `About ${state.appName}`, click: actions.about },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  return mac ? [appMenu, file, edit, view, { role: 'windowMenu' }, help] : [file, edit, view, help];
}
