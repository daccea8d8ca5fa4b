import type { Result } from '../../shared/result';

// The same shapes as electron/preload/desktop-api.ts (the renderer may not import electron/);
// test/electron/ipc-desktop-api.test.ts fails to type-check if the two drift apart.

/** Menu items the UI carries out: they act on its selection, filter or layout. */
export type MenuCommand =
  | 'add-deal'
  | 'delete-deals'
  | 'undo'
  | 'redo'
  | 'import-csv'
  | 'export-csv'
  | 'find'
  | 'toggle-charts'
  | 'reset-columns';

export type ThemeSource = 'system' | 'light' | 'dark';
export type ThemeState = { source: ThemeSource; dark: boolean };
export type SavedFile = { path: string; name: string };
export type OpenedFile = { path: string; name: string; text: string };

/** What the desktop app's preload exposes besides the contract client. */
export type DesktopApi = {
  /** Menu commands for the UI (add deal, undo, export...); returns the function that unsubscribes. */
  onMenuCommand: (listener: (command: MenuCommand) => void) => () => void;
  /** Ask where to save, then write the text there; null when the analyst cancels. */
  saveCsv: (input: { text: string; suggestedName: string }) => Promise<Result<SavedFile | null>>;
  /** Ask for a CSV file and read it as UTF-8; null when the analyst cancels. */
  openCsv: () => Promise<Result<OpenedFile | null>>;
  /** Open an http(s) link the analyst clicked in the default browser; anything else is refused. */
  openExternal: (url: string) => Promise<Result<null>>;
  getTheme: () => Promise<Result<ThemeState>>;
  /** Follow the system, or force light or dark (remembered across launches). */
  setTheme: (source: ThemeSource) => Promise<Result<ThemeState>>;
  /** Called when the theme changes (system switch or View menu); returns the function that unsubscribes. */
  onThemeChange: (listener: (state: ThemeState) => void) => () => void;
};

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    dealbookDesktop?: DesktopApi;
  }
}

/** The desktop bridge, or null in browser mode (use file inputs, downloads and target=_blank links there). */
export const desktop: DesktopApi | null = typeof window !== 'undefined' ? (window.dealbookDesktop ?? null) : null;

/**
 * Whether the keyboard focus is in a text field (a cell editor, the quick filter). Menu Undo/Redo/Delete then
 * belong to the text: run `document.execCommand('undo')` instead of undoing a change to the book.
 */
export function isEditingText(): boolean {
  const el = typeof document !== 'undefined' ? document.activeElement : null;
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly;
  if (el instanceof HTMLInputElement) return !el.readOnly && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

/** Open a source_url the analyst clicked: the system browser on desktop, a new tab in browser mode. http(s) only. */
export async function openLink(url: string): Promise<boolean> {
  if (!/^https?:\/\//i.test(url)) return false;
  if (desktop) return (await desktop.openExternal(url)).ok;
  // With noopener, window.open returns null even when the tab opened.
  window.open(url, '_blank', 'noopener,noreferrer');
  return true;
}
