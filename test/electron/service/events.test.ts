import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BookEvent } from '../../../shared/protocol/contract';
import { openServiceWithInternals } from '../../../electron/service/book';
import { createEventLog } from '../../../electron/service/events';
import { deriveRows } from '../../../shared/analytics/metrics';
import { AppFailure, type AppError } from '../../../shared/protocol/result';
import { tempBook } from '../../helpers/temp-book';

const opened: { cleanup: () => void }[] = [];
afterEach(() => opened.splice(0).forEach((b) => b.cleanup()));

async function book(sample = true) {
  const b = await tempBook({ sample });
  opened.push(b);
  return b;
}

/** The typed error a call was refused with. */
function refusal(call: () => unknown): AppError {
  try {
    call();
  } catch (err) {
    if (err instanceof AppFailure) return err.error;
    throw err;
  }
  throw new Error('expected a refusal');
}

const DEAL = { announced: '2026-01-05', from_party: 'Fund A', to_party: 'Lab B', kind: 'investment', amount_usd: '2B' };

/** The next event the service pushes, however long the watch takes to notice it. */
function nextEvent(events: { subscribe: (l: (e: BookEvent) => void) => () => void }): Promise<BookEvent> {
  return new Promise((resolve) => {
    const stop = events.subscribe((e) => {
      stop();
      resolve(e);
    });
  });
}

