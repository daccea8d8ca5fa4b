import { afterEach, expect, it } from 'vitest';
import pg from 'pg';
import type { BookEvent } from '../../../shared/protocol/contract';
import { TEAM_SERVER } from '../../../electron/team/live';
import { parsePgBook } from '../../../electron/pg/book-url';
import { describePg, ownCluster, tempPgBook } from '../../helpers/pg';
import { addUsers, signIn, signedIn, teamServer } from '../../helpers/team-server';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

function collect(server: Awaited<ReturnType<typeof teamServer>>): BookEvent[] {
  const seen: BookEvent[] = [];
  const stop = server.store.events.subscribe((e) => seen.push(e));
  cleanups.push(() => void stop());
  return seen;
}

async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never saw ${what}`);
}

const DEAL = { values: { announced: '2025-01-02', from_party: 'Amazon', to_party: 'OpenAI', kind: 'investment', amount_usd: '5B' } };

async function twoServers(url: string) {
  await addUsers(url, { eve: 'editor', bob: 'editor' });
  const a = await teamServer(url);
  cleanups.push(a.stop);
  const b = await teamServer(url);
  cleanups.push(b.stop);
  return { a, b };
}

describePg('live team books', () => {
  it('pushes a write made through one server process to the windows of another, over its event stream', async () => {
    const t = tempPgBook('live');
    cleanups.push(t.drop);
    const { a, b } = await twoServers(t.url);
    const eve = signedIn(await signIn(a.url, 'eve'));
    const bob = signedIn(await signIn(b.url, 'bob'));
    const seenByB = collect(b);

    // Bob's tab listens to server b as a browser would (cookie, token in the address).
    const controller = new AbortController();
    cleanups.push(() => controller.abort());
    const sse = await fetch(new URL(`/events?token=${bob.csrf}`, b.url), { headers: { Cookie: bob.cookie.split(';')[0]! }, signal: controller.signal });
    expect(sse.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = sse.body!.getReader();
    let text = '';

    expect((await eve.call('addDeal', DEAL)).body.ok).toBe(true);
    const event = await until('the add on b', () => seenByB.find((e) => e.label === 'Add deal'));
    expect(event).toMatchObject({ by: 'eve in tab', changed: [expect.objectContaining({ id: 1, from_party: 'Amazon', amount_usd: 5e9 })] });
    while (!/data: \{.*"label":"Add deal"/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/^: open\n\nevent: reset\n/);
    expect(text).toMatch(/"by":"eve in tab"/);
    // Eve's step does not change Bob's Undo: his tab gets his own (empty) undo stack with it.
    const pushed = JSON.parse(/data: (\{.*"label":"Add deal".*\})\n/.exec(text)![1]!) as BookEvent;
    expect(pushed).toMatchObject({ by: 'eve in tab', undoLabel: null, redoLabel: null });
    // ...while Eve's own windows are told hers.
    expect(event.undoLabel).toBe('Add deal');

    // And the other way, with the derived values of the pair fresh on the receiving side.
    expect((await bob.call('addDeal', { values: { ...DEAL.values, from_party: 'OpenAI', to_party: 'Amazon', kind: 'purchase', amount_usd: '2B' } })).body.ok).toBe(true);
    const seenByA = collect(a);
    expect((await bob.call('updateDeal', { id: 2, changes: { amount_usd: '3B' } })).body.ok).toBe(true);
    const back = await until('bob\'s edit on a', () => seenByA.find((e) => e.by === 'bob in tab' && e.label === 'Edit amount_usd'));
    expect(back.changed.find((r) => r.id === 1)!.round_trip_ratio).toBeCloseTo(3 / 5, 12);
  });

  it('survives PostgreSQL restarting: an edit in flight is committed or refused clearly, the servers reconnect and stay live', async () => {
    const cluster = await ownCluster();
    cleanups.push(cluster.stop);
    const url = `${cluster.url}?schema=restart`;
    const { a, b } = await twoServers(url);
    const eve = signedIn(await signIn(a.url, 'eve'));
    expect((await eve.call('addDeal', DEAL)).body.ok).toBe(true);
    const seenByB = collect(b);

    const inFlight = eve.call('updateDeal', { id: 1, changes: { notes: 'in flight' } });
    cluster.restart();
    const answer = await inFlight;
    const check = new pg.Client({ connectionString: url.replace(/\?schema=.*/, '') });
    await check.connect();
    cleanups.push(() => check.end());
    const stored = (await check.query(`SELECT notes FROM ${parsePgBook(url).schema}.deals WHERE id = 1`)).rows[0].notes;
    if (answer.body.ok) {
      expect(stored).toBe('in flight');
    } else {
      expect(answer.body.error.code).toBe('io');
      expect(answer.body.error.message).toMatch(/nothing was saved|reload to see whether/);
      if (/nothing was saved/.test(answer.body.error.message)) expect(stored).toBeNull();
    }

    // The next edits go through on fresh connections (a refusal meanwhile says what happened).
    const next = await until('an edit after the restart', async () => {
      const r = await eve.call('updateDeal', { id: 1, changes: { notes: 'after restart' } });
      if (!r.body.ok) expect(r.body.error.code).toBe('io');
      return r.body.ok ? r : undefined;
    });
    expect(next.status).toBe(200);
    // Server b lost its LISTEN connection: its windows were told to reload, and it hears server a again.
    await until('a reload on b', () => seenByB.find((e) => e.by === TEAM_SERVER && e.reload));
    await until('a live edit on b after the restart', async () => {
      await eve.call('updateDeal', { id: 1, changes: { notes: `live ${Date.now()}` } });
      return seenByB.find((e) => e.by === 'eve in tab' && /live/.test(String(e.changed[0]?.notes)));
    });
  }, 120_000);
});
