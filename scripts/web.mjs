#!/usr/bin/env node
// `npm run web`: build if needed, then serve the default book (the desktop app's) in browser mode and open it.
import { existsSync, mkdirSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = platform() === 'win32' ? 'npm.cmd' : 'npm';

if (!existsSync(join(root, 'out/main/cli.js')) || !existsSync(join(root, 'out/renderer/index.html'))) {
  const built = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: platform() === 'win32' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

/** Same folder Electron uses for userData, so browser mode and the desktop app share the default book. */
function userDataDir() {
  const name = 'Deal book';
  if (process.env.DEALBOOK_HOME) return process.env.DEALBOOK_HOME;
  if (platform() === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData/Roaming'), name);
  if (platform() === 'darwin') return join(homedir(), 'Library/Application Support', name);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}

const dir = userDataDir();
mkdirSync(dir, { recursive: true });
const book = process.argv[2] ?? join(dir, 'deal-book.dealbook');
const bin = join(root, 'bin/dealbook.mjs');
if (!existsSync(book)) {
  const made = spawnSync(process.execPath, [bin, 'new', '--book', book, '--sample'], { stdio: 'inherit' });
  if (made.status !== 0) process.exit(made.status ?? 2);
}

const server = spawn(process.execPath, [bin, 'serve', '--book', book], { stdio: ['ignore', 'pipe', 'inherit'] });
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(chunk.toString())?.[1];
  if (!url) return;
  const opener = platform() === 'darwin' ? 'open' : platform() === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('Open the address above in your browser.'));
  child.unref();
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
