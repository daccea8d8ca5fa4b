import type { CellFocusedEvent, CellPosition, GridApi, IRowNode } from 'ag-grid-community';
import type { BookEvent, RawValue, RawValues } from '../../shared/protocol/contract';
import type { DealField, DealRow } from '../../shared/model/deal';
import { impliedFields, parseField } from '../../shared/model/fields';
import { cellError, errorView, headerOf, withHeaders } from '../book/errors';
import type { Refusal } from './grid-context';
import type { BookSession } from '../book/session';
import { draftBlockers, draftDeal, editDraft, localIsoDate, newDraft, type Draft } from './draft';
import { EditsSentOnKey } from './sent-on-key';
import { closeEditorOfDeleted } from './deleted-while-editing';
import { goneThroughReload, holdPlace, keptNote, type HeldPlace } from './kept-through-reload';
import { restoreFocus } from './focus-by-deal';
import { RefusalComebacks, type Comeback } from './refusal-comeback';

/**
 * Cell edits and the new-deal draft. An edit is parsed here first (a bad value never leaves the grid and the
 * old value stays), then sent to the service, which parses it the same way and answers with every row to refresh.
 * The draft is a pinned row on top that is kept client-side until it is a valid deal, then saved once.
 */
export class GridEditing {
  private draft: Draft | null = null;
  private adding = false;
  /** Fields typed into the draft while its add was on the way; sent as one edit once it has an id. */
  private dirty = new Set<DealField>();

  constructor(
    private readonly session: BookSession,
    private readonly now: () => Date = () => new Date(),
  ) {
    session.onDraftRow = (row, deleted) => this.draftRowChanged(row, deleted);
    session.onDeleting = (ids, event) => {
      if (this.api) closeEditorOfDeleted(this.api, session, ids, event, (cell) => this.rowIdAt(cell));
    };
    session.onReloading = () => void (this.held = this.api && !this.api.isDestroyed() ? holdPlace(this.api, (cell) => this.rowIdAt(cell)) : null);
    session.onReloaded = (event) => this.putBack(event);
  }

  /** Where the analyst was when the book began to reload, put back once it has. */
  private held: HeldPlace | null = null;

  /**
   * After a whole-book reload: the focus goes back to the deal it was on (not to the row position, now another
   * deal's), and a closed editor reopens there with the analyst's text and a note saying why; when the deal is
   * gone, the red bar names it, the column and the text, as for a deal deleted while editing.
   */
  private putBack(event: BookEvent | null): void {
    const held = this.held;
    this.held = null;
    const api = this.api;
    if (!held || !api || api.isDestroyed()) return;
    const me = this.session.store.get().info?.caller;
    const { focus, editor } = held;
    restoreFocus(api, focus);
    if (!editor) return;
    const node = api.getRowNode(editor.rowId);
    if (!node || node.rowIndex === null) {
      const hidden = this.session.rows.get(Number(editor.rowId)) !== undefined;
      return this.session.showError(goneThroughReload(event, me, editor.rowId, editor.colId, editor.typed, hidden));
    }
    const comeback = this.comebacks.sent(editor.rowId, editor.colId);
    this.comebacks.refused(comeback, { text: editor.typed, reason: keptNote(event, me) });
    // After the grid has taken down the editor it closed (a new one, so it opens with the kept text and the note);
    // unless the analyst pressed Escape or moved on meanwhile.
    setTimeout(() => {
      const at = api.getRowNode(editor.rowId);
      if (!this.comebacks.reopening(comeback) || api.isDestroyed() || at?.rowIndex == null || api.getEditingCells().length) return this.comebacks.done(comeback);
      api.ensureColumnVisible(editor.colId);
      api.startEditingCell({ rowIndex: at.rowIndex, colKey: editor.colId });
    }, 0);
  }

  private api: GridApi<DealRow> | null = null;

  /** The grid is up: the draft row, refused edits and focus go through its API. */
  attach(api: GridApi<DealRow>): void {
    this.api = api;
  }

