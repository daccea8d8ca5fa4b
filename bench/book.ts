import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBook } from '../electron/db/connection';
import { openServiceWithInternals as openService } from '../electron/service/book';
import type { ServiceWithInternals as Service } from '../electron/service/service';
import { startHttpServer } from '../electron/transports/http-server';
import { computeAggregates } from '../shared/analytics/aggregates';
import { findCycles } from '../shared/analytics/cycles';
import { DEAL_FIELDS } from '../shared/model/deal';
import { build as esbuild } from 'esbuild';
import { rawInsert } from './raw-insert';

const BIN = fileURLToPath(new URL('../bin/dealbook.mjs', import.meta.url));

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

function time<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const value = fn();
  return [performance.now() - t0, value];
}

/** Import through the real CLI (a whole process, as an analyst runs it) into a fresh book. */
export async function cliImport(dir: string, csvPath: string): Promise<{ ms: number; book: string }> {
  const book = join(dir, `cli-${Date.now()}.dealbook`);
  spawnSync(process.execPath, [BIN, 'new', '--book', book]);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'import', '--book', book, csvPath], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`CLI import failed: ${r.stderr}`);
  return { ms, book };
}

/**
 * The raw baseline: the same parser, then one prepared INSERT per row in one transaction, no validation,
 * no history. Timed in this process: open + parse + insert.
 */
export async function rawImport(dir: string, csvText: string): Promise<number> {
  const { db } = await openBook(join(dir, `raw-${Date.now()}.dealbook`), { create: true });
  const t0 = performance.now();
  rawInsert(db, csvText);
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

const RAW_CHILD = fileURLToPath(new URL('../out/bench/raw-import-child.mjs', import.meta.url));
const EXPORT_CHILD = fileURLToPath(new URL('../out/bench/export-child.mjs', import.meta.url));

/** Bundle the raw baseline and the export's phases as plain Node scripts, so they start as fast as the built CLI. */
export async function buildRawChild(): Promise<void> {
  for (const [entry, outfile] of [['./raw-import-child.ts', RAW_CHILD], ['./export-child.ts', EXPORT_CHILD]] as const) {
    await esbuild({
      entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['better-sqlite3'],
      logLevel: 'warning',
    });
  }
}

/** Where a whole-process export's time goes, in ms: start (Node and the code), open, read, derive, csv, write; gc spread over them. */
export type ExportPhases = { start: number; open: number; read: number; derive: number; csv: number; write: number; gc: number; exit: number; wall: number };

/**
 * The export's phases as a process, the median run of three for `dealbook export`'s steps and for the baseline
 * (read the same rows, write them as text). `exit` is what the process took after its last step (the wall clock
 * of the spawn minus the child's own clock).
 */
export function exportPhases(book: string, dir: string): { app: ExportPhases; raw: ExportPhases } {
  const run = (raw: boolean): ExportPhases => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [EXPORT_CHILD, book, join(dir, 'phases.csv'), ...(raw ? ['--raw'] : [])], { encoding: 'utf8' });
    const wall = performance.now() - t0;
    if (r.status !== 0) throw new Error(`export phases failed: ${r.stderr}`);
    const p = JSON.parse(r.stdout) as Omit<ExportPhases, 'exit' | 'wall'> & { total: number };
    return { ...p, exit: Math.max(0, wall - p.total), wall };
  };
  const middle = (raw: boolean) => {
    const runs = [run(raw), run(raw), run(raw)].sort((a, b) => a.wall - b.wall);
    return runs[1]!;
  };
  return { app: middle(false), raw: middle(true) };
}

/**
 * The raw baseline as a whole process, next to `dealbook import`: both start Node, read the file, parse it and
 * write one transaction into a book made beforehand. This is the pair the import goal compares.
 */
export async function rawImportProcess(dir: string, csvPath: string): Promise<number> {
  const book = join(dir, `raw-child-${Date.now()}.dealbook`);
  (await openBook(book, { create: true })).db.close();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [RAW_CHILD, book, csvPath], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`raw import process failed: ${r.stderr}`);
  return ms;
}

/** Import in-process through the service, the code path the CLI and the app share. */
export async function serviceImport(dir: string, csvText: string): Promise<{ ms: number; service: Service }> {
  const service = await openService(join(dir, `svc-${Date.now()}.dealbook`), { create: true });
  const [ms, report] = time(() => service.importCsv({ text: csvText }));
  if (report.imported === 0) throw new Error(`import failed: ${JSON.stringify(report.problems.slice(0, 3))}`);
  return { ms, service };
}

export type ExportNumbers = { ms: number; rawMs: number; coldMs: number; cliMs: number };

