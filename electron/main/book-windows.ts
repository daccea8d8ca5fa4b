import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { BrowserWindow, dialog, screen } from 'electron';
import type { AppError } from '../../shared/protocol/result';
import { pushEvents, type IpcEventLike } from '../transports/ipc';
import { openDesktopBook, type DesktopBook } from './desktop-book';
import { readJson, saveState } from './json-file';
import { samePath, type RecentBooks } from './recent-books';
import { placeWindow, windowStateSchema, type WindowState } from './window-state';

export type BookWindow = { window: BrowserWindow; book: DesktopBook };

/** What the Edit menu's Undo and Redo say for a book: the undo stack as its last event left it. */
export type UndoLabels = { undoLabel: string | null; redoLabel: string | null };

export type BookWindowsOptions = {
  preload: string;
  pageUrl: string;
  nativeBinding: string | undefined;
  recent: RecentBooks;
  windowStateFile: string;
  icon: string | undefined;
  background: () => string;
  addRecentDocument: (path: string) => void;
  /** Something the menu shows changed: focus, a book opened or closed, a step made in a book. */
  onChange: () => void;
};

/** One window per open book; the registry IPC uses to route each call to the caller's own book. */
export function createBookWindows(options: BookWindowsOptions) {
  const byContents = new Map<number, BookWindow>();
  const opening = new Map<string, Promise<BrowserWindow | null>>();
  let lastFocused: BookWindow | null = null;

  const all = () => [...byContents.values()];
  const find = (path: string) => all().find((b) => samePath(b.book.path, path)) ?? null;
  const labels = new WeakMap<DesktopBook, UndoLabels>();
  const stops = new WeakMap<DesktopBook, () => void>();

  function canonical(path: string): string {
    const full = resolve(path);
    try {
      return realpathSync.native(full);
    } catch {
      return full;
    }
  }

  /** Open a book in its own window; a book already open is focused instead. Errors are shown, not thrown. */
  function open(path: string, how: { create?: boolean; sample?: boolean } = {}): Promise<BrowserWindow | null> {
    const full = canonical(path);
    const existing = find(full);
    if (existing) {
      if (existing.window.isMinimized()) existing.window.restore();
      existing.window.focus();
      return Promise.resolve(existing.window);
    }
    const pending = [...opening].find(([p]) => samePath(p, full))?.[1];
    if (pending) return pending;
    const started = openNew(full, how).finally(() => opening.delete(full));
    opening.set(full, started);
    return started;
  }

  async function openNew(path: string, how: { create?: boolean; sample?: boolean }): Promise<BrowserWindow | null> {
    let book: DesktopBook;
    try {
      book = await openDesktopBook(path, { ...how, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
    } catch (err) {
      const error = (err as { error?: AppError }).error;
      if (error?.code === 'not_found') options.recent.remove(path);
      dialog.showErrorBox('Cannot open the book', error?.message ?? (err as Error).message);
      options.onChange();
      return null;
    }
    const { undoLabel, redoLabel } = book.service.bookInfo({});
    labels.set(book, { undoLabel, redoLabel });
    // Every step in the book, whoever made it, reaches every window showing it, and relabels Undo and Redo.
    const stopPush = pushEvents(book.service.events, () => all().filter((b) => b.book === book).map((b) => b.window.webContents));
    const stopLabels = book.service.events.subscribe((event) => {
      labels.set(book, { undoLabel: event.undoLabel, redoLabel: event.redoLabel });
      options.onChange();
    });
    stops.set(book, () => {
      stopPush();
      stopLabels();
    });
    const window = createWindow(book);
    options.recent.add(book.path);
    // The OS's own recent list is a mirror; its failure is no reason to lose the window just opened.
    try {
      options.addRecentDocument(book.path);
    } catch (err) {
      console.error('[dealbook] could not add to the recent documents:', (err as Error).message);
    }
    options.onChange();
    return window;
  }

  function closeBook(book: DesktopBook): void {
    stops.get(book)?.();
    stops.delete(book);
    book.close();
  }

  function createWindow(book: DesktopBook): BrowserWindow {
    const saved = readJson(options.windowStateFile, windowStateSchema, null);
    const placed = placeWindow(
      saved,
      screen.getAllDisplays().map((d) => d.workArea),
      all().map((b) => b.window.getBounds()),
    );
    const window = new BrowserWindow({
      ...placed.bounds,
      minWidth: 640,
      minHeight: 420,
      show: false,
      title: book.name,
      backgroundColor: options.background(),
      ...(options.icon ? { icon: options.icon } : {}),
      // The security checklist, spelled out here so Electronegativity and the static tests can read it.
      webPreferences: {
        preload: options.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        disableBlinkFeatures: 'Auxclick',
        spellcheck: false,
      },
    });
    const entry: BookWindow = { window, book };
    const contentsId = window.webContents.id;
    byContents.set(contentsId, entry);
    if (placed.maximized) window.maximize();
    if (process.platform === 'darwin') window.setRepresentedFilename(book.path);
    // The page's <title> would replace the book name.
    window.on('page-title-updated', (event) => event.preventDefault());
    window.once('ready-to-show', () => window.show());
    window.on('focus', () => {
      lastFocused = entry;
      options.onChange();
    });
    window.on('close', () => {
      const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
      // A read-only profile must not keep the window open.
      saveState(options.windowStateFile, state);
    });
    window.on('closed', () => {
      byContents.delete(contentsId);
      if (lastFocused === entry) lastFocused = null;
      if (!all().some((b) => b.book === book)) closeBook(book);
      options.onChange();
    });
    void window.loadURL(options.pageUrl);
    lastFocused = entry;
    return window;
  }

  /** Another window on the same book: the book stays open while any of its windows is. */
  function newWindow(of: BookWindow): BrowserWindow {
    const window = createWindow(of.book);
    options.onChange();
    return window;
  }

  return {
    open,
    newWindow,
    all,
    find,
    /** The book window a renderer call came from (null for anything else). */
    forEvent: (event: IpcEventLike): BookWindow | null => (event.sender ? (byContents.get(event.sender.id) ?? null) : null),
    /** The window menu commands act on: the focused one, else the last one focused. */
    current: (): BookWindow | null => {
      const focused = BrowserWindow.getFocusedWindow();
      return (focused && byContents.get(focused.webContents.id)) || lastFocused;
    },
    /** The Undo and Redo labels of a book, as its events left them. */
    labelsOf: (book: DesktopBook): UndoLabels => labels.get(book) ?? { undoLabel: null, redoLabel: null },
    closeAll: () => new Set(all().map((b) => b.book)).forEach(closeBook),
  };
}

export type BookWindows = ReturnType<typeof createBookWindows>;