  /**
   * What each open editor's cell showed when the analyst began typing: the base of the edit (a team book refuses it
   * when someone else changed the cell since). Kept apart from the row, which a live step may patch while the
   * editor is open; the grid's edit request only knows the value at commit time.
   */
  private shownAtStart = new Map<string, RawValue>();
  private readonly sentOnKey = new EditsSentOnKey();
  private readonly comebacks = new RefusalComebacks();

  editStarted(node: IRowNode<DealRow>, field: DealField): void {
    // An edit begun in another cell: the refused edits of the cells left behind do not come back into it.
    this.comebacks.movedTo(node.id, field);
    if (node.data && node.rowPinned !== 'top') this.shownAtStart.set(`${node.data.id}:${field}`, node.data[field] as RawValue);
  }

  /** After the edit request (the grid asks before it tells the editor stopped), or on Escape. */
  editStopped(node: IRowNode<DealRow>, field: DealField): void {
    if (!node.data) return;
    this.shownAtStart.delete(`${node.data.id}:${field}`);
    this.sentOnKey.forget(`${node.data.id}:${field}`);
  }

  /** An edit the grid asks for (readOnlyEdit): the grid shows the old value until the service answers. */
  editCell(node: IRowNode<DealRow>, field: DealField, raw: RawValue): void {
    if (node.rowPinned === 'top') return this.editDraftCell(field, raw);
    if (node.data && !this.sentOnKey.take(`${node.data.id}:${field}`, raw)) this.sendEdit(node.data, field, raw);
  }

  /**
   * Enter is about to end the edit of a body cell with `raw`, the text its editor holds (what the grid will ask
   * to save): send it now, so the service works on it while the grid closes the editor and moves on.
   */
  editEnding(node: IRowNode<DealRow>, field: DealField, raw: RawValue): void {
    if (node.rowPinned === 'top' || !node.data) return;
    // The grid's own test: an editor left as it opened (the cell's value) asks for no save, so neither does Enter.
    // Parsing that text again could still change the deal (a month-precision date's editor shows its ISO day).
    if (raw === node.data[field]) return;
    if (this.sentOnKey.send(`${node.data.id}:${field}`, raw)) this.sendEdit(node.data, field, raw);
  }

  private sendEdit(row: DealRow, field: DealField, raw: RawValue): void {
    const options = this.session.parseOptions();
    const parsed = parseField(field, raw, options);
    const rowId = row.id === this.session.draftDealId ? 'draft' : String(row.id);
    const comeback = this.comebacks.sent(rowId, field);
    if (!parsed.ok) {
      this.session.showError(cellError(row.id, field, parsed.message, raw));
      return this.refuse(comeback, raw, withHeaders(parsed.message));
    }
    const key = `${row.id}:${field}`;
    const shown = this.shownAtStart.has(key) ? this.shownAtStart.get(key)! : (row[field] as RawValue);
    this.shownAtStart.delete(key);
    // `up to 100B` over a firm 100B changes the basis only (v2): still an edit. A value the book already holds is
    // none, whoever put it there meanwhile.
    if (parsed.value === row[field] && Object.entries(impliedFields(field, raw, options)).every(([k, v]) => row[k as DealField] === v)) {
      return this.comebacks.done(comeback);
    }
    const changes: RawValues = { [field]: raw };
    // base: what this window showed when the editor opened, so a team book refuses the edit if someone changed
    // the cell since (a file book has one analyst and ignores it).
    const base: RawValues = { [field]: shown };
    void this.session.write(() => this.session.client.updateDeal({ id: row.id, changes, base }), {
      after: () => this.comebacks.done(comeback),
      failed: (error) => this.refuse(comeback, raw, errorView(error).message),
    });
  }

  private refusedNow = false;

