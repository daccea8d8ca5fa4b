import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBook } from '../electron/db/connection';
import { openService } from '../electron/service/book';
import type { Service } from '../electron/service/service';
import { startHttpServer } from '../electron/transports/http-server';
import { parseCsv } from '../shared/csv-parse';
import { computeAggregates } from '../shared/aggregates';
import { findCycles } from '../shared/cycles';
import { DEAL_FIELDS } from '../shared/deal';

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
 * no history. Run in a child-free way but with a fresh process-like cost: open + parse + insert.
 */
export async function rawImport(dir: string, csvText: string): Promise<number> {
  const { db } = await openBook(join(dir, `raw-${Date.now()}.dealbook`), { create: true });
  const t0 = performance.now();
  const parsed = parseCsv(csvText);
  const col = new Map(parsed.header.map((h, i) => [h, i]));
  const parties = new Map<string, number>();
  const insertParty = db.prepare('INSERT INTO parties (name) VALUES (?)');
  const insertDeal = db.prepare(
    `INSERT INTO deals (announced, from_party_id, to_party_id, kind, status, amount_usd, cash_usd, credit_usd, term_years, start, capacity_mw, source_url, notes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const party = (name: string) => {
    let id = parties.get(name);
    if (id === undefined) parties.set(name, (id = Number(insertParty.run(name).lastInsertRowid)));
    return id;
  };
  const num = (s: string | undefined) => (s ? Number(s) : null);
  const str = (s: string | undefined) => (s ? s : null);
  db.transaction(() => {
    for (const { cells } of parsed.rows) {
      const c = (f: string) => cells[col.get(f)!];
      insertDeal.run(
        c('announced'), party(c('from_party')!), party(c('to_party')!), c('kind'), c('status'), num(c('amount_usd')),
        num(c('cash_usd')), num(c('credit_usd')), Number(c('term_years')), str(c('start')), num(c('capacity_mw')),
        str(c('source_url')), str(c('notes')),
      );
    }
  }).immediate();
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

/** Import in-process through the service, the code path the CLI and the app share. */
export async function serviceImport(dir: string, csvText: string): Promise<{ ms: number; service: Service }> {
  const service = await openService(join(dir, `svc-${Date.now()}.dealbook`), { create: true });
  const [ms, report] = time(() => service.importCsv({ text: csvText }));
  if (report.imported === 0) throw new Error(`import failed: ${JSON.stringify(report.problems.slice(0, 3))}`);
  return { ms, service };
}

export function exportTimes(service: Service): { ms: number; rawMs: number } {
  const runs = [1, 2, 3].map(() => time(() => service.exportCsv({}))[0]);
  // Baseline: read the same rows and join them as text, no derived columns, no quoting rules.
  const raw = [1, 2, 3].map(
    () =>
      time(() => {
        const rows = service.repos.deals.all();
        return rows.map((r) => DEAL_FIELDS.map((f) => String(r[f] ?? '')).join(',')).join('\r\n');
      })[0],
  );
  return { ms: median(runs), rawMs: median(raw) };
}

export function analysisTimes(service: Service): { aggregatesMs: number; cyclesMs: number; cycles: number } {
  const deals = service.repos.deals.all();
  const agg = [1, 2, 3, 4, 5].map(() => time(() => computeAggregates(deals))[0]);
  const cyc = [1, 2, 3].map(() => time(() => findCycles(deals))[0]);
  return { aggregatesMs: median(agg), cyclesMs: median(cyc), cycles: findCycles(deals).length };
}

/** Edit -> saved -> pair refreshed, over the loopback API as the browser does it, against a bare UPDATE. */
export async function editTimes(service: Service, count = 200): Promise<{ p50: number; p95: number; rawP50: number; rawP95: number }> {
  const server = await startHttpServer({ handlers: service });
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
