import { describe, expect, it } from 'vitest';
import type { Client } from '../../../shared/protocol/contract';
import { startInitialLoad, takeInitialLoad } from '../../../renderer/book/initial-load';
import { chartsOpenFrom, chartsSetting } from '../../../renderer/book/window-settings';

/** A client that counts the calls an opening window makes. */
function countingClient() {
  const calls = { listDeals: 0, getSetting: [] as string[] };
  const client = {
    bookInfo: async () => ({ ok: true, value: { stream: 's', seq: 4 } }),
    listDeals: async () => ({ ok: true, value: [{ id: ++calls.listDeals }] }),
    me: async () => ({ ok: true, value: { user: 'you', role: 'owner', team: false } }),
    getSetting: async ({ key }: { key: string }) => {
      calls.getSetting.push(key);
      return key === 'broken' ? { ok: false, error: { code: 'io', message: 'disk' } } : { ok: true, value: `${key} ${calls.getSetting.length}` };
    },
  } as unknown as Client;
  return { client, calls };
}

describe('the window asks for the book before the UI has loaded', () => {
  it('hands the early answer to the first load only; a later load asks afresh', async () => {
    const { client, calls } = countingClient();
    startInitialLoad(client, ['layout', 'charts']);
    const first = await takeInitialLoad(client, ['layout', 'charts']);
    expect(calls.listDeals).toBe(1);
    const info = { ok: true, value: { stream: 's', seq: 4 } };
    const me = { ok: true, value: { user: 'you', role: 'owner', team: false } };
    expect(first).toEqual({ info, deals: { ok: true, value: [{ id: 1 }] }, me, settings: ['layout 1', 'charts 2'] });
    const second = await takeInitialLoad(client, ['layout', 'charts']);
    expect(second).toEqual({ info, deals: { ok: true, value: [{ id: 2 }] }, me, settings: ['layout 3', 'charts 4'] });
  });

  it('does not hand over an answer for other settings, and reads a failed setting as unset', async () => {
    const { client, calls } = countingClient();
    startInitialLoad(client, ['layout']);
    const answer = await takeInitialLoad(client, ['layout', 'broken']);
    expect(calls.getSetting).toEqual(['layout', 'layout', 'broken']);
    expect(answer.settings).toEqual(['layout 2', null]);
  });
});

describe('the charts pane setting', () => {
  it('is open for a new book and remembers being closed', () => {
    expect(chartsOpenFrom(null)).toBe(true);
    expect(chartsOpenFrom(chartsSetting(false))).toBe(false);
    expect(chartsOpenFrom(chartsSetting(true))).toBe(true);
  });
});
