// `npm run bench`, team section: 20 simulated analysts editing one team book through two `dealbook serve --team`
// processes on one PostgreSQL for BENCH_TEAM_SECONDS (60), beside the same edits on a file book through browser
// mode; save latency, time for a change to reach the other windows, and lost or duplicated writes (must be 0).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openStore } from '../electron/service/open-store';
import { openPgBook } from '../electron/pg/connection';
import { usersRepo } from '../electron/pg/users-repo';
import { hashPassword } from '../electron/team/passwords';
import { percentile } from './book';

const BIN = fileURLToPath(new URL('../bin/dealbook.mjs', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../scripts/pg-test-cluster.sh', import.meta.url));
const ANALYSTS = Number(process.env.BENCH_TEAM_ANALYSTS ?? 20);
const DEALS_EACH = 10;
const SECONDS = Number(process.env.BENCH_TEAM_SECONDS ?? 60);
const PASSWORD = 'bench-password-1';
// Node flags for the server processes only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`: where a save's time goes).
const SERVER_NODE_ARGS = (process.env.BENCH_TEAM_SERVER_ARGS ?? '').split(' ').filter(Boolean);
export const TEAM_GOALS = { saveP95: 50, reachP95: 300 };

export type TeamRow = { book: string; servers: number; saves: number; refused: number; saveP50: number; saveP95: number; reachP50: number; reachP95: number; lost: number; duplicated: number };

type Endpoint = { base: string; headers: Record<string, string> };

/** One deal per pair of parties of its own, so an edit's event carries exactly its deal. */
function seedCsv(): string {
  const lines = ['announced,from_party,to_party,kind,amount_usd,notes'];
  for (let a = 0; a < ANALYSTS; a++) for (let d = 0; d < DEALS_EACH; d++) lines.push(`2025-01-01,Fund ${a}-${d},Lab ${a}-${d},investment,1B,`);
  return lines.join('\n') + '\n';
}

function serve(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = / at (https?:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

async function signIn(base: string, name: string): Promise<Endpoint> {
  const res = await fetch(new URL('/login', base), {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name, password: PASSWORD }).toString(),
  });
  if (res.status !== 303) throw new Error(`bench sign-in of ${name} refused: ${res.status}`);
  const csrf = new URL(res.headers.get('location')!, base).searchParams.get('token')!;
  return { base, headers: { Cookie: res.headers.get('set-cookie')!.split(';')[0]!, Authorization: `Bearer ${csrf}` } };
}

/** POST a JSON body; the answer's JSON. */
function post(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent, headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        try {
          resolve(JSON.parse(text));
        } catch (err) {
          reject(err);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The analysts edit for SECONDS; each window records when the others' values reach it. */
async function drive(endpoints: Endpoint[]): Promise<{ saves: number[]; reach: number[]; acked: Map<number, string>; ackedCount: number; refused: number }> {
  const sentAt = new Map<string, number>();
  const saves: number[] = [];
  const reach: number[] = [];
  const acked = new Map<number, string>();
  let ackedCount = 0;
  let refused = 0;
  const stops: AbortController[] = [];
  const ready: Promise<void>[] = [];
  endpoints.forEach((ep, a) => {
    const controller = new AbortController();
    stops.push(controller);
    const seen = new Set<string>();
    ready.push(new Promise<void>((opened) => {
      // node:http, not fetch: 20 windows' streams and saves share this one process, and undici's WHATWG streams
      // cost several times the CPU per event; the process's own queue would then be measured as the servers'.
      const req = httpRequest(new URL('/events', ep.base), { headers: { ...ep.headers, 'X-Dealbook-Tab': `bench${a}` }, signal: controller.signal }, (res) => {
        res.setEncoding('utf8');
        let buffer = '';
        opened();
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (!data) continue;
            for (const row of (JSON.parse(data) as { changed?: { notes: string | null }[] }).changed ?? []) {
              const note = row.notes ?? '';
              if (!note.startsWith('a') || note.startsWith(`a${a}:`) || seen.has(note)) continue;
              seen.add(note);
              const sent = sentAt.get(note);
              if (sent !== undefined) reach.push(at - sent);
            }
          }
        });
        res.on('error', () => {});
      });
      req.on('error', () => opened());
      req.end();
    }));
  });
  await Promise.all(ready);
  // Each analyst's saves on a connection of their own, kept open, as a browser tab's would be.
  const agents = endpoints.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(endpoints.map(async (ep, a) => {
    const mine = Array.from({ length: DEALS_EACH }, (_, d) => a * DEALS_EACH + d + 1);
    const last = new Map<number, string | null>();
    for (let n = 1; performance.now() < end; n++) {
      const id = mine[n % DEALS_EACH]!;
      const value = `a${a}:${n}`;
      const t0 = performance.now();
      sentAt.set(value, t0);
      const body = (await post(agents[a]!, new URL('/api/updateDeal', ep.base), { ...ep.headers, 'X-Dealbook-Tab': `bench${a}` },
        JSON.stringify({ id, changes: { notes: value }, base: { notes: last.get(id) ?? null } }))) as { ok: boolean };
      if (body.ok) {
        saves.push(performance.now() - t0);
        last.set(id, value);
        acked.set(id, value);
        ackedCount++;
      } else {
        refused++;
      }
      // An analyst's pause between edits: 100-300 ms.
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }));
  // Let the last events arrive before the windows close.
  await new Promise((r) => setTimeout(r, 1000));
  stops.forEach((c) => c.abort());
  agents.forEach((agent) => agent.destroy());
  return { saves, reach, acked, ackedCount, refused };
}

function row(book: string, servers: number, run: Awaited<ReturnType<typeof drive>>, lost: number, duplicated: number): TeamRow {
  return {
    book, servers, saves: run.ackedCount, refused: run.refused,
    saveP50: percentile(run.saves, 50), saveP95: percentile(run.saves, 95),
    reachP50: percentile(run.reach, 50), reachP95: percentile(run.reach, 95), lost, duplicated,
  };
}

/** Notes every deal holds now, against each analyst's last saved value; history rows of notes, against saves. */
function countLost(deals: { id: number; notes: string | null }[], acked: Map<number, string>): number {
  let lost = 0;
  for (const [id, value] of acked) if (deals.find((d) => d.id === id)?.notes !== value) lost++;
  return lost;
}

async function teamRun(url: string): Promise<TeamRow> {
  const setup = await openStore(url, { create: true });
  await setup.handlersFor('bench').importCsv({ text: seedCsv() });
  await setup.close();
  const opened = await openPgBook(url, { max: 2 });
  const users = usersRepo(opened.pool);
  const hash = await hashPassword(PASSWORD);
  for (let a = 0; a < ANALYSTS; a++) await users.add(`a${a}`, 'editor', hash, new Date().toISOString());
  const servers = [await serve(['--book', url, '--team']), await serve(['--book', url, '--team'])];
  try {
    const endpoints = await Promise.all(Array.from({ length: ANALYSTS }, (_, a) => signIn(servers[a % 2]!.url, `a${a}`)));
    const run = await drive(endpoints);
    const deals = (await opened.pool.query<{ id: number; notes: string | null }>('SELECT id, notes FROM deals')).rows;
    const logged = (await opened.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM edits WHERE field = 'notes'`)).rows[0]!.n;
    return row('team book (PostgreSQL)', 2, run, countLost(deals, run.acked) + Math.max(0, run.ackedCount - logged), Math.max(0, logged - run.ackedCount));
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
    await opened.pool.end();
  }
}

async function fileRun(dir: string): Promise<TeamRow> {
  const path = join(dir, 'team-bench.dealbook');
  const setup = await openStore(path, { create: true });
  await setup.handlersFor('bench').importCsv({ text: seedCsv() });
  await setup.close();
  const server = await serve(['--book', path]);
  try {
    const u = new URL(server.url);
    const token = u.searchParams.get('token')!;
    const endpoint = { base: `${u.protocol}//${u.host}/`, headers: { Authorization: `Bearer ${token}` } };
    const run = await drive(Array.from({ length: ANALYSTS }, () => endpoint));
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    const store = await openStore(path);
    const deals = await store.handlersFor('bench').listDeals({});
    await store.close();
    const db = execFileSync(process.execPath, ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(path)},{readonly:true});process.stdout.write(String(d.prepare("SELECT count(*) n FROM edits WHERE field='notes'").get().n))`], { encoding: 'utf8', cwd: fileURLToPath(new URL('..', import.meta.url)) });
    const logged = Number(db);
    return row('file book (SQLite)', 1, run, countLost(deals, run.acked) + Math.max(0, run.ackedCount - logged), Math.max(0, logged - run.ackedCount));
  } finally {
    server.child.kill('SIGTERM');
  }
}

/** PostgreSQL for the bench: DEALBOOK_TEST_PG, or a throwaway cluster of its own; null when there is none. */
function postgres(): { url: string; stop: () => void } | null {
  if (process.env.DEALBOOK_TEST_PG) return { url: process.env.DEALBOOK_TEST_PG, stop: () => {} };
  const env = { ...process.env, DEALBOOK_PG_DIR: join(tmpdir(), 'dealbook-pg-bench'), DEALBOOK_PG_PORT: '54339' };
  try {
    const out = execFileSync(SCRIPT, ['start'], { env, encoding: 'utf8' });
    return { url: /DEALBOOK_TEST_PG='([^']+)'/.exec(out)![1]!, stop: () => void execFileSync(SCRIPT, ['stop'], { env }) };
  } catch {
    return null;
  }
}

export async function teamBench(): Promise<{ rows: TeamRow[]; skipped?: string }> {
  if (!existsSync(BIN)) throw new Error('bin/dealbook.mjs is missing');
  const db = postgres();
  if (!db) return { rows: [], skipped: 'no PostgreSQL (install Debian\'s postgresql, or set DEALBOOK_TEST_PG)' };
  const schema = `bench_${Date.now().toString(36)}`;
  const url = `${db.url}${db.url.includes('?') ? '&' : '?'}schema=${schema}`;
  const dir = mkdtempSync(join(tmpdir(), 'dealbook-team-bench-'));
  try {
    process.stderr.write(`bench: team book, ${ANALYSTS} analysts, 2 servers, ${SECONDS} s...\n`);
    const team = await teamRun(url);
    // BENCH_TEAM_FILE=0 leaves out the file book's run (while iterating on the team book).
    if (process.env.BENCH_TEAM_FILE === '0') return { rows: [team] };
    process.stderr.write(`bench: file book, ${ANALYSTS} analysts, ${SECONDS} s...\n`);
    const file = await fileRun(dir);
    return { rows: [team, file] };
  } finally {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect().then(() => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).finally(() => c.end()).catch(() => {});
    db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');

export function teamTable(rows: TeamRow[]): string {
  const lines = [
    `| book | servers | analysts x seconds | saves (refused) | save p50/p95 ms | reach p50/p95 ms | lost | duplicated |`,
    '| --- | ---: | --- | ---: | --- | --- | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(`| ${r.book} | ${r.servers} | ${ANALYSTS} x ${SECONDS} | ${r.saves} (${r.refused}) | ${f(r.saveP50)}/${f(r.saveP95)} | ${f(r.reachP50)}/${f(r.reachP95)} | ${r.lost} | ${r.duplicated} |`);
  }
  return lines.join('\n');
}

export function teamGoals(rows: TeamRow[]): string[] {
  const team = rows[0];
  if (!team) return [];
  const checks: [string, boolean, string][] = [
    ['team book: save p95 <= 50 ms', team.saveP95 <= TEAM_GOALS.saveP95, `${f(team.saveP95)} ms`],
    ['team book: reach p95 <= 300 ms', team.reachP95 <= TEAM_GOALS.reachP95, `${f(team.reachP95)} ms`],
    ...rows.map((r): [string, boolean, string] => [`${r.book}: 0 lost or duplicated writes`, r.lost === 0 && r.duplicated === 0, `${r.lost} lost, ${r.duplicated} duplicated`]),
  ];
  return checks.map(([name, met, value]) => `${met ? 'met   ' : 'MISSED'} ${name}: ${value}`);
}
