import type { CellFocusedEvent, IRowNode } from 'ag-grid-community';
import type { RawValue, RawValues } from '../../shared/contract';
import type { DealField, DealRow } from '../../shared/deal';
import { parseField } from '../../shared/fields';
import { cellError } from '../book/errors';
import type { BookSession } from '../book/session';
import { draftBlockers, draftDeal, editDraft, localIsoDate, newDraft, type Draft } from './draft';

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
  }

  private get api() {
    return this.session.api;
  }

  /** The grid's value setter lands here; the grid shows the old value until the service answers. */
  editCell(node: IRowNode<DealRow>, field: DealField, raw: RawValue): void {
    if (node.rowPinned === 'top') return this.editDraftCell(field, raw);
    if (node.data) this.sendEdit(node.data, field, raw);
  }

  private sendEdit(row: DealRow, field: DealField, raw: RawValue): void {
    const parsed = parseField(field, raw);
    if (!parsed.ok) return this.session.showError(cellError(row.id, field, parsed.message, raw));
    if (parsed.value === row[field]) return;
    const changes: RawValues = { [field]: raw };
    // base: what this window showed, so a team book refuses the edit if someone changed the cell since.
    const base: RawValues = { [field]: row[field] };
    void this.session.write(() => this.session.client.updateDeal({ id: row.id, changes, base }), {
      after: () => this.clearErrorAbout(row.id, field),
    });
  }

  // A corrected cell takes its own error away; other errors stay until dismissed.
  private clearErrorAbout(id: number, field: string): void {
    const error = this.session.store.get().error;
    if (error && error.message.startsWith(`Deal ${id}, ${field}:`)) this.session.clearError();
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
    const edited = editDraft(draft, field, raw);
    if (!edited.ok) return this.session.showError(cellError(null, field, edited.message, raw));
    this.draft = edited.draft;
    this.showDraft();
    if (this.adding) {
      this.dirty.add(field);
      return;
    }
    const built = draftDeal(this.draft);
    if (built.ok) return this.saveDraft();
    const { missing, invalid } = draftBlockers(built);
    if (invalid.length) {
      const [first, ...rest] = invalid;
      this.session.showError({ message: `New deal, ${first!.field}: ${first!.message}`, lines: rest.map((p) => `${p.field}: ${p.message}`) });
    } else {
      this.session.notify(`New deal: fill in ${missing.join(', ')} to save it`);
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
    if (!api.getRowNode(String(draft.savedId))) api.applyTransaction({ add: [{ ...draft.row, id: draft.savedId }], addIndex: 0 });
    if (focused && focusedId !== undefined) {
      const index = api.getRowNode(focusedId)?.rowIndex;
      if (index != null) api.setFocusedCell(index, focused.column);
    }
    this.session.recount();
  }

  onCellFocused(event: CellFocusedEvent<DealRow>): void {
    if (event.rowPinned !== 'top' && event.rowIndex !== null && this.draft?.savedId != null) this.commitDraft();
  }

  /** The draft's deal is part of the book once saved, so undo and redo must see it as an ordinary row. */
  beforeHistory(): void {
    if (this.draft?.savedId != null) this.commitDraft();
  }

  today(): string {
    return localIsoDate(this.now());
  }
}
