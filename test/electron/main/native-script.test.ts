import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { electronNativeBinding } from '../../../electron/main/paths';
import { tempDir } from '../../helpers/temp-book';

/**
 * scripts/electron-native.mjs decides from its stamp whether the Electron build of better-sqlite3 is current.
 * Run in a throwaway copy of the project (its node_modules linked), so nothing here touches native/ of the
 * checkout or the network: getting a build needs internet and is what `npm start` does.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const { dir, cleanup } = tempDir('dealbook-native-');
afterAll(cleanup);

mkdirSync(join(dir, 'scripts'));
copyFileSync(join(ROOT, 'scripts', 'electron-native.mjs'), join(dir, 'scripts', 'electron-native.mjs'));
writeFileSync(join(dir, 'package.json'), '{"name":"copy","private":true}');
symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');

const version = (pkg: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
const run = (...args: string[]) => spawnSync(process.execPath, [join(dir, 'scripts', 'electron-native.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, npm_config_platform: '', npm_config_arch: '' } });
const stamp = (electron: string) =>
  writeFileSync(join(dir, 'native', 'electron', 'stamp.json'), JSON.stringify({ electron, betterSqlite3: version('better-sqlite3'), platform: process.platform, arch: process.arch }));

describe('scripts/electron-native.mjs', () => {
  it('reports a missing build without trying to fetch one under --check', () => {
    const result = run('--check');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`Electron ${version('electron')}`);
    expect(result.stdout).toContain('run node scripts/electron-native.mjs');
  });

  it('does nothing when the stamp matches this Electron, better-sqlite3 and platform', () => {
    mkdirSync(join(dir, 'native', 'electron'), { recursive: true });
    writeFileSync(join(dir, 'native', 'electron', 'better_sqlite3.node'), 'stand-in');
    stamp(version('electron'));
    for (const args of [['--check'], []]) {
      const result = run(...args);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('is up to date');
    }
    // Where the script puts it is where the app looks.
    expect(electronNativeBinding({ appPath: dir, resourcesPath: '/nowhere', isPackaged: false })).toBe(join(dir, 'native', 'electron', 'better_sqlite3.node'));
  });

  it('sees a build for another Electron version as out of date', () => {
    stamp('1.0.0');
    expect(run('--check').status).toBe(1);
  });
});
