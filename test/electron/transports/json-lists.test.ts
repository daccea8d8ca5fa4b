import { describe, expect, it } from 'vitest';
import { JSON_SLICE, createJsonLists, type JsonSlices } from '../../../electron/transports/json-lists';
import { isWireTable, tableToList } from '../../../shared/protocol/wire-table';

const text = (entry: JsonSlices) => `${entry.head}${entry.slices.join('')}]}`;
const list = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `deal "${i}"`, amount: i % 3 ? i * 1e9 : null }));

describe('the JSON of long lists, made in slices and kept', () => {
  it('makes the text in slices, between other work, and keeps it for a frozen list only', async () => {
    const lists = createJsonLists();
    const frozen = Object.freeze(list(JSON_SLICE * 2 + 5));
    const entry = lists.slicesOf(frozen);
    // Nothing is made before the caller has gone back to the event loop.
    expect(entry.slices).toEqual([]);
    await entry.done;
    expect(entry.finished).toBe(true);
    expect(entry.slices).toHaveLength(3);
    const body = JSON.parse(text(entry)) as unknown;
    expect(isWireTable(body) && tableToList(body)).toEqual(frozen);
    expect(lists.slicesOf(frozen)).toBe(entry);

    // A list that could change under its text is made afresh each time.
    const open = list(10);
    const first = lists.slicesOf(open);
    expect(lists.slicesOf(open)).not.toBe(first);
  });

  it('sends unlike objects as plain JSON', async () => {
    const mixed = Object.freeze([{ a: 1 }, { b: 2 }]);
    const entry = createJsonLists().slicesOf(mixed);
    await entry.done;
    expect(text(entry)).toBe(JSON.stringify({ ok: true, value: mixed }));
  });

  it('reports a list it cannot write, and forgets it', async () => {
    const lists = createJsonLists();
    const bad = Object.freeze([{ a: 1n }]);
    const entry = lists.slicesOf(bad);
    await entry.done;
    expect(entry.failed?.message).toMatch(/BigInt/);
    expect(lists.slicesOf(bad)).not.toBe(entry);
  });
});
