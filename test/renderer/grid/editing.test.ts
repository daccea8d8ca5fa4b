import { describe, expect, it, vi } from 'vitest';
import { draftBlockers, draftDeal, editDraft, localIsoDate, newDraft } from '../../../renderer/grid/draft';
import { pasteProblems } from '../../../renderer/grid/clipboard-actions';
import { startText, suggestParties } from '../../../renderer/grid/start-text';
import { chosenValue, matchChoices } from '../../../renderer/grid/choice-editor';
import { DEFAULT_LAYOUT, readLayout } from '../../../renderer/grid/grid-layout';
import { buildCommands, type CommandActions } from '../../../renderer/commands/app-commands';
import { commandForKey, keyText } from '../../../renderer/commands/registry';
import { initialState } from '../../../renderer/book/store';
import { cellError, errorView, withHeaders } from '../../../renderer/book/errors';
import { describeProblem as problemLine } from '../../../shared/protocol/result';
import type { DealRow } from '../../../shared/model/deal';

describe('the new-deal draft', () => {
  it('starts with today, kind investment and the defaults, and is not valid until both parties are in', () => {
    const draft = newDraft('2026-03-04');
    expect(draft.row).toMatchObject({ announced: '2026-03-04', kind: 'investment', status: 'announced', term_years: 1, from_party: '' });
    expect(draftBlockers(draftDeal(draft))).toEqual({ missing: ['from_party', 'to_party'], invalid: [] });
  });

  it('parses each typed cell; a bad value leaves the draft as it was', () => {
    const draft = newDraft('2026-03-04');
    const bad = editDraft(draft, 'amount_usd', 'abc');
    expect(bad.ok).toBe(false);
    const good = editDraft(draft, 'amount_usd', '45B');
    expect(good.ok && good.draft.row.amount_usd).toBe(45e9);
    expect(draft.row.amount_usd).toBeNull();
  });

  it('becomes a valid deal once from and to are set, and reports rules across fields', () => {
    let draft = newDraft('2026-03-04');
    for (const [field, raw] of [['from_party', 'Amazon'], ['to_party', 'OpenAI']] as const) {
      const next = editDraft(draft, field, raw);
      if (next.ok) draft = next.draft;
    }
    const built = draftDeal(draft);
    expect(built.ok && built.deal).toMatchObject({ from_party: 'Amazon', to_party: 'OpenAI', announced: '2026-03-04', kind: 'investment' });
    const same = editDraft(draft, 'to_party', 'amazon');
    expect(same.ok && draftBlockers(draftDeal(same.draft)).invalid[0]?.field).toBe('to_party');
  });

  it('reads a numeric date both orders allow by the book\'s date order, as the book will; without one it is refused', () => {
    const draft = newDraft('2026-03-04');
    expect(editDraft(draft, 'announced', '3/4/2025').ok).toBe(false);
    const dmy = editDraft(draft, 'announced', '3/4/2025', { dateOrder: 'DMY' });
    expect(dmy.ok && dmy.draft.row.announced).toBe('2025-04-03');
    const full = { ...draft, raw: { ...draft.raw, from_party: 'A', to_party: 'B', announced: '3/4/2025' } };
    expect(draftDeal(full).ok).toBe(false);
    const built = draftDeal(full, { dateOrder: 'MDY' });
    expect(built.ok && built.deal.announced).toBe('2025-03-04');
    // A pasted block is checked the same way before anything is sent.
    const cells = [{ id: 1, field: 'announced' as const, value: '3/4/2025' }];
    const add = [{ announced: '3/4/2025', from_party: 'A', to_party: 'B', kind: 'investment' }];
    expect(pasteProblems(cells, add)).toHaveLength(2);
    expect(pasteProblems(cells, add, { dateOrder: 'DMY' })).toEqual([]);
  });

  it('dates the draft by the local calendar day', () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('editor start and choices', () => {
  it('replaces the value with a typed key, clears it on Backspace, keeps it on Enter or F2', () => {
    expect(startText('a', 'Amazon')).toEqual({ text: 'a', replaced: true });
    expect(startText('Backspace', 'Amazon')).toEqual({ text: '', replaced: true });
    expect(startText('Enter', 'Amazon')).toEqual({ text: 'Amazon', replaced: false });
    expect(startText(null, 'Amazon')).toEqual({ text: 'Amazon', replaced: false });
  });

  it('reads typed kinds and statuses as the choice they name or begin', () => {
    const kinds = ['investment', 'purchase', 'infrastructure'];
    expect(chosenValue(kinds, 'pur')).toBe('purchase');
    expect(chosenValue(kinds, 'Purchase')).toBe('purchase');
    expect(chosenValue(kinds, 'in')).toBe('investment');
    expect(chosenValue(kinds, 'inf')).toBe('infrastructure');
    expect(chosenValue(kinds, 'loan')).toBe('loan');
    expect(matchChoices(kinds, 'in')).toEqual(['investment', 'infrastructure']);
    expect(matchChoices(kinds, 'purchase')).toEqual(kinds);
    expect(matchChoices(kinds, 'struct')).toEqual(['infrastructure']);
  });

  it('suggests parties that start with the text first, then those containing it', () => {
    const names = ['OpenAI', 'Oracle', 'SoftBank', 'Open Philanthropy', 'Amazon'];
    expect(suggestParties(names, 'op')).toEqual(['OpenAI', 'Open Philanthropy']);
    expect(suggestParties(names, 'an')).toEqual(['SoftBank', 'Open Philanthropy']);
    expect(suggestParties(names, '', 2)).toEqual(['OpenAI', 'Oracle']);
  });
});

describe('keys, layout and error text', () => {
  const commands = Object.values(buildCommands(initialState, new Proxy({} as CommandActions, { get: () => () => undefined })));
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
    commandForKey(commands, { key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods })?.id ?? null;

  it('maps keys to the registry commands: Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y (and Cmd on a Mac), ?, Alt+N', () => {
    expect(key('z', { ctrlKey: true })).toBe('undo');
    expect(key('Z', { ctrlKey: true, shiftKey: true })).toBe('redo');
    expect(key('y', { ctrlKey: true })).toBe('redo');
    expect(key('z', { metaKey: true })).toBe('undo');
    expect(key('f', { ctrlKey: true })).toBe('find');
    expect(key('e', { ctrlKey: true })).toBe('export-csv');
    expect(key('?', { shiftKey: true })).toBe('show-shortcuts');
    expect(key('n', { altKey: true })).toBe('add-deal');
    expect(key('z')).toBeNull();
    // Copy and paste are listed, but the clipboard events run them.
    expect(key('c', { ctrlKey: true })).toBeNull();
    expect(keyText({ key: 'z', mod: true, shift: true })).toMatch(/^(Ctrl|Cmd)\+Shift\+Z$/);
  });

  it('reads a stored layout, drops unknown columns, adds new ones, and falls back to newest first', () => {
    expect(readLayout(null)).toEqual(DEFAULT_LAYOUT);
    expect(readLayout('not json')).toEqual(DEFAULT_LAYOUT);
    const layout = readLayout(JSON.stringify({ columnOrder: { orderedColIds: ['notes', 'gone', 'id'] }, focusedCell: { rowIndex: 1 } }));
    expect(layout.columnOrder!.orderedColIds.slice(0, 2)).toEqual(['notes', 'id']);
    expect(layout.columnOrder!.orderedColIds).toContain('amount_usd');
    expect(layout.columnOrder!.orderedColIds).not.toContain('gone');
    expect(layout).not.toHaveProperty('focusedCell');
  });

  it('names the deal or line and the field of each problem', () => {
    expect(problemLine({ row: 12, field: 'amount_usd', value: 'abc', message: 'must be a USD amount' })).toBe('deal 12, amount_usd: must be a USD amount (abc)');
    expect(problemLine({ line: 4, field: 'kind', message: 'must be one of investment' })).toBe('line 4, column kind: must be one of investment');
    // The grid's own messages name columns as its headers do.
    expect(cellError(7, 'amount_usd', 'is bad', 'abc').message).toBe('Deal 7, Amount: is bad (abc)');
    expect(cellError(-1, 'to_party', 'is required', null).message).toBe('New deal, To: is required');
    expect(errorView({ code: 'validation', message: 'x', details: [{ row: 3, field: 'cash_usd', message: 'cash_usd + credit_usd must not exceed amount_usd' }] }).message)
      .toBe('Deal 3, Cash: Cash + Credits must not exceed Amount');
    expect(withHeaders('must differ from from_party unless kind is infrastructure')).toBe('From and To must differ (unless the kind is infrastructure)');
  });
});

describe('row order before any sort', () => {
  it('puts the newest announcement first, and the newest entry first within a day', async () => {
    const { newestFirst } = await import('../../../renderer/grid/row-order');
    const rows = [
      { id: 1, announced: '2025-01-01' },
      { id: 2, announced: '2025-03-01' },
      { id: 3, announced: '2025-01-01' },
      { id: 4, announced: '2024-12-31' },
    ] as DealRow[];
    expect(newestFirst(rows).map((r) => r.id)).toEqual([2, 3, 1, 4]);
  });

  it('gives the order a full comparison sort gives, in place, on every path it takes', async () => {
    const { newestFirst } = await import('../../../renderer/grid/row-order');
    const byComparison = (rows: DealRow[]) =>
      [...rows].sort((a, b) => (a.announced < b.announced ? 1 : a.announced > b.announced ? -1 : b.id - a.id)).map((r) => r.id);
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const randomRows = (ascending: boolean): DealRow[] =>
      Array.from({ length: 3000 }, (_, i) => ({
        id: ascending ? i * 3 + 1 : Math.floor(next() * 1e9),
        announced: `20${10 + Math.floor(next() * 15)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 31)).padStart(2, '0')}`,
      })) as DealRow[];
    // [rows, whether the counting sort can take them]
    const cases: Record<string, [DealRow[], boolean]> = {
      // The service's order, dates over fifteen years: counted by day.
      'ids ascending': [randomRows(true), true],
      'ids in any order': [randomRows(false), false],
      // Two days nine thousand years apart are too thin to count.
      'days far apart': [[...randomRows(true), { id: 9001, announced: '0001-01-01' } as DealRow, { id: 9002, announced: '9999-12-31' } as DealRow], false],
      'a date that is not YYYY-MM-DD': [[...randomRows(true), { id: 9003, announced: '2025-13-01' } as DealRow], false],
      'no deals': [[], true],
    };
    const sort = vi.spyOn(Array.prototype, 'sort');
    try {
      for (const [name, [rows, counted]] of Object.entries(cases)) {
        const expected = byComparison(rows);
        sort.mockClear();
        const sorted = newestFirst(rows);
        // The counting path sorts only nothing; the comparison path sorts the rows themselves.
        expect(sort.mock.contexts.includes(rows), name).toBe(!counted);
        expect(sorted, name).toBe(rows);
        expect(sorted.map((r) => r.id), name).toEqual(expected);
      }
    } finally {
      sort.mockRestore();
    }
  });

  it('numbers days in date order', async () => {
    const { dayKey } = await import('../../../renderer/grid/row-order');
    const days = ['1999-12-31', '2000-01-01', '2000-01-31', '2000-02-01', '2000-12-31', '2001-01-01'];
    const keys = days.map(dayKey);
    expect(keys.every((k, i) => i === 0 || k > keys[i - 1]!)).toBe(true);
    for (const bad of ['2025-00-10', '2025-13-01', '2025-01-00', '2025-01-32', '2025/01/01', '2025-1-01', 'abcd-01-01', '']) {
      expect(dayKey(bad), bad).toBe(-1);
    }
  });
});
