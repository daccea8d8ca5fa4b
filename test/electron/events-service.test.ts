import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BookEvent } from '../../shared/contract';
import { openServiceWithInternals } from '../../electron/service/book';
import { createEventLog } from '../../electron/service/events';
import { tempBook } from '../helpers/temp-book';

const opened: { cleanup: () => void }[] = [];
afterEach(() => opened.splice(0).forEach((b) => b.cleanup()));

async function book(sample = true) {
  const b = await tempBook({ sample });
  opened.push(b);
  return b;
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
