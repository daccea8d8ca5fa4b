import { describe, expect, it } from 'vitest';
import type { Change, Client } from '../../../shared/protocol/contract';
import { BookSession } from '../../../renderer/book/session';

let seq = 0;
const change = (over: Partial<Change> = {}): Change => ({
  stream: 's',
  seq: ++seq,
  changed: [],
  deleted: [],
  reload: false,
  savedAt: '2026-11-22T10:00:00Z',
  label: 'Edit notes',
  undoLabel: 'Edit notes',
  redoLabel: null,
  parties: false,
  scenarios: false,
  by: 'tab:me',
  ...over,
});

/** A client whose undo answers `answer`, and whose listDeals (a reload) answers or throws as told. */
function client(answer: () => Promise<unknown>, listDeals: () => Promise<unknown> = async () => ({ ok: true, value: [] })): Client {
  return {
    undo: answer,
    listDeals,
    bookInfo: async () => ({ ok: true, value: { path: 'x.dealbook' } }),
    listParties: async () => ({ ok: true, value: [] }),
  } as unknown as Client;
}

describe('a write and the "saving" state', () => {
  it('ends saving and records the save in one update when the write is saved', async () => {
    const session = new BookSession(client(async () => ({ ok: true, value: change() })));
    const seen: number[] = [];
    session.store.subscribe(() => seen.push(session.store.get().saving));
    expect(await session.undo()).toBe(true);
    expect(session.store.get()).toMatchObject({ saving: 0, savedLabel: 'Edit notes', lastEvent: 'save' });
    // Up once as the write starts, down once with the save.
    expect(seen.slice(0, 2)).toEqual([1, 0]);
  });

  it('sends a write with none ahead of it at once, in the caller’s task; one asked for meanwhile waits its turn', async () => {
    const calls: string[] = [];
    let answer!: () => void;
    const session = new BookSession(
      client(
        () =>
          new Promise((resolve) => {
            calls.push(`undo ${calls.length + 1}`);
            answer = () => resolve({ ok: true, value: change() });
          }),
      ),
    );
    const first = session.undo();
    expect(calls).toEqual(['undo 1']);
    const second = session.undo();
    await Promise.resolve();
    expect(calls).toEqual(['undo 1']);
    answer();
    expect(await first).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual(['undo 1', 'undo 2']);
    answer();
    expect(await second).toBe(true);
    expect(session.store.get().saving).toBe(0);
    // Idle again: the next one goes out at once.
    void session.undo();
    expect(calls).toHaveLength(3);
  });

  it('ends saving when the service refuses the write, and shows why', async () => {
    const session = new BookSession(client(async () => ({ ok: false, error: { code: 'validation', message: 'No step to undo' } })));
    expect(await session.undo()).toBe(false);
    expect(session.store.get().saving).toBe(0);
    expect(session.store.get().error?.message).toContain('No step to undo');
  });

  it('ends saving even when showing a saved change fails (a reload whose call throws)', async () => {
    let undos = 0;
    const session = new BookSession(
      client(
        async () => ({ ok: true, value: change({ reload: true, label: `Undo ${++undos}` }) }),
        async () => {
          throw new Error('ipc handler threw');
        },
      ),
    );
    await expect(session.undo()).rejects.toThrow('ipc handler threw');
    expect(session.store.get().saving).toBe(0);
    // The writes queued after it still run, and end their saving too.
    await expect(session.undo()).rejects.toThrow('ipc handler threw');
    expect(undos).toBe(2);
    expect(session.store.get().saving).toBe(0);
  });
});
