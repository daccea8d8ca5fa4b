import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../../helpers/cli';
import { cliWorkspace } from './csv-cli-helpers';

const { cleanup, newBook, writeCsv } = cliWorkspace('dealbook-broken-pipe-');
afterAll(cleanup);

/** Run the CLI and close its stdout after the first chunk, as `| head -c 100` does; resolve with its exit. */
function closeAfterFirstChunk(args: string[]): Promise<{ code: number | null; signal: string | null; stderr: string; got: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let got = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', (d: Buffer) => {
      got = d.length;
      child.stdout.destroy();
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stderr, got }));
  });
}

describe('dealbook export into a pipe its reader closes early', () => {
  it('stops quietly, exit 0, no stack trace', async () => {
    const book = newBook();
    // Far more than a pipe's buffer (64 KiB), so the export is still writing when the reader goes away.
    const row = 'A,B,investment,2025-09-22,45B,"' + 'n'.repeat(400) + '"';
    const csv = ['from_party,to_party,kind,announced,amount_usd,notes', ...Array.from({ length: 3000 }, () => row)].join('\n');
    const imported = await new Promise<number | null>((resolve) => {
      const c = spawn(process.execPath, [BIN, 'import', '--book', book, writeCsv('many.csv', csv)], { stdio: 'ignore' });
      c.on('exit', resolve);
    });
    expect(imported).toBe(0);
    const r = await closeAfterFirstChunk(['export', '--book', book]);
    expect(r.got).toBeGreaterThan(0);
    expect(r.stderr).toBe('');
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
  });
});
