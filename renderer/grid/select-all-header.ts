import type { GridApi, IHeaderComp, IHeaderParams } from 'ag-grid-community';
import type { DealRow } from '../../shared/model/deal';

/**
 * Ticked when every shown deal is selected, half-ticked when some deals are. `selectedShown` is asked only when
 * there are at least as many selected as shown (deals selected and then filtered out do not count).
 */
export function selectAllState(selected: number, shown: number, selectedShown: () => number): 'all' | 'some' | 'none' {
  if (selected === 0) return 'none';
  return shown > 0 && selected >= shown && selectedShown() >= shown ? 'all' : 'some';
}

function gridState(api: GridApi<DealRow>): 'all' | 'some' | 'none' {
  const selected = api.getSelectedNodes();
  return selectAllState(selected.length, api.getDisplayedRowCount(), () => selected.filter((node) => node.displayed).length);
}

/**
 * The select-all box over the row checkboxes. AG Grid's own box works its state out by visiting every row after
 * every change (about 100 ms at 100k deals, on opening and on each edit); this one looks only at the selected
 * rows and the count of rows shown. A click (or Space on the header cell) selects every shown deal, or clears the
 * selection when all of them are selected.
 */
export class SelectAllHeader implements IHeaderComp {
  private readonly gui = document.createElement('div');
  private readonly box = document.createElement('div');
  private readonly input = document.createElement('input');
  private detach: () => void = () => undefined;

  init(params: IHeaderParams<DealRow>): void {
    const { api } = params;
    this.gui.className = 'select-all-header';
    this.box.className = 'ag-wrapper ag-input-wrapper ag-checkbox-input-wrapper';
    this.input.type = 'checkbox';
    this.input.className = 'ag-input-field-input ag-checkbox-input';
    this.input.dataset.testid = 'select-all';
    this.input.setAttribute('aria-label', 'Select all shown deals');
    this.input.tabIndex = -1;
    this.box.append(this.input);
    this.gui.append(this.box);

    const show = () => {
      const now = gridState(api);
      this.input.checked = now === 'all';
      this.input.indeterminate = now === 'some';
      this.box.classList.toggle('ag-checked', now === 'all');
      this.box.classList.toggle('ag-indeterminate', now === 'some');
    };
    const toggle = () => {
      if (gridState(api) === 'all') api.deselectAll();
      else api.selectAll('filtered');
      show();
    };
    this.input.addEventListener('click', (e) => {
      e.stopPropagation();
      toggle();
    });
    // Space on the focused header cell, as on AG Grid's own box.
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== ' ' || e.target !== params.eGridHeader) return;
      e.preventDefault();
      toggle();
    };
    params.eGridHeader.addEventListener('keydown', onKeyDown);
    api.addEventListener('selectionChanged', show);
    api.addEventListener('modelUpdated', show);
    show();
    this.detach = () => {
      params.eGridHeader.removeEventListener('keydown', onKeyDown);
      if (api.isDestroyed()) return;
      api.removeEventListener('selectionChanged', show);
      api.removeEventListener('modelUpdated', show);
    };
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  refresh(): boolean {
    return true;
  }

  destroy(): void {
    this.detach();
  }
}
