import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/dealbook.mjs', import.meta.url));

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Run the built CLI as a user would. */
export function dealbook(args: string[], input?: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, maxBuffer: 512 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Start `dealbook serve` and resolve with its URL once it prints the serving line. */
export function serve(book: string): Promise<{ url: string; port: number; token: string; stop: () => void }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--book', book], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))/.exec(out);
      if (m) resolve({ url: m[1]!, port: Number(m[2]), token: m[3]!, stop: () => child.kill('SIGTERM') });
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}
