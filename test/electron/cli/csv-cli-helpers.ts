import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openService } from '../../../electron/service/book';
import type { Service } from '../../../electron/service/service';
import { dealbook } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-book';
import { withoutIds } from '../../helpers/csv-fixtures';

/** One temp folder per test file for books and CSV files; call cleanup() after all. */
export function cliWorkspace(prefix: string) {
  const { dir: root, cleanup } = tempDir(prefix);
  let counter = 0;
  const fresh = (name: string) => join(root, `${++counter}-${name}`);

  /** A book made by the CLI, as an analyst would; sample deals unless empty. */
  function newBook(options: { sample?: boolean } = {}): string {
    const path = fresh('book.dealbook');
    const r = dealbook(['new', '--book', path, ...(options.sample ? ['--sample'] : [])]);
    expect(r.code, r.stderr).toBe(0);
    return path;
  }

  /** A book filled in-process through the service (then closed, so the CLI sees a quiet file). */
  async function bookWith(fill: (service: Service) => void): Promise<string> {
    const path = fresh('seeded.dealbook');
    const service = await openService(path, { create: true });
    fill(service);
    service.close();
    return path;
  }

  function writeCsv(name: string, text: string | Uint8Array): string {
    const path = fresh(name);
    writeFileSync(path, text);
    return path;
  }

  /** export A -> import into an empty B -> export B, all through the CLI; the same deals, ids aside. */
  function cliRoundTrip(bookA: string): { a: string; b: string } {
    const out = fresh('a.csv');
    const exported = dealbook(['export', '--book', bookA, '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^exported \d+ deals to /);
    const bookB = newBook();
    const imported = dealbook(['import', '--book', bookB, out]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toBe('');
    const a = readFileSync(out, 'utf8');
    const b = exportOf(bookB);
    expect(withoutIds(b)).toEqual(withoutIds(a));
    return { a, b };
  }

  return { root, cleanup, fresh, newBook, bookWith, writeCsv, cliRoundTrip };
}

export async function withService<T>(path: string, fn: (service: Service) => T): Promise<T> {
  const service = await openService(path);
  try {
    return fn(service);
  } finally {
    service.close();
  }
}

export function exportOf(book: string): string {
  const r = dealbook(['export', '--book', book]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}
