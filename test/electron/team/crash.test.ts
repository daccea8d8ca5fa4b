import { afterEach, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { BIN, dealbook } from '../../helpers/cli';
import { parsePgBook } from '../../../electron/pg/book-url';
import { describePg, tempPgBook, TEST_PG } from '../../helpers/pg';
import { addUsers, signIn, signedIn } from '../../helpers/team-server';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

function serveTeam(url: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--book', url, '--team'], { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => void child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = / at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, base: m[1]! });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
}

const CELLS = 40;

describePg('a team server killed mid-write', () => {
  it('leaves nothing half written, and another server of the book carries on', async () => {
    const t = tempPgBook('crash');
    cleanups.push(t.drop);
    expect(dealbook(['new', '--book', t.url]).code).toBe(0);
    await addUsers(t.url, { eve: 'editor' });
    const a = await serveTeam(t.url);
    const b = await serveTeam(t.url);
    const eve = signedIn(await signIn(a.base, 'eve'));
    for (let i = 0; i < CELLS; i++) {
      expect((await eve.call('addDeal', { values: { announced: '2025-01-01', from_party: `F${i}`, to_party: `T${i}`, kind: 'investment', amount_usd: '1B' } })).body.ok).toBe(true);
    }
    // Pastes of every deal's notes, one after another, until the process is killed in the middle of one.
    let round = 0;
    const pasting = (async () => {
      for (;;) {
        round++;
        const cells = Array.from({ length: CELLS }, (_, i) => ({ id: i + 1, field: 'notes', value: `round ${round}` }));
        try {
          await eve.call('updateCells', { cells });
        } catch {
          return;
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 1500));
    a.child.kill('SIGKILL');
    await pasting;

    const client = new pg.Client({ connectionString: TEST_PG });
    await client.connect();
    cleanups.push(() => client.end());
    const schema = parsePgBook(t.url).schema;
    const notes = (await client.query<{ notes: string | null }>(`SELECT notes FROM ${schema}.deals ORDER BY id`)).rows.map((r) => r.notes);
    // One value across every deal: the last paste that committed, whole; none half applied.
    expect(new Set(notes).size).toBe(1);
    expect(notes[0]).toMatch(/^round \d+$/);
    const steps = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.batches b WHERE NOT EXISTS (SELECT 1 FROM ${schema}.edits e WHERE e.batch_id = b.id)`)).rows[0]!.n;
    expect(steps).toBe(0);
    const check = dealbook(['check', '--book', t.url]);
    expect(check.code, check.stdout + check.stderr).toBe(0);

    // The other server goes on: Eve signs in there (her session is in the book, so her cookie works there too).
    const again = signedIn(await signIn(b.base, 'eve'));
    const r = await again.call('updateCells', { cells: [{ id: 1, field: 'notes', value: 'after the crash' }] });
    expect(r.body.ok).toBe(true);
    const moved = await fetch(new URL('/api/listDeals', b.base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: eve.cookie.split(';')[0]!, Authorization: `Bearer ${eve.csrf}` },
      body: '{}',
    });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { value: { notes: string }[] }).value[0]!.notes).toBe('after the crash');
  }, 120_000);
});
