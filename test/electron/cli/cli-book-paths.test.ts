import { mkdirSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { dealbook } from '../../helpers/cli';
import { cliWorkspace } from './csv-cli-helpers';

const { cleanup, fresh, writeCsv } = cliWorkspace('dealbook-book-paths-');
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
