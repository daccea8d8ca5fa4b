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