  /**
   * A refused edit is not thrown away: the cell's editor opens again with the analyst's text and the reason
   * beside it, to fix or to drop with Escape. (Notes keep AG Grid's large text editor, which cannot take it: the
   * error banner says why.)
   */
  private refuse(comeback: Comeback, raw: RawValue, reason: string): void {
    const { rowId, colId } = comeback;
    const text = raw === null || raw === undefined ? '' : String(raw);
    // The analyst pressed Escape or moved on before the refusal came: the error banner says it, the editor stays shut.
    if (colId === 'notes' || !this.comebacks.refused(comeback, { text, reason })) return this.comebacks.done(comeback);
    // Tab asks at once, within the same key press, whether the edit it ended was refused.
    this.refusedNow = true;
    queueMicrotask(() => void (this.refusedNow = false));
    // After the grid has finished closing the editor that made the edit; unless Escape or a move came first.
    setTimeout(() => {
      const api = this.api;
      if (!this.comebacks.reopening(comeback)) return;
      const node = rowId === 'draft' ? api?.getPinnedTopRow(0) : api?.getRowNode(rowId);
      // An editor the analyst opened in another cell meanwhile is not taken from them.
      const elsewhere = api?.getEditingCells().some((c) => this.rowIdAt(c) !== rowId || c.column?.getColId() !== colId);
      if (!api || !node || node.rowIndex === null || elsewhere) return this.comebacks.done(comeback);
      api.ensureColumnVisible(colId);
      api.startEditingCell({ rowIndex: node.rowIndex, colKey: colId, rowPinned: node.rowPinned });
    }, 0);
  }

  /**
   * The refused edit of this cell, for its reopened editor; taken once, and only while it is fresh. `byKey`: the
   * editor was opened by a key of the analyst's (typing, F2, Enter), a new edit that drops the refused text.
   */
  takeRefusal(rowId: string | undefined, colId: string, byKey = false): Refusal | null {
    return this.comebacks.take(rowId, colId, byKey);
  }

  /** A key press or click of the analyst's begins: what follows is the analyst moving on, not the edit's own key. */
  inputBegan(): void {
    this.comebacks.inputBegan();
  }

  /** Escape: refused edits on their way back do not reopen their editors. */
  giveUpRefusals(): void {
    this.comebacks.giveUpAll();
  }

  refusalPending(): boolean {
    return this.refusedNow;
  }

  addDraft(): void {
    const api = this.api;
    if (!api) return;
    if (this.draft?.savedId != null && !this.adding) this.commitDraft();
    if (!this.draft) {
      this.draft = newDraft(localIsoDate(this.now()));
      this.showDraft();
    }
    api.ensureColumnVisible('from_party');
    api.setFocusedCell(0, 'from_party', 'top');
  }

  /** Drop an unsaved draft; a saved one simply joins the other rows. */
  discardDraft(): void {
    if (!this.draft) return;
    if (this.draft.savedId !== null) return this.commitDraft();
    if (this.adding) return;
    this.draft = null;
    this.showDraft();
  }

  hasDraft(): boolean {
    return this.draft !== null;
  }

  private showDraft(): void {
    this.api?.setGridOption('pinnedTopRowData', this.draft ? [this.draft.row] : []);
    this.session.store.set({ draft: !this.draft ? 'none' : this.draft.savedId === null ? 'typing' : 'saved' });
  }

  private editDraftCell(field: DealField, raw: RawValue): void {
    const draft = this.draft;
    if (!draft) return;
    if (draft.savedId !== null && !this.adding) return this.sendEdit({ ...draft.row, id: draft.savedId }, field, raw);
    const edited = editDraft(draft, field, raw, this.session.parseOptions());
    if (!edited.ok) {
      this.session.showError(cellError(null, field, edited.message, raw));
      return this.refuse(this.comebacks.sent('draft', field), raw, withHeaders(edited.message));
    }
    this.draft = edited.draft;
    this.showDraft();
    if (this.adding) {
      this.dirty.add(field);
      return;
    }
    const built = draftDeal(this.draft, this.session.parseOptions());
    if (built.ok) return this.saveDraft();
    const { missing, invalid } = draftBlockers(built);
    if (invalid.length) {
      const [first, ...rest] = invalid;
      this.session.showError({
        message: `New deal, ${headerOf(first!.field)}: ${withHeaders(first!.message)}`,
        lines: rest.map((p) => `${headerOf(p.field)}: ${withHeaders(p.message)}`),
      });
    } else {
      this.session.notify(`New deal: fill in ${missing.map(headerOf).join(', ')} to save it`);
    }
  }

