import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { dealbook } from '../../helpers/cli';
import { bookHash } from '../../helpers/csv-fixtures';
import { cliWorkspace } from './csv-cli-helpers';

const { cleanup, newBook } = cliWorkspace('dealbook-scenario-values-');
afterAll(cleanup);

describe('dealbook scenario --set: the numbers it takes', () => {
  it.each([
    [['--weight', 'rumored=0x1'], /--weight rumored=0x1: must be a number from 0 to 1/],
    [['--up-to', '0b1'], /--up-to 0b1: must be a number from 0 to 1/],
    [['--credit-drawdown', '0o0'], /--credit-drawdown 0o0: must be a number from 0 to 1/],
    [['--up-to', '1_0'], /--up-to 1_0: must be a number from 0 to 1/],
    [['--weight', 'rumored=0.5', '--weight', 'Rumored=0.2'], /--weight rumored is given twice/],
  ])('refuses %j with exit 2, naming the option, and changes nothing', (options, message) => {
    const book = newBook();
    const before = bookHash(book);
    const r = dealbook(['scenario', '--book', book, '--set', 'Half', ...options]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(bookHash(book)).toBe(before);
  });

  it('takes decimals as written: 1, 0, .5, 0.25, 1e0, +0.75', () => {
    const book = newBook();
    const r = dealbook(['scenario', '--book', book, '--set', 'Half', '--weight', 'rumored=.5', '--weight', 'signed=1e0', '--up-to', '0.25', '--credit-drawdown', '+0.75', '--weight', 'closed=0']);
    expect(r.code, r.stderr).toBe(0);
    const half = (JSON.parse(r.stdout) as { name: string }[]).find((s) => s.name === 'Half');
    expect(half).toMatchObject({ status_weight: { rumored: 0.5, signed: 1, closed: 0 }, up_to_factor: 0.25, credit_drawdown: 0.75 });
  });
});

describe('dealbook scenario on a book it cannot write', () => {
  /** A read-only book: root ignores file modes, so as root the file is made immutable instead. */
  function readOnly(path: string): () => void {
    if (process.getuid?.() === 0) {
      execFileSync('chattr', ['+i', path]);
      return () => execFileSync('chattr', ['-i', path]);
    }
    chmodSync(path, 0o444);
    return () => chmodSync(path, 0o644);
  }

  it('--set and --delete on a read-only book exit 2 (an I/O error), naming why, and change nothing', () => {
    const book = newBook();
    expect(dealbook(['scenario', '--book', book, '--set', 'Half']).code).toBe(0);
    const before = bookHash(book);
    const writable = readOnly(book);
    try {
      for (const args of [['--set', 'Half', '--up-to', '0.5'], ['--delete', 'Half']]) {
        const r = dealbook(['scenario', '--book', book, ...args]);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/read-only; nothing was saved/);
      }
    } finally {
      writable();
    }
    rmSync(`${book}-wal`, { force: true });
    rmSync(`${book}-shm`, { force: true });
    expect(bookHash(book)).toBe(before);
  });
});
