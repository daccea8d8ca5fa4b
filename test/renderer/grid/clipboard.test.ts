import { describe, expect, it } from 'vitest';
import { copyCell, copyValue, parseTsv, planPaste, rowsToTsv, toTsv } from '../../../renderer/grid/clipboard';
import { impliedFields, parseField } from '../../../shared/model/fields';
import type { DealRow } from '../../../shared/model/deal';

describe('parseTsv', () => {
  it('reads rows and cells as spreadsheets copy them (CRLF or LF, one trailing line end)', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('a\tb\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('45B\n')).toEqual([['45B']]);
  });

  it('keeps empty cells, including trailing ones', () => {
    expect(parseTsv('a\t\tc\n\t\t\n')).toEqual([['a', '', 'c'], ['', '', '']]);
  });

  it('unquotes cells holding tabs, line breaks or quotes', () => {
    expect(parseTsv('"two\nlines"\t"say ""hi"""\tx\n')).toEqual([['two\nlines', 'say "hi"', 'x']]);
    expect(parseTsv('"a\tb"\n')).toEqual([['a\tb']]);
  });

  it('treats a quote that does not close a cell as text', () => {
    expect(parseTsv('"Big" deal\tx')).toEqual([['"Big" deal', 'x']]);
  });

  it('reads nothing from empty text', () => {
    expect(parseTsv('')).toEqual([]);
  });
});

describe('toTsv and copy values', () => {
  it('round-trips through parseTsv, quoting only where needed', () => {
    const rows = [['plain', 'tab\there', 'line\nbreak', 'quote " mark', '']];
    expect(toTsv(rows)).toBe('plain\t"tab\there"\t"line\nbreak"\t"quote "" mark"\t');
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });

  it('copies numbers plain (USD, never $45.0B or 4.5e+10) and empty as empty', () => {
    expect(copyValue(45e9)).toBe('45000000000');
    expect(copyValue(1e21)).toBe('1000000000000000000000');
    expect(copyValue(0.25)).toBe('0.25');
    expect(copyValue(null)).toBe('');
    expect(copyValue('2025-09-22')).toBe('2025-09-22');
  });

  it('copies rows over the given columns in their order', () => {
    const row = { id: 7, from_party: 'Amazon', to_party: 'OpenAI', amount_usd: 5e10, notes: null } as unknown as DealRow;
    expect(rowsToTsv([row, { ...row, id: 8 }], ['id', 'amount_usd', 'from_party', 'notes'])).toBe('7\t50000000000\tAmazon\t\r\n8\t50000000000\tAmazon\t');
  });
});

describe('planPaste', () => {
  const target = {
    rowIds: [10, 11, 12, 13],
    columns: ['ag-Grid-SelectionColumn', 'id', 'announced', 'from_party', 'amount_usd', 'cash_share', 'notes'],
    startRow: 1,
    startColumn: 3,
  };

  it('lands the block at the focused cell, row by row and column by column', () => {
    const plan = planPaste([['A', '1B'], ['B', '2B']], target);
    expect(plan).toEqual({
      ok: true,
      rows: 2,
      columns: 2,
      cells: [
        { id: 11, field: 'from_party', value: 'A' },
        { id: 11, field: 'amount_usd', value: '1B' },
        { id: 12, field: 'from_party', value: 'B' },
        { id: 12, field: 'amount_usd', value: '2B' },
      ],
      add: [],
    });
  });

  it('skips read-only columns (id, derived) so copied rows paste back in place', () => {
    const plan = planPaste([['99', '2025-01-02', 'A', '1B', '0.5', 'note']], { ...target, startColumn: 1 });
    expect(plan.ok && plan.cells.map((c) => c.field)).toEqual(['announced', 'from_party', 'amount_usd', 'notes']);
  });

  it('leaves the cells of a short, ragged row alone instead of clearing them', () => {
    const plan = planPaste([['A', '1B'], ['B']], target);
    expect(plan.ok && plan.cells.filter((c) => c.id === 12)).toEqual([{ id: 12, field: 'from_party', value: 'B' }]);
  });

  it('makes the rows past the last shown row new deals, and all of a block pasted on the new-deal row', () => {
    const plan = planPaste([['A', '1B'], ['B', '2B'], ['C', '3B'], ['D', '']], target);
    expect(plan.ok && plan.cells.map((c) => c.id)).toEqual([11, 11, 12, 12, 13, 13]);
    expect(plan.ok && plan.add).toEqual([{ from_party: 'D', amount_usd: '' }]);
    const onDraft = planPaste([['A', '1B'], ['B', '2B']], { ...target, startRow: 4 });
    expect(onDraft).toMatchObject({ ok: true, cells: [], add: [{ from_party: 'A', amount_usd: '1B' }, { from_party: 'B', amount_usd: '2B' }] });
  });

  it('refuses a block that runs past the shown columns', () => {
    expect(planPaste([['a', 'b', 'c', 'd', 'e']], target)).toMatchObject({ ok: false, message: expect.stringContaining('5 columns but only 4 columns') });
  });

  it('refuses an empty block or one over read-only columns only', () => {
    expect(planPaste([], target).ok).toBe(false);
    expect(planPaste([['0.5']], { ...target, startColumn: 5 })).toMatchObject({ ok: false, message: expect.stringContaining('read-only') });
  });
});

describe('copyCell', () => {
  const row = (values: Partial<DealRow>) => ({ id: 1, ...values }) as DealRow;
  it('reads back as the same value, basis and precision through the parser a paste uses', () => {
    const cases: [Partial<DealRow>, string, string][] = [
      [{ amount_usd: 1e11, amount_basis: 'up_to' }, 'amount_usd', 'up to 100000000000'],
      [{ amount_usd: 34e9, amount_basis: 'estimate' }, 'amount_usd', '~34000000000'],
      [{ amount_usd: 5e9, amount_basis: 'firm' }, 'amount_usd', '5000000000'],
      [{ announced: '2025-09-01', announced_precision: 'month' }, 'announced', '2025-09'],
      [{ announced: '2025-10-01', announced_precision: 'quarter' }, 'announced', '2025-Q4'],
      [{ announced: '2025-01-01', announced_precision: 'year' }, 'announced', '2025'],
      [{ announced: '2025-09-22', announced_precision: 'day' }, 'announced', '2025-09-22'],
    ];
    for (const [values, column, text] of cases) {
      expect(copyCell(row(values), column)).toBe(text);
      const field = column as 'amount_usd' | 'announced';
      expect(parseField(field, text)).toEqual({ ok: true, value: values[field] });
      const implied = impliedFields(field, text);
      for (const [k, v] of Object.entries(implied)) expect(v).toBe(values[k as keyof DealRow]);
    }
  });
});