describe('change events of the service', () => {
  it('answers every write with its event, numbered, and pushes the same event to subscribers', async () => {
    const { service } = await book();
    const pushed: BookEvent[] = [];
    service.events.subscribe((e) => pushed.push(e));
    const info = service.bookInfo({});
    const added = service.addDeal({ values: DEAL }, { by: 'window:1' });
    const edited = service.updateDeal({ id: added.id, changes: { notes: 'hello' } }, { by: 'tab:x' });
    const undone = service.undo({});
    expect(pushed).toEqual([added, edited, undone].map(({ id: _id, ...e }: BookEvent & { id?: number }) => e));
    expect(pushed.map((e) => e.seq)).toEqual([info.seq + 1, info.seq + 2, info.seq + 3]);
    expect(new Set(pushed.map((e) => e.stream))).toEqual(new Set([info.stream]));
    expect(pushed.map((e) => e.by)).toEqual(['window:1', 'tab:x', 'this program']);
    expect(pushed.map((e) => [e.label, e.undoLabel, e.redoLabel])).toEqual([
      ['Add deal', 'Add deal', null],
      ['Edit notes', 'Edit notes', null],
      ['Undo Edit notes', 'Add deal', 'Edit notes'],
    ]);
  });

  it('addDeal answers the new deal id, among the rows to refresh', async () => {
    const { service } = await book();
    const added = service.addDeal({ values: DEAL });
    expect(added.changed.map((r) => r.id)).toContain(added.id);
    expect(service.listDeals({}).find((r) => r.id === added.id)?.from_party).toBe('Fund A');
  });

  it('says whether the parties changed: a new party or a count yes, a note no', async () => {
    const { service } = await book();
    const added = service.addDeal({ values: DEAL });
    expect(added.parties).toBe(true);
    expect(service.updateDeal({ id: added.id, changes: { notes: 'n' } }).parties).toBe(false);
    expect(service.updateDeal({ id: added.id, changes: { to_party: 'Lab C' } }).parties).toBe(true);
    expect(service.setPartyKind({ name: 'Lab C', kind: 'lab' }).parties).toBe(true);
    expect(service.undo({}).parties).toBe(true);
    expect(service.undo({}).parties).toBe(true);
    expect(service.undo({}).parties).toBe(false);
    expect(service.events.head().seq).toBe(7);
  });

  it('an import is one event: a reload, labelled, with Undo for it', async () => {
    const { service } = await book();
    const pushed: BookEvent[] = [];
    service.events.subscribe((e) => pushed.push(e));
    service.importCsv({ text: 'announced,from_party,to_party,kind\n2026-01-01,A,B,investment\n2026-01-02,A,C,investment\n' });
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ reload: true, label: 'Import 2 deals', undoLabel: 'Import 2 deals', parties: true });
    service.importCsv({ text: 'announced,from_party,to_party,kind\n2026-01-01,A,B,investment\n', dryRun: true });
    expect(pushed).toHaveLength(1);
  });

  it("notices another program's commit and pushes it row by row, labelled with its undo step", async () => {
    const { service, path } = await book();
    const before = service.listDeals({});
    const other = await openServiceWithInternals(path);
    try {
      const coming = nextEvent(service.events);
      other.importCsv({ text: 'announced,from_party,to_party,kind,amount_usd\n2026-02-01,CLI Fund,CLI Lab,investment,1B\n2026-02-02,CLI Fund,CLI Lab,investment,2B\n' });
      const event = await coming;
      expect(event).toMatchObject({ by: 'another program', reload: false, label: 'Import 2 deals', undoLabel: 'Import 2 deals', parties: true, deleted: [] });
      // The new rows and the rows of their pair (none before), fresh.
      expect(event.changed.map((r) => r.from_party)).toEqual(['CLI Fund', 'CLI Fund']);
      expect(service.listDeals({}).length).toBe(before.length + 2);
      const undoneElsewhere = nextEvent(service.events);
      other.undo({});
      const undo = await undoneElsewhere;
      expect(undo).toMatchObject({ label: 'Undo Import 2 deals', redoLabel: 'Import 2 deals', changed: [] });
      expect(undo.deleted.sort()).toEqual(event.changed.map((r) => r.id).sort());
    } finally {
      other.close();
    }
  });

  it("tells another program's step before its own next write, so events keep the order steps were made", async () => {
    const { service, path } = await book();
    service.listDeals({});
    const other = await openServiceWithInternals(path);
    const pushed: BookEvent[] = [];
    service.events.subscribe((e) => pushed.push(e));
    try {
      const id = service.listDeals({})[0]!.id;
      other.updateDeal({ id, changes: { notes: 'from the CLI' } });
      service.updateDeal({ id, changes: { cash_usd: null } });
      expect(pushed.map((e) => [e.by, e.label])).toEqual([
        ['another program', 'Edit notes'],
        ['this program', 'Edit cash_usd'],
      ]);
      expect(pushed[0]!.changed.find((r) => r.id === id)?.notes).toBe('from the CLI');
    } finally {
      other.close();
    }
  });

  it('hands a window what it missed, or a reset when that is no longer kept or the stream is another', async () => {
    const { service } = await book();
    const { stream, seq } = service.bookInfo({});
    const a = service.addDeal({ values: DEAL });
    const b = service.updateDeal({ id: a.id, changes: { notes: 'x' } });
    const { id: _id, ...addEvent } = a;
    expect(service.eventsSince({ stream, after: seq })).toEqual({ reset: false, events: [addEvent, b] });
    expect(service.eventsSince({ stream, after: b.seq })).toEqual({ reset: false, events: [] });
    expect(service.eventsSince({ stream: 'other', after: 0 })).toEqual({ reset: true, stream, seq: b.seq });
  });

  it('refuses an undo or redo asked for by a window that has not been shown the latest step', async () => {
    const { service, path } = await book();
    service.addDeal({ values: DEAL });
    const shown = service.bookInfo({}).seq;
    const other = await openServiceWithInternals(path);
    try {
      other.addDeal({ values: { ...DEAL, from_party: 'Elsewhere Fund' } });
      const refused = refusal(() => service.undo({ seen: shown }));
      expect(refused).toMatchObject({ code: 'conflict' });
      expect(refused.message).toContain('nothing was undone');
      // Refusing it told the window the step it had missed; once shown, Undo acts on it.
      const head = service.bookInfo({});
      expect(head).toMatchObject({ seq: shown + 1, undoLabel: 'Add deal' });
      expect(service.undo({ seen: head.seq }).label).toBe('Undo Add deal');
      expect(other.listDeals({}).some((r) => r.from_party === 'Elsewhere Fund')).toBe(false);
      expect(refusal(() => service.redo({ seen: head.seq }))).toMatchObject({ code: 'conflict' });
      expect(service.redo({ seen: head.seq + 1 }).label).toBe('Redo Add deal');
    } finally {
      other.close();
    }
  });

  it('saves a consistent copy of the book through a service method (File > Save a Copy)', async () => {
    const { service, dir } = await book();
    service.addDeal({ values: DEAL });
    const copyPath = join(dir, 'copy.dealbook');
    await service.saveCopy(copyPath);
    const copy = await openServiceWithInternals(copyPath);
    try {
      expect(copy.listDeals({})).toEqual(service.listDeals({}));
      expect(copy.bookInfo({}).undoLabel).toBe('Add deal');
    } finally {
      copy.close();
    }
  });

  it('keeps a bounded number of events and rows', () => {
    const log = createEventLog({ keepEvents: 3, keepRows: 100 });
    const base = { changed: [], deleted: [], reload: false, savedAt: '', label: '', undoLabel: null, redoLabel: null, parties: false, scenarios: false, by: '' };
    for (let i = 0; i < 5; i++) log.emit(base);
    const { stream } = log.events.head();
    expect(log.events.since(stream, 1)).toEqual({ reset: true, stream, seq: 5 });
    expect(log.events.since(stream, 2)).toMatchObject({ reset: false, events: [{ seq: 3 }, { seq: 4 }, { seq: 5 }] });
    log.emit({ ...base, deleted: Array.from({ length: 150 }, (_, i) => i + 1) });
    expect(log.events.since(stream, 5)).toMatchObject({ reset: false, events: [{ seq: 6 }] });
    expect(log.events.since(stream, 4)).toMatchObject({ reset: true });
  });

  it('watches for other programs only while someone listens', async () => {
    const { service } = await book();
    const watching: boolean[] = [];
    const log = createEventLog({ onWatched: (w) => watching.push(w) });
    const stop1 = log.events.subscribe(() => undefined);
    const stop2 = log.events.subscribe(() => undefined);
    stop1();
    stop2();
    expect(watching).toEqual([true, false]);
    expect(service.events.head().seq).toBe(0);
  });
});

