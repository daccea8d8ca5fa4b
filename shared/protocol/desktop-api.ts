import type { BookEvent } from './contract';
import type { Result } from './result';
import type { CsvEncoding } from '../csv/csv-decode';
import type { CsvColumn } from '../csv/csv-write';

// Shared by main, the preload (types only: a sandboxed preload may load nothing but electron) and the renderer.

/** Menu items the UI carries out itself, because they act on its selection, filter or layout. */
export const MENU_COMMANDS = [
  'add-deal',
  'delete-deals',
  'undo',
  'redo',
  'import-csv',
  'export-csv',
  'find',
  'toggle-charts',
  'reset-columns',
  'show-shortcuts',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export const THEME_SOURCES = ['system', 'light', 'dark'] as const;
export type ThemeSource = (typeof THEME_SOURCES)[number];
export type ThemeState = { source: ThemeSource; dark: boolean };

export type SavedFile = { path: string; name: string };
/** What a window's Export CSV asks the service for: contract method exportCsv's input. */
export type ExportRequest = { ids?: number[]; columns?: CsvColumn[]; scenario?: string };
export type OpenedFile = { path: string; name: string; text: string; encoding?: CsvEncoding };

/** What the preload exposes as `window.dealbookDesktop`, besides the contract client `window.dealbook`. */
export type DesktopApi = {
  /** Menu commands for the UI (add deal, undo, export...); returns the function that unsubscribes. */
  onMenuCommand: (listener: (command: MenuCommand) => void) => () => void;
  /**
   * Ask where to save, then write the book's deals there as CSV (the ids and columns the window shows, derived
   * columns under its scenario), made by the book's service in the main process: no 20 MB text crosses IPC. Null
   * when the analyst cancels.
   */
  saveExport: (input: ExportRequest & { suggestedName: string }) => Promise<Result<SavedFile | null>>;
  /** Ask for a CSV file and read it as UTF-8; null when the analyst cancels. */
  openCsv: () => Promise<Result<OpenedFile | null>>;
  /** Open an http(s) link the analyst clicked in the default browser; anything else is refused. */
  openExternal: (url: string) => Promise<Result<null>>;
  getTheme: () => Promise<Result<ThemeState>>;
  /** Follow the system, or force light or dark (remembered across launches). */
  setTheme: (source: ThemeSource) => Promise<Result<ThemeState>>;
  /** Called when the theme changes (system switch or View menu); returns the function that unsubscribes. */
  onThemeChange: (listener: (state: ThemeState) => void) => () => void;
  /** Called with every change event of the window's book, whoever made it; returns the function that unsubscribes. */
  onBookEvent: (listener: (event: BookEvent) => void) => () => void;
};

/** Main to page: one book's change events (not a desktop channel of its own: the book pushes them). */
export const BOOK_EVENT_CHANNEL = 'dealbook-push:event';

export const DESKTOP_CHANNELS = {
  menuCommand: 'dealbook-desktop:menu-command',
  themeChanged: 'dealbook-desktop:theme-changed',
  saveExport: 'dealbook-desktop:save-export',
  openCsv: 'dealbook-desktop:open-csv',
  openExternal: 'dealbook-desktop:open-external',
  getTheme: 'dealbook-desktop:get-theme',
  setTheme: 'dealbook-desktop:set-theme',
} as const;
