import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bookName, explainNative } from '../../../electron/main/desktop-book';
import { readJson, writeJson } from '../../../electron/main/json-file';
import { bookArgs, electronNativeBinding, NATIVE_FILE } from '../../../electron/main/paths';
import { createRecentBooks, MAX_RECENT, samePath } from '../../../electron/main/recent-books';
import { AppFailure } from '../../../shared/protocol/result';
import { tempDir } from '../../helpers/temp-book';

const { dir, cleanup } = tempDir('dealbook-files-');
afterAll(cleanup);
const touch = (name: string) => {
  const path = join(dir, name);
  writeFileSync(path, '');
  return path;
};

describe('recent books', () => {
  it('keeps the most recent first, without duplicates, at most ten, only books that still exist', () => {
    const recent = createRecentBooks(join(dir, 'state', 'recent-books.json'));
    const books = Array.from({ length: 12 }, (_, i) => touch(`b${i}.dealbook`));
    books.forEach((b) => recent.add(b));
    recent.add(books[5]!);
    const list = recent.list();
    expect(list[0]).toBe(books[5]);
    expect(list).toHaveLength(MAX_RECENT);
    expect(new Set(list).size).toBe(list.length);
    recent.remove(books[5]!);
    expect(recent.list()).not.toContain(books[5]);
    recent.add(join(dir, 'gone.dealbook'));
    expect(recent.list()).not.toContain(join(dir, 'gone.dealbook'));
    recent.clear();
    expect(recent.list()).toEqual([]);
  });

  it('survives a damaged or foreign state file', () => {
    const file = join(dir, 'bad.json');
    for (const content of ['{not json', '{"books": "nope"}', '[]', '{"books": [1,2]}']) {
      writeFileSync(file, content);
      expect(createRecentBooks(file).list()).toEqual([]);
    }
  });

  it('compares paths the way each platform does', () => {
    expect(samePath('/a/B.dealbook', '/a/b.dealbook', 'linux')).toBe(false);
    expect(samePath('C:\\A\\B.dealbook', 'c:\\a\\b.dealbook', 'win32')).toBe(true);
    expect(samePath('/Users/x/B.dealbook', '/Users/x/b.dealbook', 'darwin')).toBe(true);
  });
});

describe('json state files', () => {
  it('writes atomically and reads back through a schema, falling back on anything else', () => {
    const file = join(dir, 'deep', 'er', 'state.json');
    const schema = z.object({ n: z.number() });
    expect(readJson(file, schema, null)).toBeNull();
    writeJson(file, { n: 3 });
    expect(readJson(file, schema, null)).toEqual({ n: 3 });
    writeJson(file, { n: 'three' });
    expect(readJson(file, schema, null)).toBeNull();
  });
});

describe('paths', () => {
  it('finds the Electron build of better-sqlite3 in a checkout and in a packaged app', () => {
    const checkout = join(dir, 'checkout');
    const resources = join(dir, 'resources');
    expect(electronNativeBinding({ appPath: checkout, resourcesPath: resources, isPackaged: false })).toBeUndefined();
    mkdirSync(join(checkout, 'native', 'electron'), { recursive: true });
    writeFileSync(join(checkout, 'native', 'electron', NATIVE_FILE), '');
    expect(electronNativeBinding({ appPath: checkout, resourcesPath: resources, isPackaged: false })).toBe(join(checkout, 'native', 'electron', NATIVE_FILE));
    // Packaged: resources/native (extraResources), never the checkout's copy.
    expect(electronNativeBinding({ appPath: join(resources, 'app.asar'), resourcesPath: resources, isPackaged: true })).toBeUndefined();
    mkdirSync(join(resources, 'native'), { recursive: true });
    writeFileSync(join(resources, 'native', NATIVE_FILE), '');
    expect(electronNativeBinding({ appPath: join(resources, 'app.asar'), resourcesPath: resources, isPackaged: true })).toBe(join(resources, 'native', NATIVE_FILE));
  });

  it('takes book paths from the command line and ignores switches', () => {
    expect(bookArgs(['/usr/bin/electron', 'out/main/index.js', '--no-sandbox', '/b/x.dealbook'], false)).toEqual(['/b/x.dealbook']);
    expect(bookArgs(['/opt/Deal book/dealbook', '/b/y.dealbook', '--enable-logging', 'readme.txt'], true)).toEqual(['/b/y.dealbook']);
    expect(bookArgs(['/usr/bin/electron', '.'], false)).toEqual([]);
  });

  it('names a book after its file and explains a database engine built for the wrong ABI', () => {
    expect(bookName('/x/Q3 deals.dealbook')).toBe('Q3 deals');
    expect(bookName('/x/.dealbook')).toBe('.dealbook');
    const wrong = explainNative(new Error('The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115.'));
    expect(wrong).toBeInstanceOf(AppFailure);
    expect((wrong as AppFailure).error.message).toContain('scripts/electron-native.mjs');
    const other = new Error('disk full');
    expect(explainNative(other)).toBe(other);
  });
});
