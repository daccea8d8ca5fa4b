import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openStore } from '../../../electron/service/open-store';
import type { Store, StoreHandlers } from '../../../electron/service/store';
import { describeHistoryCell } from '../../../shared/protocol/history';
import { tempDir } from '../../helpers/temp-book';
import { describePg, tempPgBook } from '../../helpers/pg';

// The book's history (who, when, what; by user, by deal; a page at a time) on both stores.

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function open(kind: 'file' | 'team'): Promise<Store> {
  let where: string;
  if (kind === 'file') {
    const t = tempDir();
    cleanups.push(t.cleanup);
    where = join(t.dir, 'history.dealbook');
  } else {
    const t = tempPgBook('hist');
    cleanups.push(t.drop);
    where = t.url;
  }
  const store = await openStore(where, { create: true });
  cleanups.push(() => store.close());
  return store;
}

const values = (from: string, to: string, amount: string) => ({ announced: '2025-03-01', from_party: from, to_party: to, kind: 'investment', amount_usd: amount });

/** Three steps by two users (on a file book the same analyst), then an undo. */
async function story(ana: StoreHandlers, ben: StoreHandlers) {
  const a = (await ana.addDeal({ values: values('Alpha Fund', 'Beta Labs', '10B') })).id;
  const b = (await ben.addDeal({ values: values('Gamma', 'Delta', '5B') })).id;
  await ben.updateDeal({ id: a, changes: { amount_usd: '12B', to_party: 'Delta' } });
  await ana.importCsv({ text: 'announced,from_party,to_party,kind\n2025-01-01,Imp,Ort,investment\n2025-01-02,Imp,Ort,purchase\n' });
  await ana.undo({});
  return { a, b };
}

function suite(kind: 'file' | 'team') {
  it('lists every step newest first with who, when, what it changed and which deals, filtered by deal and by user', async () => {
    const store = await open(kind);
    const ana = store.handlersFor('ana');
    const ben = store.handlersFor('ben');
    const { a, b } = await story(ana, ben);
    const page = await ana.history({});
    const who = (u: string) => (kind === 'file' ? 'you' : u);
    expect(page.steps.map((s) => [s.label, s.user, s.state])).toEqual([
      ['Import 2 deals', who('ana'), 'undone'],
      [`Edit deal ${a}`, who('ben'), 'done'],
      ['Add deal', who('ben'), 'done'],
      ['Add deal', who('ana'), 'done'],
    ]);
    expect(page.users).toEqual(kind === 'file' ? ['you'] : ['ana', 'ben']);
    expect(page.more).toBe(false);
    const edit = page.steps[1]!;
    expect(edit.deals).toEqual([a]);
    expect(edit.cells.map((c) => describeHistoryCell(c)).sort()).toEqual([`deal ${a}, amount_usd: 10000000000 -> 12000000000`, `deal ${a}, to_party: Beta Labs -> Delta`]);
    expect(page.steps[0]!.dealCount).toBe(2);
    expect(page.steps[0]!.cells.some((c) => c.what === 'import')).toBe(true);
    expect(page.steps[3]!.cells.map((c) => describeHistoryCell(c))).toContain(`added deal ${a}`);
    expect(new Date(page.steps[0]!.at).getTime()).toBeGreaterThan(0);

    // By deal: the steps that touched it (an import's range counts too).
    expect((await ana.history({ deal: a })).steps.map((s) => s.label)).toEqual([`Edit deal ${a}`, 'Add deal']);
    expect((await ana.history({ deal: b })).steps.map((s) => s.label)).toEqual(['Add deal']);
    expect((await ana.history({ deal: b + 2 })).steps.map((s) => s.label)).toEqual(['Import 2 deals']);
    // By user.
    if (kind === 'team') {
      expect((await ana.history({ user: 'ben' })).steps.map((s) => s.label)).toEqual([`Edit deal ${a}`, 'Add deal']);
      expect((await ana.history({ user: 'ben', deal: b })).steps.map((s) => s.id)).toEqual([page.steps[2]!.id]);
    } else {
      expect((await ana.history({ user: 'you' })).steps.length).toBe(4);
      expect((await ana.history({ user: 'ben' })).steps).toEqual([]);
    }
  });

  it('pages: limit and before walk the history without gaps or repeats', async () => {
    const store = await open(kind);
    const h = store.handlersFor('ana');
    const { id } = await h.addDeal({ values: values('P', 'Q', '1B') });
    for (let i = 1; i <= 6; i++) await h.updateDeal({ id, changes: { notes: `note ${i}` } });
    const first = await h.history({ limit: 3 });
    expect(first.more).toBe(true);
    const second = await h.history({ limit: 3, before: first.steps[2]!.id });
    const third = await h.history({ limit: 3, before: second.steps[2]!.id });
    expect(third.more).toBe(false);
    const all = [...first.steps, ...second.steps, ...third.steps];
    expect(all.length).toBe(7);
    expect(new Set(all.map((s) => s.id)).size).toBe(7);
    expect(all[0]!.cells[0]).toMatchObject({ what: 'edit', deal: id, field: 'notes', old: 'note 5', new: 'note 6' });
  });

  it('answers who the window works as', async () => {
    const store = await open(kind);
    expect(await store.handlersFor('ana').me({})).toEqual(kind === 'file' ? { user: 'you', role: 'owner', team: false } : { user: 'ana', role: 'owner', team: true });
  });
}

describe('history of a file book', () => suite('file'));
describePg('history of a team book', () => suite('team'));
