import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where the desktop app keeps the analyst's default book. */
export function defaultBookPath(userData: string): string {
  return join(userData, 'deal-book.dealbook');
}

/** Small JSON files the app keeps beside its default book (recent books, window bounds, theme). */
export function stateFile(userData: string, name: 'recent-books' | 'window-state' | 'preferences'): string {
  return join(userData, `${name}.json`);
}

export const NATIVE_FILE = 'better_sqlite3.node';

export type AppLocation = {
  /** app.getAppPath(): the project root in development, resources/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath: where electron-builder's extraResources land in a packaged app. */
  resourcesPath: string;
  isPackaged: boolean;
};

/**
 * better-sqlite3 built for Electron's ABI. node_modules keeps the Node build for tests and the CLI, so the
 * desktop app loads its own copy: native/electron/ in a checkout (scripts/electron-native.mjs puts it there),
 * resources/native/ in a packaged app (electron-builder's extraResources; outside the asar, as a .node must be).
 */
export function electronNativeBinding(where: AppLocation): string | undefined {
  const candidates = where.isPackaged
    ? [join(where.resourcesPath, 'native', NATIVE_FILE)]
    : [join(where.appPath, 'native', 'electron', NATIVE_FILE)];
  return candidates.find((p) => existsSync(p));
}

/** Book paths given on the command line (a file manager's "Open with", a second launch). */
export function bookArgs(argv: readonly string[], isPackaged: boolean): string[] {
  // argv is [electron, main script, ...] in development and [app, ...] when packaged; Chromium adds switches.
  return argv.slice(isPackaged ? 1 : 2).filter((a) => a.length > 0 && !a.startsWith('-') && /\.(dealbook|db|sqlite3?)$/i.test(a));
}
