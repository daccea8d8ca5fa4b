import { describe, expect, it } from 'vitest';
import type { Client } from '../../shared/contract';
import { startInitialLoad, takeInitialLoad } from '../../renderer/book/initial-load';

/** A client that counts the two calls an opening window makes. */
function countingClient() {
  const calls = { listDeals: 0, getSetting: [] as string[] };
  const client = {
    listDeals: async () => ({ ok: true, value: [{ id: ++calls.listDeals }] }),
    getSetting: async ({ key }: { key: string }) => {
      calls.getSetting.push(key);
      return { ok: true, value: `layout ${calls.getSetting.length}` };
    },
  } as unknown as Client;
  return { client, calls };
}

describe('the window asks for the book before the UI has loaded', () => {
  it('hands the early answer to the first load only; a later load asks afresh', async () => {
    const { client, calls } = countingClient();
    startInitialLoad(client, 'grid.layout.v1');
    expect(calls.listDeals).toBe(1);
    const first = await takeInitialLoad(client, 'grid.layout.v1');
    expect(calls.listDeals).toBe(1);
    expect(first).toEqual([{ ok: true, value: [{ id: 1 }] }, { ok: true, value: 'layout 1' }]);
    const second = await takeInitialLoad(client, 'grid.layout.v1');
    expect(second).toEqual([{ ok: true, value: [{ id: 2 }] }, { ok: true, value: 'layout 2' }]);
    expect(calls.getSetting).toEqual(['grid.layout.v1', 'grid.layout.v1']);
  });

  it('does not hand over an answer for another setting key', async () => {
    const { client, calls } = countingClient();
    startInitialLoad(client, 'grid.layout.v1');
    await takeInitialLoad(client, 'other.key');
    expect(calls.getSetting).toEqual(['grid.layout.v1', 'other.key']);
  });
});
