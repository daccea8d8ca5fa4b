import { afterEach, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import type { BookEvent, MissedEvents } from '../../../shared/protocol/contract';
import { PG_LATEST_VERSION } from '../../../electron/pg/migrations';
import { dealbook, serve } from '../../helpers/cli';
import { describePg, tempPgBook } from '../../helpers/pg';
import { tempDirsPerTest } from '../../helpers/temp-book';

// `dealbook serve --book postgres://...` without --team: the book served exactly like a file book (loopback, the
// launch token, one person), over HTTP as a browser tab talks to it.

const dir = tempDirsPerTest('dealbook-serve-alone-');
let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

describePg('dealbook serve on a team book without --team', () => {
  it('serves the contract on loopback behind the token, edits and undo included, and pushes other programs\' steps', async () => {
    const t = tempPgBook('alone');
    cleanups.push(t.drop);
    expect(dealbook(['new', '--book', t.url, '--sample']).code).toBe(0);
    const server = await serve(t.url);
    cleanups.push(server.stop);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/);
    const base = `http://127.0.0.1:${server.port}`;
    const api = async <T>(method: string, payload: unknown, token = server.token) => {
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Dealbook-Tab': 'tab1' },
        body: JSON.stringify(payload),
      });
      return { status: res.status, body: (await res.json()) as { ok: boolean; value: T; error: { code: string; message: string } } };
    };

    // The file book's doors: no token, a wrong one, a foreign host or a GET are refused; the page comes with its CSP.
    expect((await api('listDeals', {}, 'wrong')).status).toBe(401);
    expect((await fetch(`${base}/api/listDeals`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
    const foreign = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/listDeals', method: 'POST', headers: { Host: 'evil.example', Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(foreign).toBe(403);
    expect((await fetch(`${base}/api/listDeals`)).status).toBe(405);
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);

    const info = await api<{ schemaVersion: number; deals: number; caller: string; canUndo: boolean }>('bookInfo', {});
    expect(info.body.ok).toBe(true);
    expect(info.body.value).toMatchObject({ schemaVersion: PG_LATEST_VERSION, canUndo: false });
    const deals = await api<{ id: number; amount_usd: number | null }[]>('listDeals', {});
    expect(deals.body.value.length).toBe(info.body.value.deals);
    const first = deals.body.value[0]!;

    const edit = await api<BookEvent>('updateDeal', { id: first.id, changes: { notes: 'from the browser' } });
    expect(edit.body.ok, JSON.stringify(edit.body.error)).toBe(true);
    expect(edit.body.value).toMatchObject({ label: 'Edit notes', by: info.body.value.caller, undoLabel: 'Edit notes' });
    expect(edit.body.value.changed.find((r) => r.id === first.id)!.notes).toBe('from the browser');
    const bad = await api('updateDeal', { id: first.id, changes: { amount_usd: 'lots' } });
    expect(bad.body.error).toMatchObject({ code: 'validation' });
    expect((await api('setScenario', { name: 'Half', status_weight: { announced: 0.5 } })).body.ok).toBe(true);
    expect((await api<BookEvent>('undo', {})).body.value).toMatchObject({ label: 'Undo Set scenario Half', scenarios: true });
    expect((await api('nope', {})).body.error.code).toBe('invalid_payload');

    // Another program's step (a CLI import) reaches the served window as an event.
    const csv = join(dir(), 'more.csv');
    writeFileSync(csv, 'announced,from_party,to_party,kind,amount_usd\n2025-05-01,Kestrel Capital,OpenAI,investment,1B\n');
    expect(dealbook(['import', '--book', t.url, csv]).code).toBe(0);
    let seen: BookEvent[] = [];
    await expect
      .poll(async () => {
        const missed = (await api<MissedEvents>('eventsSince', { stream: edit.body.value.stream, after: 0 })).body.value;
        seen = missed.reset ? [] : missed.events;
        return seen.map((e) => e.label);
      }, { timeout: 20_000 })
      .toContain('Import 1 deal');
    expect((await api<unknown[]>('listDeals', {})).body.value.length).toBe(info.body.value.deals + 1);
    expect(dealbook(['export', '--book', t.url, '--filtered-by', 'from the browser']).stdout.split('\n')[1]).toMatch(/from the browser/);
  }, 120_000);
});
