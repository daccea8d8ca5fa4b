// The baseline for open-to-first-render: AG Grid with the same rows and columns, nothing else.
import { AllCommunityModule, ModuleRegistry, createGrid, themeQuartz } from 'ag-grid-community';
import { DEAL_FIELDS, DERIVED_FIELDS } from '../../shared/model/deal';

ModuleRegistry.registerModules([AllCommunityModule]);

const rows = (await (await fetch('/rows.json')).json()) as Record<string, unknown>[];
createGrid(document.getElementById('grid')!, {
  theme: themeQuartz,
  rowData: rows,
  getRowId: (p) => String(p.data.id),
  columnDefs: ['id', ...DEAL_FIELDS, ...DERIVED_FIELDS].map((field) => ({ field, colId: field })),
});
