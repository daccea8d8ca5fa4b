import { describe, expect, it } from 'vitest';
import { DEAL_FIELDS, DERIVED_FIELDS } from '../../../shared/model/deal';
import { DEAL_ROW_KEYS, isWireTable, tableKeys, tableRowsJson, tableToList, type WireTable } from '../../../shared/protocol/wire-table';

/** What the server sends for `list` (in one slice) and what the client makes of it. */
function roundTrip(list: readonly unknown[]): unknown[] {
  const keys = tableKeys(list)!;
  const text = `{"ok":true,"keys":${JSON.stringify(keys)},"rows":[${tableRowsJson(list, keys, 0, list.length)}]}`;
  const body = JSON.parse(text) as unknown;
  expect(isWireTable(body)).toBe(true);
  return tableToList(body as WireTable);
}

describe('lists sent as tables', () => {
  it('gives back objects whose JSON is exactly the JSON of the ones sent', () => {
    const list = [
      { id: 1, name: 'Open "AI"\n\\', amount: 1.5e12, note: null, nested: { a: [1, 2] }, zero: -0 },
      { id: 2, name: '', amount: -0.25, note: 'é \u2028 \ud83d\ude00', nested: null, zero: 0 },
    ];
    const back = roundTrip(list);
    expect(JSON.stringify(back)).toBe(JSON.stringify(list));
    expect(Object.keys(back[0] as object)).toEqual(Object.keys(list[0]!));
  });

  it("builds a book's deals by their own literal, to exactly the objects sent", () => {
    expect([...DEAL_ROW_KEYS]).toEqual(['id', ...DEAL_FIELDS, ...DERIVED_FIELDS]);
    const deals = [1, 2, 3].map((id) => Object.fromEntries(DEAL_ROW_KEYS.map((k, i) => [k, k === 'id' ? id : i % 3 ? `${k} "${id}"` : null])));
    const back = roundTrip(deals);
    expect(JSON.stringify(back)).toBe(JSON.stringify(deals));
    // One key out of place is not a deal row: the objects are built key by key, in the order sent.
    const swapped = deals.map(({ id, announced, ...rest }) => ({ announced, id, ...rest }));
    expect(JSON.stringify(roundTrip(swapped))).toBe(JSON.stringify(swapped));
  });

  it('takes rows from..to, clipped to the list', () => {
    const list = [{ a: 1 }, { a: 2 }, { a: 3 }];
    expect(tableRowsJson(list, ['a'], 1, 10)).toBe('[2],[3]');
  });

  it('refuses, so the list goes as plain JSON, anything a table would change', () => {
    const cases: Record<string, unknown[]> = {
      'a first item that is not an object': [1, 2],
      'an array item': [{ a: 1 }, [1]],
      'a null item': [{ a: 1 }, null],
      'an object of a class': [{ a: 1 }, new (class { a = 1 })()],
      'another key order': [{ a: 1, b: 2 }, { b: 2, a: 1 }],
      'a missing key': [{ a: 1, b: 2 }, { a: 1 }],
      'an extra key': [{ a: 1 }, { a: 1, b: 2 }],
      'an undefined value (dropped from an object, null in an array)': [{ a: 1 }, { a: undefined }],
      'a function value': [{ a: 1 }, { a: () => 1 }],
      'a value with toJSON (told its key, it may answer differently)': [{ a: 1 }, { a: new Date(0) }],
      'an unsafe key': [JSON.parse('{"__proto__": 1}') as object],
    };
    for (const [name, list] of Object.entries(cases)) expect(tableKeys(list), name).toBeNull();
  });

  it('never lets a table answer reach a prototype', () => {
    const table = JSON.parse('{"ok":true,"keys":["__proto__"],"rows":[[{"polluted":true}]]}') as WireTable;
    expect(() => tableToList(table)).toThrow(/unsafe key/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('tells a table answer from any other answer', () => {
    expect(isWireTable({ ok: true, value: [] })).toBe(false);
    expect(isWireTable({ ok: false, error: { code: 'x', message: 'y' } })).toBe(false);
    expect(isWireTable(null)).toBe(false);
    expect(isWireTable({ ok: true, keys: ['a'], rows: [[1]] })).toBe(true);
  });
});
