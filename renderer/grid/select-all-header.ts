import type { IHeaderComp, IHeaderParams } from 'ag-grid-community';
import type { DealRow } from '../../shared/deal';
import type { BookSession } from '../book/session';

/**
 * Ticked when every shown deal is selected, half-ticked when some deals are. `selectedShown` is asked only when
 * there are at least as many selected as shown (deals selected and then filtered out do not count).
 */
export function selectAllState(selected: number, shown: number, selectedShown: () => number): 'all' | 'some' | 'none' {
  if (selected === 0) return 'none';
  return shown > 0 && selected >= shown && selectedShown() >= shown ? 'all' : 'some';
}

/**
 * The select-all box over the row checkboxes. AG Grid's own box works its state out by visiting every row after
 * every change (about 100 ms at 100k deals, on opening and on each edit); this one reads the counts the status
 * bar already keeps. A click selects every shown deal, or clears the selection when all are selected.
 */
export class SelectAllHeader implements IHeaderComp {
  private readonly gui = document.createElement('div');
  private readonly box = document.createElement('div');
  private readonly input = document.createElement('input');
  private unsubscribe: () => void = () => undefined;

  init(params: IHeaderParams<DealRow> & { session: BookSession }): void {
    const { session, api } = params;
    this.gui.className = 'select-all-header';
    this.box.className = 'ag-wrapper ag-input-wrapper ag-checkbox-input-wrapper';
    this.input.type = 'checkbox';
    this.input.className = 'ag-input-field-input ag-checkbox-input';
    this.input.dataset.testid = 'select-all';
    this.input.setAttribute('aria-label', 'Select all shown deals');
    this.input.tabIndex = -1;
    this.box.append(this.input);
    this.gui.append(this.box);

    const selectedShown = () => api.getSelectedNodes().filter((node) => node.displayed).length;
    const state = () => {
      const { selected, counts } = session.store.get();
      return selectAllState(selected, counts.shown, selectedShown);
    };
    const show = () => {
      const now = state();
      this.input.checked = now === 'all';
      this.input.indeterminate = now === 'some';
      this.box.classList.toggle('ag-checked', now === 'all');
      this.box.classList.toggle('ag-indeterminate', now === 'some');
    };
    this.input.addEventListener('click', (e) => {
      e.stopPropagation();
      if (state() === 'all') api.deselectAll();
      else api.selectAll('filtered');
      show();
    });
    show();
    this.unsubscribe = session.store.subscribe(show);
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  refresh(): boolean {
    return true;
  }

  destroy(): void {
    this.unsubscribe();
  }
}
