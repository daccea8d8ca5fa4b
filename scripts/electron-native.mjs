#!/usr/bin/env node
// better-sqlite3 for the desktop app. node_modules keeps the build for Node (tests, CLI); Electron needs one
// for its own ABI. This puts it in native/electron/better_sqlite3.node (electron/main/paths.ts loads it from
// there; electron-builder copies it into the package), without touching node_modules. It runs before
// `npm start`, `npm run dev` and `npm run dist`, and does nothing when the stamp says the build is current.
//
// First a prebuilt binary (prebuild-install, better-sqlite3's own dependency, from GitHub releases), else a
// compile against Electron's headers (node-gyp; needs Python 3 and a C++ toolchain). Both need internet.
// Usage: node scripts/electron-native.mjs [--force | --check]   (--check: only say whether it is current)
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const outDir = join(root, 'native', 'electron');
const target = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'stamp.json');
const log = (msg) => console.log(`[electron-native] ${msg}`);

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const electronVersion = readJson(require.resolve('electron/package.json')).version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = readJson(join(sqliteDir, 'package.json')).version;
const platform = process.env.npm_config_platform || process.platform;
const arch = process.env.npm_config_arch || process.arch;
const wanted = { electron: electronVersion, betterSqlite3: sqliteVersion, platform, arch };

function current() {
  if (!existsSync(target) || !existsSync(stampFile)) return false;
  try {
    const stamp = readJson(stampFile);
    return Object.entries(wanted).every(([k, v]) => stamp[k] === v);
  } catch {
    return false;
  }
}

if (!process.argv.includes('--force') && current()) {
  log(`better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch}) is up to date.`);
  process.exit(0);
}
if (process.argv.includes('--check')) {
  log(`${target} is missing or not built for better-sqlite3 ${sqliteVersion} on Electron ${electronVersion} (${platform}-${arch}); run node scripts/electron-native.mjs.`);
  process.exit(1);
}

// npm passes its config down as npm_config_* variables; this machine's nodedir (Node's headers) or a stray
// target/runtime would make node-gyp build for the wrong ABI. Everything that matters is given explicitly.
const env = { ...process.env };
for (const key of Object.keys(env)) {
  if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|build_from_source|arch|platform)$/i.test(key)) delete env[key];
}

const work = mkdtempSync(join(tmpdir(), 'dealbook-native-'));
const pkgDir = join(work, 'better-sqlite3');
const built = join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
const failures = [];

function run(step, what, command, args, timeoutMs) {
  log(`${what}...`);
  const result = spawnSync(command, args, { cwd: pkgDir, env, stdio: 'inherit', timeout: timeoutMs });
  if (result.error) failures.push(`${step}: ${result.error.message}`);
  else if (result.status !== 0) failures.push(`${step}: failed (exit ${result.status ?? result.signal}; see its output above)`);
  return result.status === 0 && existsSync(built);
}

function resolveTool(spec) {
  try {
    return require.resolve(spec);
  } catch {
    try {
      return createRequire(join(sqliteDir, 'package.json')).resolve(spec);
    } catch {
      return null;
    }
  }
}

try {
  // A private copy, so the Node build in node_modules is never replaced.
  cpSync(sqliteDir, pkgDir, { recursive: true, filter: (src) => src !== join(sqliteDir, 'build') && !src.startsWith(join(sqliteDir, 'node_modules')) });

  const prebuild = resolveTool('prebuild-install/bin.js');
  let ok = false;
  if (prebuild) {
    ok = run(
      'prebuilt download',
      `Downloading prebuilt better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${platform}-${arch})`,
      process.execPath,
      [prebuild, '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, `--platform=${platform}`, '--verbose'],
      5 * 60_000,
    );
  } else failures.push('prebuilt download: prebuild-install is not installed (run npm install)');

  if (!ok) {
    const gyp = resolveTool('node-gyp/bin/node-gyp.js');
    if (gyp) {
      ok = run(
        'compile with node-gyp',
        `Compiling better-sqlite3 against Electron ${electronVersion} headers`,
        process.execPath,
        [gyp, 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers'],
        30 * 60_000,
      );
    } else failures.push('compile: node-gyp is not installed (run npm install)');
  }

  if (!ok) {
    console.error(
      [
        '',
        `[electron-native] Could not get better-sqlite3 ${sqliteVersion} built for Electron ${electronVersion} (${platform}-${arch}).`,
        ...failures.map((f) => `  - ${f}`),
        '',
        '  The desktop app needs this once per Electron version, and getting it needs internet: a prebuilt binary',
        '  from GitHub, or Electron\'s headers to compile one (compiling also needs Python 3 and a C++ toolchain).',
        '  Then run `npm start` again. Tests, browser mode and the CLI use the Node build and do not need it.',
        '',
      ].join('\n'),
    );
    process.exitCode = 1;
  } else {
    mkdirSync(outDir, { recursive: true });
    copyFileSync(built, target);
    writeFileSync(stampFile, JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2) + '\n');
    log(`Installed ${target}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
