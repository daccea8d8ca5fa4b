import { existsSync, fstatSync, fsyncSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { saveState, writeJson, type JsonFileOps } from '../../../electron/main/json-file';
import { createRecentBooks } from '../../../electron/main/recent-books';
import { tempDir } from '../../helpers/temp-book';

const { dir, cleanup } = tempDir('dealbook-state-');
afterAll(cleanup);

/** Real file operations that record what they did, with rename failing as Windows' does while a file is held. */
function recorded(renameFailures: string[] = []) {
  const log: string[] = [];
  const ops: JsonFileOps = {
    rename: (from, to) => {
      const code = renameFailures.shift();
      log.push(`rename${code ? ` ${code}` : ''}`);
      if (code) throw Object.assign(new Error(`${code}: operation not permitted, rename '${from}' -> '${to}'`), { code });
      renameSync(from, to);
    },
    fsync: (fd) => {
      log.push(fstatSync(fd).isDirectory() ? 'fsync folder' : 'fsync file');
      fsyncSync(fd);
    },
    pause: (ms) => void log.push(`pause ${ms}`),
  };
  return { ops, log };
}

describe('json state files', () => {
  it('are written durably: the temp file fsynced before the rename, the folder after it', () => {
    const file = join(dir, 'durable', 'recent-books.json');
    const { ops, log } = recorded();
    writeJson(file, { books: ['/a.dealbook'] }, ops);
    expect(log).toEqual(['fsync file', 'rename', ...(process.platform === 'win32' ? [] : ['fsync folder'])]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ books: ['/a.dealbook'] });
  });

  it("retry a rename Windows refuses while another program holds the file, then give up cleanly", () => {
    const file = join(dir, 'held', 'window-state.json');
    const retried = recorded(['EPERM', 'EBUSY', 'EPERM']);
    writeJson(file, { maximized: true }, retried.ops);
    expect(retried.log.filter((l) => l.startsWith('rename'))).toEqual(['rename EPERM', 'rename EBUSY', 'rename EPERM', 'rename']);
    expect(retried.log.filter((l) => l.startsWith('pause'))).toHaveLength(3);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ maximized: true });

    const stuck = recorded(Array(20).fill('EBUSY'));
    expect(() => writeJson(file, { maximized: false }, stuck.ops)).toThrow(/EBUSY/);
    expect(stuck.log.filter((l) => l.startsWith('rename'))).toHaveLength(8);
    // The old file stays whole, and no temp file is left beside it.
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ maximized: true });
    expect(readdirSync(join(dir, 'held'))).toEqual(['window-state.json']);

    // Another error is not waited on.
    const denied = recorded(['ENOENT']);
    expect(() => writeJson(file, {}, denied.ops)).toThrow(/ENOENT/);
    expect(denied.log.filter((l) => l.startsWith('pause'))).toEqual([]);
  });

  it('never throw from saveState or the recent list: a profile that cannot be written is logged, not fatal', () => {
    // A folder that cannot exist: its parent is a file (root or not, mkdir fails with ENOTDIR).
    writeFileSync(join(dir, 'not-a-folder'), '');
    const file = join(dir, 'not-a-folder', 'state', 'recent-books.json');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(saveState(file, { books: [] })).toBe(false);
      const recent = createRecentBooks(file);
      expect(() => recent.add(join(dir, 'a.dealbook'))).not.toThrow();
      expect(() => recent.remove(join(dir, 'a.dealbook'))).not.toThrow();
      expect(() => recent.clear()).not.toThrow();
      expect(recent.list()).toEqual([]);
      expect(errors).toHaveBeenCalled();
      expect(String(errors.mock.calls[0]![0])).toContain('could not save');
    } finally {
      errors.mockRestore();
    }
    expect(existsSync(file)).toBe(false);
  });
});
