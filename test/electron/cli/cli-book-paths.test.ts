import { linkSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dealbook } from '../../helpers/cli';
import { bookHash } from '../../helpers/csv-fixtures';
import { cliWorkspace } from './csv-cli-helpers';

const { cleanup, fresh, newBook, writeCsv } = cliWorkspace('dealbook-book-paths-');
afterAll(cleanup);

describe('a folder named as the book', () => {
  const csv = () => writeCsv('deals.csv', 'from_party,to_party,kind,announced\nA,B,investment,2025-09-22\n');

  it.each([
    ['import', (book: string) => ['import', '--book', book, csv()]],
    ['export', (book: string) => ['export', '--book', book]],
    ['report', (book: string) => ['report', '--book', book, '--json']],
    ['check', (book: string) => ['check', '--book', book]],
    ['scenario', (book: string) => ['scenario', '--book', book]],
  ])('%s refuses it in one line naming it, exit 2, and leaves the folder as it was', (_name, args) => {
    const dir = fresh('a-folder.dealbook');
    mkdirSync(dir);
    const r = dealbook(args(dir));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dealbook: \S*a-folder\.dealbook is a folder, not a deal book; nothing was changed\.\n$/);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('export --out reaching the book another way', () => {
  it.each([
    ['through a symlinked folder', (book: string) => {
      const link = fresh('folder-link');
      symlinkSync(dirname(book), link);
      // Not join(): it would fold `link/..` away; the system goes to the link's target first, then up.
      return `${link}/../${basename(dirname(book))}/${basename(book)}`;
    }],
    ['as a hard link', (book: string) => {
      const hard = fresh('hard-link.csv');
      linkSync(book, hard);
      return hard;
    }],
    ['as its WAL, through a symlinked folder', (book: string) => {
      const link = fresh('wal-link');
      symlinkSync(dirname(book), link);
      return `${link}/../${basename(dirname(book))}/${basename(book)}-wal`;
    }],
  ])('%s is refused (exit 2) and the book is left as it was', (_how, outOf) => {
    const book = newBook({ sample: true });
    const before = bookHash(book);
    const out = outOf(book);
    const r = dealbook(['export', '--book', book, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is the book itself; name a \.csv file/);
    expect(bookHash(book)).toBe(before);
    expect(dealbook(['check', '--book', book]).code).toBe(0);
  });
});
