import { describe, expect, it } from 'vitest';
import { RangeSelection, boxBetween, clearCells, fillDownCells, rangeTsv } from '../../../renderer/grid/range-selection';
import { keyExtendsRange } from '../../../renderer/grid/use-range-keys';
import type { DealRow } from '../../../shared/model/deal';

const columns = ['id', 'from_party', 'to_party', 'announced', 'kind', 'amount_usd', 'cash_share', 'notes'];
const row = (id: number, values: Partial<DealRow>): DealRow => ({ id, ...values }) as DealRow;

describe('range selection', () => {
  it('spans the block between two corners in either direction, over the displayed columns', () => {
    const box = { rows: [2, 3, 4], columns: ['to_party', 'announced', 'kind'] };
    expect(boxBetween({ rowIndex: 2, colId: 'to_party' }, { rowIndex: 4, colId: 'kind' }, columns)).toEqual(box);
    expect(boxBetween({ rowIndex: 4, colId: 'kind' }, { rowIndex: 2, colId: 'to_party' }, columns)).toEqual(box);
    expect(boxBetween({ rowIndex: 1, colId: 'notes' }, { rowIndex: 1, colId: 'notes' }, columns)).toEqual({ rows: [1], columns: ['notes'] });
    // A column no longer shown (hidden meanwhile) selects nothing.
    expect(boxBetween({ rowIndex: 1, colId: 'gone' }, { rowIndex: 2, colId: 'notes' }, columns)).toEqual({ rows: [], columns: [] });
  });

  it('clears only editable optional cells, each with the value its row showed', () => {
    const rows = [row(7, { amount_usd: 5e9, notes: 'seen' }), row(9, {})];
    // was: what the window showed, so a team book refuses a cell another analyst changed since.
    expect(clearCells(rows, ['id', 'from_party', 'amount_usd', 'cash_share', 'notes'])).toEqual([
      { id: 7, field: 'amount_usd', value: '', was: 5e9 },
      { id: 7, field: 'notes', value: '', was: 'seen' },
      { id: 9, field: 'amount_usd', value: '', was: null },
      { id: 9, field: 'notes', value: '', was: null },
    ]);
  });

  it('fills down the first row into the others, editable columns only, as plain values, each with the value its row showed', () => {
    const rows = [row(1, { from_party: 'Alpha', amount_usd: 45e9, cash_share: 0.5, notes: null }), row(2, { from_party: 'Beta' }), row(3, {})];
    expect(fillDownCells(rows, ['from_party', 'amount_usd', 'cash_share', 'notes'])).toEqual([
      { id: 2, field: 'from_party', value: 'Alpha', was: 'Beta' },
      { id: 2, field: 'amount_usd', value: '45000000000', was: null },
      { id: 2, field: 'notes', value: '', was: null },
      { id: 3, field: 'from_party', value: 'Alpha', was: null },
      { id: 3, field: 'amount_usd', value: '45000000000', was: null },
      { id: 3, field: 'notes', value: '', was: null },
    ]);
    expect(fillDownCells([rows[0]!], ['from_party'])).toEqual([]);
  });

  it('copies the block as spreadsheet text', () => {
    const rows = [row(1, { from_party: 'Alpha', amount_usd: 45e9 }), row(2, { from_party: 'Tab\there', amount_usd: null })];
    expect(rangeTsv(rows, ['from_party', 'amount_usd'])).toBe('Alpha\t45000000000\r\n"Tab\there"\t');
  });

  it('stretches for a Shift+arrow whose focus move arrives after the next key\'s Shift went down', () => {
    const api = {
      getAllDisplayedColumns: () => columns.map((id) => ({ getColId: () => id })),
      refreshCells: () => undefined,
      getDisplayedRowAtIndex: (i: number) => ({ data: row(i, {}) }),
    };
    const range = new RangeSelection(() => api as never);
    const press = (key: string, shiftKey: boolean) => {
      const extending = keyExtendsRange({ key, shiftKey });
      if (extending !== undefined) range.extending = extending;
    };
    range.focused({ rowIndex: 1, rowPinned: null, column: 'amount_usd' as never });
    press('Shift', true);
    press('ArrowDown', true);
    // The grid moves its focus late: the next press's Shift is already down.
    press('Shift', true);
    range.focused({ rowIndex: 2, rowPinned: null, column: 'amount_usd' as never });
    press('ArrowRight', true);
    range.focused({ rowIndex: 2, rowPinned: null, column: 'cash_share' as never });
    const { rows, columns: cols } = range.selection();
    expect({ rows: rows.map((r) => r.id), cols }).toEqual({ rows: [1, 2], cols: ['amount_usd', 'cash_share'] });
    // A plain arrow starts again; Shift+Tab never stretches.
    expect(keyExtendsRange({ key: 'ArrowDown', shiftKey: false })).toBe(false);
    expect(keyExtendsRange({ key: 'Tab', shiftKey: true })).toBe(false);
    expect(keyExtendsRange({ key: 'Control', shiftKey: true })).toBeUndefined();
  });
});
