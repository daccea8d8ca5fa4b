import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openBook } from '../../electron/db/connection';
import { BIN } from './cli';
import type { EditOp, EditorLine, Snapshot } from './crash-edits-model';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const EDITOR = fileURLToPath(new URL('./crash-editor.ts', import.meta.url));

/** What a test needs to know about a book after a crash or a race. */
export type BookState = {
  integrity: string;
  version: number;
  deals: number;
  parties: number;
  batches: number;
  /** Deals whose notes start with a marker, per marker asked for. */
  marked: Map<string, number>;
  /** id -> notes and term of every deal (empty when rows: false). */
  snapshot: Snapshot;
};

/**
 * Open the book as the app would after a crash (read-write: SQLite recovers the WAL) or read-only (as
 * `dealbook check` does, leaving the WAL for the next process), and read its state.
 */
export async function inspectBook(path: string, options: { readonly?: boolean; markers?: string[]; rows?: boolean } = {}): Promise<BookState> {
  const { db } = await openBook(path, { readonly: Boolean(options.readonly) });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    const snapshot: Snapshot = new Map();
    const rows = options.rows === false ? [] : (db.prepare('SELECT id, notes, term_years FROM deals').all() as { id: number; notes: string | null; term_years: number }[]);
    for (const r of rows) snapshot.set(r.id, { notes: r.notes, term: r.term_years });
    const marked = new Map<string, number>();
    for (const m of options.markers ?? []) marked.set(m, count(`SELECT count(*) AS n FROM deals WHERE notes LIKE ? || '%'`, m));
    return {
      integrity: integrity.join('; '),
      version: db.pragma('user_version', { simple: true }) as number,
      deals: count('SELECT count(*) AS n FROM deals'),
      parties: count('SELECT count(*) AS n FROM parties'),
      batches: count('SELECT count(*) AS n FROM batches'),
      marked,
      snapshot,
    };
  } finally {
    db.close();
  }
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A valid CSV of n investment rows whose notes all start with marker (distinct parties: 40 x 60). */
export function writeImportCsv(path: string, n: number, marker: string): void {
  const lines = ['announced,from_party,to_party,kind,status,amount_usd,cash_usd,credit_usd,term_years,notes'];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`2024-${String(1 + (i % 12)).padStart(2, '0')}-${day},Fund ${i % 40},Lab ${i % 60},investment,announced,${(i + 1) * 1e6},${i * 5e5},0,${1 + (i % 10)},${marker} row ${i}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

/** Start the built CLI without waiting for it. */
export function spawnCli(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Bundle crash-editor.ts into one .mjs with vite (already a dev dependency), for tests that start it many
 * times: the bundle starts in about a tenth of a second, tsx in about half a second.
 */
export async function bundleEditor(outDir: string): Promise<string> {
  const { build } = await import('vite');
  // The native module stays outside the bundle, imported from where it is installed.
  const sqlite = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;
  await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    ssr: { noExternal: true },
    build: {
      ssr: EDITOR,
      outDir,
      emptyOutDir: false,
      minify: false,
      target: 'node20',
      rollupOptions: { external: ['better-sqlite3'], output: { format: 'esm', entryFileNames: 'crash-editor.mjs', paths: { 'better-sqlite3': sqlite } } },
    },
  });
  return join(outDir, 'crash-editor.mjs');
}

/**
 * Start the edit child: crash-editor.ts under tsx, or its bundle (bundleEditor). Count 0 edits until killed
 * or sent "stop" on stdin.
 */
export function spawnEditor(book: string, seed: number, count = 0, bundle?: string): ChildProcess {
  const script = bundle ? [bundle] : ['--import', 'tsx', EDITOR];
  // The book's connection requires better-sqlite3 (electron/db/connection.ts), which a bundle in a temp folder
  // finds through NODE_PATH: the checkout's own node_modules.
  const env = bundle ? { ...process.env, NODE_PATH: join(ROOT, 'node_modules') } : process.env;
  return spawn(process.execPath, [...script, book, String(seed), String(count)], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number };

/** Collect a child's output and resolve when it exits. */
export function exited(child: ChildProcess): Promise<Exit> {
  const started = Date.now();
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - started }));
  });
}

/** Resolve once the child printed a line matching test (or reject when it exits first). */
export function printed(child: ChildProcess, test: RegExp, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no ${test} within ${timeoutMs} ms: ${out}${err}`)), timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (test.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before printing ${test}: ${out}${err}`));
    });
  });
}

/** The edit child's complete lines: confirmed ops in order, the op in flight when it died, failures. */
export function editorReport(stdout: string): {
  confirmed: EditOp[];
  pending: EditOp | null;
  failures: { code: string; message: string }[];
  done: boolean;
  /** The longest an edit took, waiting for the book included. */
  slowestMs: number;
} {
  // A line cut short by the kill has no newline yet: it was never printed, so it promises nothing.
  const lines = stdout.split('\n').slice(0, -1).map((l) => JSON.parse(l) as EditorLine);
  const confirmed: EditOp[] = [];
  const failures: { code: string; message: string }[] = [];
  let pending: EditOp | null = null;
  let done = false;
  let slowestMs = 0;
  for (const line of lines) {
    if ('try' in line) pending = line.try;
    if ('ok' in line) {
      confirmed.push(line.ok);
      slowestMs = Math.max(slowestMs, line.ms);
      pending = null;
    }
    if ('fail' in line) {
      failures.push(line.fail);
      pending = null;
    }
    if ('done' in line) done = true;
  }
  return { confirmed, pending, failures, done, slowestMs };
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