  private saveDraft(): void {
    const draft = this.draft!;
    this.adding = true;
    this.dirty.clear();
    void this.session.write(() => this.session.client.addDeal({ values: draft.raw }), {
      before: (change) => {
        const id = change.id;
        if (this.draft) {
          this.draft = { ...this.draft, savedId: id };
          this.session.draftDealId = id;
        }
      },
      after: () => {
        this.adding = false;
        this.showDraft();
        this.flushDirty();
        // Saved: it becomes an ordinary first row at once, so row-index 0 is the new deal.
        this.commitDraft();
      },
      failed: () => {
        this.adding = false;
      },
    });
  }

  private flushDirty(): void {
    const draft = this.draft;
    if (!draft || draft.savedId === null || this.dirty.size === 0) return;
    const changes: RawValues = {};
    for (const field of this.dirty) changes[field] = draft.raw[field] ?? null;
    this.dirty.clear();
    const id = draft.savedId;
    void this.session.write(() => this.session.client.updateDeal({ id, changes }));
  }

  private draftRowChanged(row: DealRow | null, deleted: boolean): void {
    if (!this.draft) return;
    if (deleted) {
      this.draft = null;
      this.session.draftDealId = null;
    } else if (row) {
      this.draft = { ...this.draft, row };
    } else {
      // The deals were reloaded with the draft's deal among them.
      this.draft = null;
      this.session.draftDealId = null;
    }
    this.showDraft();
  }

  /** A saved draft joins the body rows; focus follows it, or stays on the row it was on. */
  commitDraft(): void {
    const api = this.api;
    const draft = this.draft;
    if (!api || !draft || draft.savedId === null || this.adding) return;
    const focused = api.getFocusedCell();
    // A value being typed into the draft is kept: it is sent as an edit of the saved deal.
    if (focused?.rowPinned === 'top' && api.getEditingCells().length) api.stopEditing();
    const focusedId = !focused ? undefined : focused.rowPinned === 'top' ? String(draft.savedId) : api.getDisplayedRowAtIndex(focused.rowIndex)?.id;
    this.draft = null;
    this.session.draftDealId = null;
    this.showDraft();
    // Unsorted, the new deal is the first row (newest first); sorted, it lands where the sort puts it.
    const sorted = api.getColumnState().some((c) => c.sort);
    // The session's row of the deal (it has every deal): the grid's rows are the session's objects.
    const row = this.session.rows.get(draft.savedId) ?? { ...draft.row, id: draft.savedId };
    if (!api.getRowNode(String(draft.savedId))) api.applyTransaction({ add: [row], ...(sorted ? {} : { addIndex: 0 }) });
    if (focused && focusedId !== undefined) {
      const index = api.getRowNode(focusedId)?.rowIndex;
      if (index != null) api.setFocusedCell(index, focused.column);
    }
    // A filter (the filter box, a column's, a chart's selection) may hide the deal just saved: it leaves the screen
    // with the focus, so say where it went rather than let it vanish.
    if (api.getRowNode(String(draft.savedId))?.rowIndex == null) {
      this.session.notify(`Deal ${draft.savedId} saved; the filters hide it (clear them to see it)`);
    }
    this.session.recount();
  }

  onCellFocused(event: CellFocusedEvent<DealRow>): void {
    const column = event.column;
    if (column && event.rowIndex !== null) {
      const colId = typeof column === 'string' ? column : column.getColId();
      this.comebacks.movedTo(this.rowIdAt({ rowIndex: event.rowIndex, rowPinned: event.rowPinned ?? null }), colId);
    }
    if (event.rowPinned !== 'top' && event.rowIndex !== null && this.draft?.savedId != null) this.commitDraft();
  }

  /** The draft's deal is part of the book once saved, so undo and redo must see it as an ordinary row. */
  beforeHistory(): void {
    if (this.draft?.savedId != null) this.commitDraft();
  }

  /** The row id of a cell the grid names by position ('draft' for the pinned new-deal row). */
  private rowIdAt(cell: Pick<CellPosition, 'rowIndex' | 'rowPinned'>): string | undefined {
    return cell.rowPinned === 'top' ? 'draft' : this.api?.getDisplayedRowAtIndex(cell.rowIndex)?.id;
  }

  today(): string {
    return localIsoDate(this.now());
  }
}
