import type { GridApi } from 'ag-grid-community';
import type { DealRow } from '../../shared/model/deal';
import type { BookSession } from '../book/session';
import { displayedColumns, displayedIds } from './apply-change';
import type { RawValues } from '../../shared/protocol/contract';
import { buildDeal, parseField } from '../../shared/model/fields';
import type { ParseOptions } from '../../shared/model/parse';
import { headerOf, withHeaders } from '../book/errors';
import { copyCell, parseTsv, planPaste, rowsToTsv, withShown, type PasteCell } from './clipboard';
import { rangeTsv, type RangeSelection } from './range-selection';

/** Every pasted cell parsed as an edit would be, and every new deal built whole, before anything is sent. */
export function pasteProblems(cells: readonly PasteCell[], add: readonly RawValues[], options: ParseOptions = {}): string[] {
  const lines: string[] = [];
  const value = (raw: unknown) => (raw === null || raw === undefined || raw === '' ? '' : ` (${String(raw).slice(0, 40)})`);
  for (const c of cells) {
    const parsed = parseField(c.field, c.value, options);
    if (!parsed.ok) lines.push(`Deal ${c.id}, ${headerOf(c.field)}: ${withHeaders(parsed.message)}${value(c.value)}`);
  }
  add.forEach((raw, i) => {
    const built = buildDeal(raw, undefined, options);
    if (built.ok) return;
    for (const p of built.problems) lines.push(`New deal ${i + 1}, ${headerOf(p.field)}: ${withHeaders(p.message)}${value(raw[p.field])}`);
  });
  return lines;
}

export type PasteOptions = {
  /** Today's date: a new deal pasted without one is announced today, as the new-deal row is. */
  today: string;
  /** The block was pasted on the new-deal row and its rows were added: that row has done its job. */
  onAddedFromDraft?: () => void;
};

/**
 * Paste a block at the focused cell. Its cells over shown rows are edits; its rows past the last row, or all of
 * them on the new-deal row, are new deals. Everything is checked here first and nothing is sent if any cell is
 * bad (each bad cell listed); then all of it goes to the service in one updateCells call, which checks it again
 * and applies it as one undo step, or nothing.
 */
export function pasteBlock(session: BookSession, api: GridApi<DealRow>, text: string, options: PasteOptions): Promise<boolean> {
  const focused = api.getFocusedCell();
  if (!focused) {
    session.showError({ message: 'Click the cell where the pasted block should start', lines: [] });
    return Promise.resolve(false);
  }
  const columns = displayedColumns(api);
  const rowIds = displayedIds(api);
  const onDraft = focused.rowPinned === 'top';
  const plan = planPaste(parseTsv(text), {
    rowIds,
    columns,
    startRow: onDraft ? rowIds.length : focused.rowIndex,
    startColumn: Math.max(0, columns.indexOf(focused.column.getColId())),
  });
  if (!plan.ok) {
    session.showError({ message: plan.message, lines: [] });
    return Promise.resolve(false);
  }
  const add: RawValues[] = plan.add.map((row) => ({ announced: options.today, kind: 'investment', ...row }));
  const problems = pasteProblems(plan.cells, add, session.parseOptions());
  if (problems.length) {
    const [first, ...rest] = problems;
    const message = problems.length === 1 ? `Paste rejected: ${first}` : `Paste rejected: ${problems.length} cells are invalid; nothing was changed`;
    session.showError({ message, lines: problems.length === 1 ? [] : [first!, ...rest] });
    return Promise.resolve(false);
  }
  const label = `Paste ${plan.rows}x${plan.columns} cells`;
  return session
    // Each cell with what its row showed: a team book refuses a cell another analyst changed since.
    .write(() => session.client.updateCells({ cells: withShown(plan.cells, (id) => api.getRowNode(String(id))?.data), ...(add.length ? { add } : {}), label }))
    .then((saved) => {
      if (saved && onDraft) options.onAddedFromDraft?.();
      return saved;
    });
}

/**
 * Cells the grid changes together (a range cleared or filled down): checked here as a paste is, then sent as one
 * updateCells call, one undo step.
 */
export function writeCells(session: BookSession, cells: PasteCell[], label: string, nothing: string): Promise<boolean> {
  if (!cells.length) {
    session.notify(nothing);
    return Promise.resolve(false);
  }
  const problems = pasteProblems(cells, [], session.parseOptions());
  if (problems.length) {
    const [first, ...rest] = problems;
    session.showError(problems.length === 1 ? { message: `${label} refused: ${first}`, lines: [] } : { message: `${label} refused: ${problems.length} cells are invalid; nothing was changed`, lines: [first!, ...rest] });
    return Promise.resolve(false);
  }
  return session.write(() => session.client.updateCells({ cells, label }));
}

/** A block of cells (range selection), else the ticked rows (all displayed columns), else the focused cell, as TSV. */
export function copySelection(api: GridApi<DealRow>, range?: RangeSelection): string | null {
  if (range?.isBlock()) {
    const { rows, columns } = range.selection();
    return rangeTsv(rows, columns);
  }
  const selected = new Set(api.getSelectedRows().map((r) => r.id));
  if (selected.size > 0) {
    const rows: DealRow[] = [];
    api.forEachNodeAfterFilterAndSort((node) => {
      if (node.data && selected.has(node.data.id)) rows.push(node.data);
    });
    return rowsToTsv(rows, displayedColumns(api));
  }
  const focused = api.getFocusedCell();
  if (!focused) return null;
  const node = focused.rowPinned === 'top' ? api.getPinnedTopRow(focused.rowIndex) : api.getDisplayedRowAtIndex(focused.rowIndex);
  if (!node?.data) return null;
  return copyCell(node.data, focused.column.getColId());
}
