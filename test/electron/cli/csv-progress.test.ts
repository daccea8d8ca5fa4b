import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/run';
import { dealbook } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-book';

const { dir, cleanup } = tempDir('dealbook-csv-progress-');
afterAll(cleanup);

const file = join(dir, 'long.csv');
writeFileSync(file, ['announced,from_party,to_party,kind,amount_usd', ...Array.from({ length: 12_000 }, (_, i) => `2025-01-02,Fund ${i % 40},Lab ${i % 9},investment,${i}`)].join('\n'));

/** The CLI in-process with a terminal or a pipe on stderr: the one thing a spawned child cannot vary. */
async function run(args: string[], errIsTty: boolean) {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s), errIsTty };
  const code = await runCli(args, io);
  return { code, out, err };
}

describe('import progress', () => {
  it('is shown on stderr when it is a terminal, then cleared', async () => {
    const book = join(dir, 'tty.dealbook');
    expect(dealbook(['new', '--book', book]).code).toBe(0);
    const r = await run(['import', '--book', book, file], true);
    expect(r.code).toBe(0);
    expect(r.err).toContain('\rimporting 5,000 of 12,000 rows');
    expect(r.err).toContain('\rimporting 12,000 of 12,000 rows');
    expect(r.err.endsWith('\r\x1b[K')).toBe(true);
    expect(r.out).toMatch(/^imported 12,000 of 12,000 rows as one undo step; new parties: Fund 0, Lab 0, Fund 1, .* and 29 more\n$/);
  });

  it('is not written to a pipe or a file', async () => {
    const book = join(dir, 'pipe.dealbook');
    expect(dealbook(['new', '--book', book]).code).toBe(0);
    const r = await run(['import', '--book', book, file], false);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const spawned = dealbook(['import', '--book', book, '--dry-run', file]);
    expect(spawned.stderr).toBe('');
  });
});
