import { describe, expect, it, vi } from 'vitest';
import { GRID_COLUMNS } from '../../../renderer/grid/grid-columns';
import { ChoiceEditor } from '../../../renderer/grid/choice-editor';
import { PartyEditor } from '../../../renderer/grid/party-editor';
import { COLUMN_SPECS, columnDefs, displayText, editText, isEditableColumn } from '../../../renderer/grid/columns';

// The URL cell reads the desktop bridge off `window` as it loads; outside a page there is none.
vi.hoisted(() => void ((globalThis as Record<string, unknown>).window ??= {}));
import { moneyEditText } from '../../../renderer/grid/edit-text';
import { DEAL_FIELDS, DERIVED_FIELDS } from '../../../shared/model/deal';
import { parseMoney } from '../../../shared/model/parse';
import { impliedFields, parseField } from '../../../shared/model/fields';
import type { DealRow } from '../../../shared/model/deal';

describe('grid columns', () => {
  it('has exactly the spec keys as colIds, in the issue order', () => {
    const ids = columnDefs().map((c) => c.colId);
    expect([...ids].sort()).toEqual(['id', ...DEAL_FIELDS, ...DERIVED_FIELDS].sort());
    expect(ids).toEqual([
      'id', 'announced', 'announced_precision', 'from_party', 'to_party', 'kind', 'status', 'amount_usd', 'amount_basis', 'cash_usd', 'credit_usd',
      'cash_share', 'credit_share', 'other_share', 'round_trip_ratio', 'round_trip_basis', 'term_years', 'start', 'capacity_mw', 'source_url', 'notes',
    ]);
  });

  it('makes derived columns and id read-only and marks derived ones apart', () => {
    for (const def of columnDefs()) {
      const derived = (DERIVED_FIELDS as readonly string[]).includes(def.colId!);
      expect(def.editable, def.colId).toBe(!derived && def.colId !== 'id');
      expect(isEditableColumn(def.colId!)).toBe(def.editable);
      expect((def.cellClass as string[]).includes('cell-derived'), def.colId).toBe(derived);
    }
  });

  it('gives every header a tooltip, and derived headers their formula in words', () => {
    for (const spec of COLUMN_SPECS) expect(spec.tooltip.length, spec.colId).toBeGreaterThan(10);
    const tip = (id: string) => COLUMN_SPECS.find((c) => c.colId === id)!.tooltip;
    expect(tip('cash_share')).toContain('Cash divided by amount');
    expect(tip('credit_share')).toContain('Credits divided by amount');
    expect(tip('other_share')).toContain('One minus the cash share minus the credit share');
    expect(tip('round_trip_ratio')).toContain('divided by what the investor put in');
  });

  it('uses choice editors for kind and status, the party autocomplete for parties, pins ID, From and To, and filters by type', () => {
    const def = (id: string) => GRID_COLUMNS.find((c) => c.colId === id)!;
    expect(def('kind')).toMatchObject({ cellEditor: ChoiceEditor, cellEditorParams: { choices: ['investment', 'purchase', 'infrastructure'] } });
    expect(def('status').cellEditorParams.choices).toContain('cancelled');
    expect(def('from_party')).toMatchObject({ cellEditor: PartyEditor });
    expect(GRID_COLUMNS.filter((c) => c.pinned === 'left').map((c) => c.colId)).toEqual(['id', 'from_party', 'to_party']);
    // Editors are inline: a popup editor mounts two renders later, and fast typing was lost meanwhile.
    expect(GRID_COLUMNS.filter((c) => c.cellEditorPopup).map((c) => c.colId)).toEqual(['notes']);
    expect(def('announced').filter).toBe('agDateColumnFilter');
    expect(def('amount_usd').filter).toBe('agNumberColumnFilter');
    expect(def('notes').filter).toBe('agTextColumnFilter');
    // Money filters read the same forms as the cells.
    expect(def('amount_usd').filterParams.numberParser('10B')).toBe(10e9);
    expect(def('amount_usd').filterParams.numberParser('abc')).toBeNull();
  });

  it('compares ISO date cells with the date filter', () => {
    const compare = columnDefs().find((c) => c.colId === 'announced')!.filterParams.comparator;
    expect(compare(new Date(2025, 8, 22), '2025-09-22')).toBe(0);
    expect(compare(new Date(2025, 8, 22), '2025-09-21')).toBe(-1);
    expect(compare(new Date(2025, 8, 22), '2025-10-01')).toBe(1);
  });

  it('shows money, shares and ratios as the spec does', () => {
    expect(displayText('money', 45e9)).toBe('$45.0B');
    expect(displayText('money', 750e6)).toBe('$750M');
    expect(displayText('money', 1.2e12)).toBe('$1.20T');
    expect(displayText('money', null)).toBe('');
    expect(displayText('share', 0.25)).toBe('25%');
    expect(displayText('ratio', 1.5555)).toBe('1.56x');
    expect(displayText('id', -1)).toBe('new');
    expect(displayText('number', 1200.5)).toBe('1,200.5');
  });
});

describe('editor text', () => {
  it('opens money in a short form that reads back to exactly the stored number', () => {
    expect(moneyEditText(45e9)).toBe('45B');
    expect(moneyEditText(1.2e12)).toBe('1.2T');
    expect(moneyEditText(750e6)).toBe('750M');
    expect(moneyEditText(5500)).toBe('5.5K');
    expect(moneyEditText(999)).toBe('999');
    for (const n of [45e9, 1.2e12, 750e6, 1234567891, 0.5, 123456789012345, 3.14159e9]) {
      const back = parseMoney(moneyEditText(n));
      expect(back.ok && back.value, String(n)).toBe(n);
    }
    expect(editText('money', 45e9)).toBe('45B');
    expect(editText('date', '2025-09-22')).toBe('2025-09-22');
    expect(editText('money', null)).toBe('');
  });

  it('starts an amount’s editor with its basis, so Enter on it untouched keeps an up-to or estimated amount', () => {
    const row = (amount_basis: string) => ({ amount_basis }) as unknown as DealRow;
    expect(editText('money', 100e9, row('up_to'))).toBe('up to 100B');
    expect(editText('money', 34e9, row('estimate'))).toBe('~34B');
    expect(editText('money', 45e9, row('firm'))).toBe('45B');
    for (const [basis, n] of [['up_to', 100e9], ['estimate', 34e9], ['firm', 2.5e9]] as const) {
      const text = editText('money', n, row(basis));
      expect(parseField('amount_usd', text)).toEqual({ ok: true, value: n });
      expect(impliedFields('amount_usd', text)).toEqual({ amount_basis: basis });
    }
  });
});
