import { describe, expect, it } from 'vitest';
import { fieldHeader, windowLabel } from '../../renderer/step-label';
import { describeHistoryCell, type HistoryCell } from '../../shared/protocol/history';

// Stored step labels (and the CLI) name fields by key; the window names them by the grid's headers.
describe('step labels as the window shows them', () => {
  it('names the edited field by its column header', () => {
    expect(windowLabel('Edit amount_usd')).toBe('Edit Amount');
    expect(windowLabel('Undo Edit cash_usd')).toBe('Undo Edit Cash');
    expect(windowLabel('Redo Edit term_years')).toBe('Redo Edit Term (y)');
    expect(windowLabel('Edit notes (another window)')).toBe('Edit Notes (another window)');
    expect(windowLabel('Edit capacity_mw (eve)')).toBe('Edit MW (eve)');
  });

  it('leaves every other label as it is: party and scenario names are never read as fields', () => {
    for (const label of ['Edit deal 12', 'Rename amount_usd', 'Merge into notes', 'Paste 3 cells', 'Import 64 deals', 'Set scenario status', 'Add deal']) {
      expect(windowLabel(label)).toBe(label);
    }
    expect(windowLabel(null)).toBeNull();
  });

  it("names a history cell's field by its header; the CLI's default keeps the key", () => {
    const cell: HistoryCell = { what: 'edit', deal: 63, field: 'cash_usd', old: null, new: 5e9, name: null };
    expect(describeHistoryCell(cell)).toBe('deal 63, cash_usd: (empty) -> 5000000000');
    expect(describeHistoryCell(cell, undefined, fieldHeader)).toBe('deal 63, Cash: (empty) -> 5000000000');
  });
});
