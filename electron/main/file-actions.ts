import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { app, dialog, shell, type BrowserWindow } from 'electron';
import { FORMULAS_TEXT, FORMULAS_TITLE } from './help-text';
import { lockPath } from '../service/book-lock';
import type { BookWindows } from './book-windows';
import { samePath } from './recent-books';

const BOOK_FILTERS = [
  { name: 'Deal books', extensions: ['dealbook', 'db', 'sqlite', 'sqlite3'] },
  { name: 'All files', extensions: ['*'] },
];

/** File and Help menu items that need native dialogs; each reports problems in a dialog, never throws. */
export function createFileActions(books: BookWindows) {
  const parent = (): BrowserWindow | undefined => books.current()?.window;
  const folder = () => {
    const current = books.current();
    return current ? dirname(current.book.path) : app.getPath('documents');
  };
  const show = (title: string, message: string) =>
    void (parent() ? dialog.showMessageBox(parent()!, { type: 'error', title, message }) : dialog.showMessageBox({ type: 'error', title, message }));

  async function newBook(withSample: boolean): Promise<void> {
    const options = { title: withSample ? 'New Book with Sample Deals' : 'New Book', defaultPath: join(folder(), 'Untitled.dealbook'), filters: BOOK_FILTERS };
    const chosen = parent() ? await dialog.showSaveDialog(parent()!, options) : await dialog.showSaveDialog(options);
    if (chosen.canceled || !chosen.filePath) return;
    const path = withExtension(chosen.filePath);
    // Never replace a file with an empty book: it may be another book, or anything else.
    if (existsSync(path)) return show('New Book', `${basename(path)} already exists. Choose another name, or open it with File > Open Book.`);
    await books.open(path, { create: true, sample: withSample });
  }

  async function openBook(): Promise<void> {
    const options = { title: 'Open Book', defaultPath: folder(), filters: BOOK_FILTERS, properties: ['openFile' as const, 'multiSelections' as const] };
    const chosen = parent() ? await dialog.showOpenDialog(parent()!, options) : await dialog.showOpenDialog(options);
    if (chosen.canceled) return;
    for (const path of chosen.filePaths) await books.open(path);
  }

  /** A consistent copy through SQLite's online backup, written beside the target and renamed into place. */
  async function saveCopy(): Promise<void> {
    const current = books.current();
    if (!current) return;
    const { book, window } = current;
    const chosen = await dialog.showSaveDialog(window, {
      title: 'Save a Copy As',
      defaultPath: join(dirname(book.path), `${book.name} copy.dealbook`),
      filters: BOOK_FILTERS,
    });
    if (chosen.canceled || !chosen.filePath) return;
    const target = withExtension(chosen.filePath);
    if (samePath(resolve(target), book.path)) return show('Save a Copy As', 'Choose a different file: this is the book itself.');
    if (books.find(resolve(target)) || existsSync(lockPath(target)) || existsSync(`${target}-wal`)) {
      return show('Save a Copy As', `${basename(target)} is a book in use; choose another name.`);
    }
    const temp = `${target}.${process.pid}.copy`;
    try {
      await book.service.saveCopy(temp);
      renameSync(temp, target);
    } catch (err) {
      rmSync(temp, { force: true });
      show('Save a Copy As', `Could not save the copy: ${(err as Error).message}`);
    }
  }

  function showFormulas(): void {
    const options = { type: 'info' as const, title: FORMULAS_TITLE, message: FORMULAS_TITLE, detail: FORMULAS_TEXT };
    void (parent() ? dialog.showMessageBox(parent()!, options) : dialog.showMessageBox(options));
  }

  function showBookFolder(): void {
    const current = books.current();
    if (current) shell.showItemInFolder(current.book.path);
  }

  return { newBook, openBook, saveCopy, showFormulas, showBookFolder };
}

function withExtension(path: string): string {
  return /\.[^\\/.]+$/.test(basename(path)) ? path : `${path}.dealbook`;
}
