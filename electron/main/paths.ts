import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where the desktop app keeps the analyst's default book. */
export function defaultBookPath(userData: string): string {
  return join(userData, 'deal-book.dealbook');
}

/**
 * better-sqlite3 built for Electron's ABI (scripts/electron-native.mjs puts it here); node_modules keeps the
 * Node build for tests and the CLI. Packaged apps find it unpacked beside the asar.
 */
export function electronNativeBinding(appPath: string): string | undefined {
  const candidates = [
    join(appPath, 'native', 'electron', 'better_sqlite3.node'),
    join(appPath.replace(/app\.asar$/, 'app.asar.unpacked'), 'native', 'electron', 'better_sqlite3.node'),
  ];
  return candidates.find((p) => existsSync(p));
}
