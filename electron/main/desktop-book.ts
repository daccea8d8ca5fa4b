import { basename, extname, resolve } from 'node:path';
import { AppFailure } from '../../shared/protocol/result';
import { openService } from '../service/book';
import type { Service } from '../service/service';
import { acquireBookLock, type LockOptions } from '../service/book-lock';

/**
 * One open book in the desktop app's main process: its service and the lock that keeps other app processes out.
 * (The renderer's `BookSession` is the window's side: its rows and state.)
 */
export type DesktopBook = { path: string; name: string; service: Service; close: () => void };

export type DesktopBookOptions = {
  create?: boolean;
  sample?: boolean;
  /** better-sqlite3 built for Electron (undefined under plain Node: tests). */
  nativeBinding?: string;
  lock?: LockOptions;
};

export async function openDesktopBook(path: string, options: DesktopBookOptions = {}): Promise<DesktopBook> {
  const full = resolve(path);
  const lock = acquireBookLock(full, options.lock);
  let service: Service;
  try {
    service = await openService(full, {
      ...(options.create ? { create: true } : {}),
      ...(options.sample ? { sample: true } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (err) {
    lock.release();
    throw explainNative(err);
  }
  let open = true;
  return {
    path: full,
    name: bookName(full),
    service,
    close: () => {
      if (!open) return;
      open = false;
      try {
        service.close();
      } finally {
        lock.release();
      }
    },
  };
}

/** The window title: the file name without its extension. */
export function bookName(path: string): string {
  const file = basename(path);
  const ext = extname(file);
  return ext && ext !== file ? file.slice(0, -ext.length) : file;
}

// A better-sqlite3 built for another ABI fails deep inside require(); say what to run instead.
const WRONG_ABI = /NODE_MODULE_VERSION|compiled against a different Node\.js version|did not self-register|invalid ELF header|not a valid Win32 application|wrong ELF class/i;

export function explainNative(err: unknown): unknown {
  const message = err instanceof Error ? err.message : String(err);
  if (!WRONG_ABI.test(message)) return err;
  return new AppFailure({
    code: 'io',
    message:
      'The database engine (better-sqlite3) in this app is not built for its Electron version. ' +
      'In a checkout, run `node scripts/electron-native.mjs` (npm start does) with internet access, then start again.',
  });
}
