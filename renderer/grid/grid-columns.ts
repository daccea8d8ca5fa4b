import type { ColDef } from 'ag-grid-community';
import { AMOUNT_BASES, DATE_PRECISIONS, DEAL_KINDS, DEAL_STATUSES, type DealRow } from '../../shared/model/deal';
import { ChoiceEditor } from './choice-editor';
import { COLUMN_SPECS, columnDefs, type ColumnKind } from './columns';
import { PartyEditor } from './party-editor';
import { TextEditor } from './text-editor';
import { UrlCell } from './url-cell';

type Editor = Pick<ColDef<DealRow>, 'cellEditor' | 'cellEditorParams' | 'cellEditorPopup'>;

function editorFor(kind: ColumnKind): Editor {
  switch (kind) {
    case 'party':
      return { cellEditor: PartyEditor };
    case 'kind':
      return { cellEditor: ChoiceEditor, cellEditorParams: { choices: DEAL_KINDS } };
    case 'status':
      return { cellEditor: ChoiceEditor, cellEditorParams: { choices: DEAL_STATUSES } };
    case 'amount-basis':
      return { cellEditor: ChoiceEditor, cellEditorParams: { choices: AMOUNT_BASES } };
    case 'precision':
      return { cellEditor: ChoiceEditor, cellEditorParams: { choices: DATE_PRECISIONS } };
    case 'notes':
      return { cellEditor: 'agLargeTextCellEditor', cellEditorPopup: true, cellEditorParams: { maxLength: 10_000, rows: 8, cols: 60 } };
    default:
      return { cellEditor: TextEditor, cellEditorParams: { kind } };
  }
}

// Every React editor is inline: AgGridReact mounts an inline editor in the same render that starts the edit, while
// a popup editor needs two more (the popup, then its content), and keys typed meanwhile were lost. The lists of
// the party and choice editors hang below the cell instead (styles.css).

/**
 * The grid's columns: columns.ts's definitions with our editors (ordinary React components) and the URL cell
 * (plain DOM: no React work per cell). Built once; the grid never gets a new array.
 */
export const GRID_COLUMNS: ColDef<DealRow>[] = columnDefs().map((col, i) => {
  const spec = COLUMN_SPECS[i]!;
  return {
    ...col,
    ...(col.editable ? editorFor(spec.kind) : {}),
    ...(spec.kind === 'url' ? { cellRenderer: UrlCell } : {}),
  };
});

/** The same columns for a viewer: nothing opens an editor (the server refuses a viewer's writes anyway). */
export const READ_ONLY_COLUMNS: ColDef<DealRow>[] = GRID_COLUMNS.map((col) => ({ ...col, editable: false }));
