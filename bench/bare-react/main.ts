// A second baseline: AgGridReact with the same rows and columns and nothing of ours, the way the AG Grid docs
// set it up (all Community modules, default column virtualisation). Cells are editable with the grid's own
// editor, so an edit here is the grid's own cost of one (no service, no save).
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { AllCommunityModule, ModuleRegistry, themeQuartz, type ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { DEAL_FIELDS, DERIVED_FIELDS } from '../../shared/model/deal';

ModuleRegistry.registerModules([AllCommunityModule]);

type Row = Record<string, unknown>;
// cellDataType false, as in the app: the edit the benchmark types (`101B`) stays text rather than meeting a number
// editor that drops the B.
const columnDefs: ColDef<Row>[] = ['id', ...DEAL_FIELDS, ...DERIVED_FIELDS].map((field) => ({ field, colId: field, editable: true, cellDataType: false }));
const getRowId = (p: { data: Row }) => String(p.data.id);

const rows = (await (await fetch('/rows.json')).json()) as Row[];
createRoot(document.getElementById('grid')!).render(
  createElement(AgGridReact<Row>, { theme: themeQuartz, rowData: rows, getRowId, columnDefs }),
);