/**
 * Export with derived columns three ways: from the open book (rows already in memory, as the app's Export button
 * finds them), first thing after opening the book (read, derive, write), and `dealbook export` as a whole process.
 */
export async function exportTimes(service: Service, dir: string): Promise<ExportNumbers> {
  // The rows a window holds once it has opened the book (an import before this leaves none): exportCsv writes
  // from them. Without rows held it reads the deals again each time (the first export after opening, below).
  service.listDeals({});
  // Each run writes the text: the one the service keeps for the next export of the same view is let go first.
  const runs = [1, 2, 3].map(() => {
    service.dropExportViews();
    return time(() => service.exportCsv({}))[0];
  });
  // Baseline: read the same rows and join them as text, no derived columns, no quoting rules.
  const raw = [1, 2, 3].map(
    () =>
      time(() => {
        const rows = service.repos.deals.all();
        return rows.map((r) => DEAL_FIELDS.map((f) => String(r[f] ?? '')).join(',')).join('\r\n');
      })[0],
  );
  const book = service.bookInfo({}).path;
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    const fresh = await openService(book);
    cold.push(time(() => fresh.exportCsv({}))[0]);
    fresh.close();
  }
  const cli = [1, 2, 3].map(() => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [BIN, 'export', '--book', book, '--out', join(dir, 'export.csv')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`CLI export failed: ${r.stderr}`);
    return performance.now() - t0;
  });
  return { ms: median(runs), rawMs: median(raw), coldMs: median(cold), cliMs: median(cli) };
}

/**
 * Opening a book to write it (what the app, `serve`, `import` and `export` do), and the share of that spent on the
 * damage check: SQLite's quick_check over every page, timed alone on a read-only connection. Medians of three.
 */
export async function openTimes(book: string): Promise<{ openMs: number; checkMs: number; readonlyOpenMs: number }> {
  const opens: number[] = [];
  const checks: number[] = [];
  const readonly: number[] = [];
  for (let i = 0; i < 3; i++) {
    let t0 = performance.now();
    (await openBook(book)).db.close();
    opens.push(performance.now() - t0);
    t0 = performance.now();
    const { db } = await openBook(book, { readonly: true });
    readonly.push(performance.now() - t0);
    checks.push(time(() => db.pragma('quick_check(5)'))[0]);
    db.close();
  }
  return { openMs: median(opens), checkMs: median(checks), readonlyOpenMs: median(readonly) };
}

/**
 * Aggregates over a rows array just read: the first call (it builds the columns the later ones share, on code not
 * yet optimised) timed on its own, then the median of seven more, as the window recomputes the same rows after a
 * filter or a repeat. (The first call used to be one of five samples, pulling the median toward the slow second.)
 */
export function analysisTimes(service: Service): { aggregatesMs: number; aggregatesFirstMs: number; cyclesMs: number; cycles: number } {
  const deals = service.repos.deals.all();
  const [first] = time(() => computeAggregates(deals));
  const agg = [1, 2, 3, 4, 5, 6, 7].map(() => time(() => computeAggregates(deals))[0]);
  const cyc = [1, 2, 3].map(() => time(() => findCycles(deals))[0]);
  return { aggregatesMs: median(agg), aggregatesFirstMs: first, cyclesMs: median(cyc), cycles: findCycles(deals).length };
}

/** Edit -> saved -> pair refreshed, over the loopback API as the browser does it, against a bare UPDATE. */
export async function editTimes(service: Service, count = 200): Promise<{ p50: number; p95: number; rawP50: number; rawP95: number }> {
  const server = await startHttpServer({ handlers: service });
  // As an analyst's edits come after the window has opened: the server has made the JSON it makes as it starts.
  await server.warmed;
  const ids = service.repos.deals.all().map((d) => d.id);
  const pick = (i: number) => ids[(i * 7919) % ids.length]!;
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${server.port}/api/updateDeal`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
        body: JSON.stringify({ id: pick(i), changes: { notes: `bench edit ${i}` } }),
      });
      const body = (await res.json()) as { ok: boolean };
      times.push(performance.now() - t0);
      if (!body.ok) throw new Error(`edit failed: ${JSON.stringify(body)}`);
    }
  } finally {
    await server.close();
  }
  const update = service.repos.db.prepare('UPDATE deals SET notes = ? WHERE id = ?');
  const raw = Array.from({ length: count }, (_, i) => time(() => update.run(`raw edit ${i}`, pick(i)))[0]);
  service.dropCache();
  return { p50: percentile(times, 50), p95: percentile(times, 95), rawP50: percentile(raw, 50), rawP95: percentile(raw, 95) };
}

export function writeCsv(path: string, text: string): void {
  writeFileSync(path, text, 'utf8');
}
