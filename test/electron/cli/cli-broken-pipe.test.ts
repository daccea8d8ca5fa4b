import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../../helpers/cli';
import { cliWorkspace } from './csv-cli-helpers';

const { cleanup, newBook, writeCsv } = cliWorkspace('dealbook-broken-pipe-');
afterAll(cleanup);

type Closed = { code: number | null; signal: string | null; stderr: string; got: number };

/**
 * Run the CLI and close `which` of its output pipes after their first chunk, as `| head -c 100` does (`both`: stdout
 * and stderr are one pipe, as with `2>&1 | head`); resolve with its exit and what it wrote to stderr before.
 */
function closeAfterFirstChunk(args: string[], which: 'stdout' | 'both'): Promise<Closed> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let got = 0;
    const close = () => {
      child.stdout.destroy();
      if (which === 'both') child.stderr.destroy();
    };
    child.stdout.once('data', (d: Buffer) => {
      got += d.length;
      close();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (which === 'both') {
        got += d.length;
        close();
      }
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stderr, got }));
  });
}

function run(args: string[]): Promise<number | null> {
  return new Promise((resolve) => spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' }).on('exit', resolve));
}

describe('the CLI writing into a pipe its reader closes early', () => {
  it('dealbook export | head: stops quietly with the export\'s exit 0, no stack trace', async () => {
    const book = newBook();
    // Far more than a pipe's buffer (64 KiB), so the export is still writing when the reader goes away.
    const row = 'A,B,investment,2025-09-22,45B,"' + 'n'.repeat(400) + '"';
    const csv = ['from_party,to_party,kind,announced,amount_usd,notes', ...Array.from({ length: 3000 }, () => row)].join('\n');
    expect(await run(['import', '--book', book, writeCsv('many.csv', csv)])).toBe(0);
    const r = await closeAfterFirstChunk(['export', '--book', book], 'stdout');
    expect(r.got).toBeGreaterThan(0);
    expect(r.stderr).toBe('');
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
  });

  it('dealbook import of invalid rows 2>&1 | head: still exit 1 (invalid data), no stack trace', async () => {
    const book = newBook();
    const csv = ['from_party,to_party,kind,announced', ...Array.from({ length: 20000 }, (_, i) => `A,B,bogus${i},2025-09-22`)].join('\n');
    const r = await closeAfterFirstChunk(['import', '--book', book, writeCsv('bad.csv', csv)], 'both');
    expect(r.got).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/^line 2, column kind: must be one of/);
    expect(r.stderr).not.toMatch(/EPIPE|node:events|at /);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(1);
  });
});