describe("another program's steps, row by row from the edit log", () => {
  it('a scenario or a party parent changed elsewhere is a reload under the Base the book now has', async () => {
    const { service, path } = await book();
    const other = await openServiceWithInternals(path);
    try {
      service.listDeals({});
      const pushed: BookEvent[] = [];
      service.events.subscribe((e) => pushed.push(e));
      other.setScenario({ name: 'Base', credit_drawdown: 0.5 });
      service.bookInfo({});
      other.setPartyParent({ name: 'OpenAI', parent: 'Microsoft' });
      service.bookInfo({});
      expect(pushed.map((e) => [e.label, e.reload, e.scenarios])).toEqual([
        ['Set scenario Base', true, true],
        ['Set parent of OpenAI', true, true],
      ]);
      // The rows the window reloads are derived under the edited Base, as the tables say.
      expect(service.listDeals({})).toEqual(other.listDeals({}));
    } finally {
      other.close();
    }
  });

  it('keep a window that applies the events equal to the book, through edits, moves, parties, imports, undo and redo', async () => {
    const { service, path } = await book();
    const other = await openServiceWithInternals(path);
    const fresh = await openServiceWithInternals(path);
    try {
      const shown = new Map(service.listDeals({}).map((r) => [r.id, r]));
      let reloads = 0;
      service.events.subscribe((e) => {
        if (e.reload) {
          reloads++;
          shown.clear();
          for (const r of service.listDeals({})) shown.set(r.id, r);
          return;
        }
        for (const id of e.deleted) shown.delete(id);
        for (const r of e.changed) shown.set(r.id, r);
      });
      const ids = () => other.listDeals({}).map((r) => r.id);
      const steps: (() => unknown)[] = [
        () => other.updateDeal({ id: ids()[0]!, changes: { amount_usd: '77B' } }),
        () => other.updateDeal({ id: ids()[1]!, changes: { to_party: ids().length > 3 ? 'Moved Lab' : 'Lab X' } }),
        () => other.addDeal({ values: DEAL }),
        () => other.deleteDeals({ ids: ids().slice(2, 4) }),
        () => other.undo({}),
        () => other.undo({}),
        () => other.redo({}),
        () => other.renameParty({ name: 'Fund A', to: 'Fund Renamed' }),
        () => other.importCsv({ text: 'announced,from_party,to_party,kind,amount_usd\n2026-04-01,Fund Renamed,Lab B,investment,5B\n2026-04-02,Lab B,Fund Renamed,purchase,1B\n' }),
        () => other.undo({}),
        () => other.redo({}),
        // A deal leaves its pair: the rows it leaves behind are derived again too.
        () => other.updateDeal({ id: other.listDeals({}).find((r) => r.from_party === 'Fund Renamed' && r.amount_usd === 2e9)!.id, changes: { to_party: 'Lab C' } }),
        () => other.undo({}),
        () => other.redo({}),
        () => other.duplicateDeals({ ids: ids().slice(0, 2) }),
        () => other.undo({}),
        () => other.undo({}),
        () => other.addDeal({ values: { ...DEAL, from_party: 'After Undo Fund' } }),
      ];
      for (const [i, step] of steps.entries()) {
        step();
        // Noticed as the window's next call would notice it.
        service.bookInfo({});
        // The truth read straight from the tables, past every cache.
        const truth = deriveRows(fresh.repos.deals.all());
        expect([...shown.values()].sort((a, b) => a.id - b.id), `after step ${i}`).toEqual(truth);
      }
      expect(reloads).toBe(0);
    } finally {
      other.close();
      fresh.close();
    }
  });
});
