import {
  CellApiModule,
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  ColumnAutoSizeModule,
  CustomEditorModule,
  DateFilterModule,
  EventApiModule,
  ExternalFilterModule,
  GridStateModule,
  HighlightChangesModule,
  LargeTextEditorModule,
  ModuleRegistry,
  NumberFilterModule,
  PinnedRowModule,
  RenderApiModule,
  RowApiModule,
  RowSelectionModule,
  ScrollApiModule,
  SelectEditorModule,
  TextFilterModule,
  TooltipModule,
  type Module,
} from 'ag-grid-community';

/**
 * The AG Grid Community modules the grid uses, and no others (a smaller bundle, and less for the grid to set up
 * when a book opens). A feature whose module is missing makes AG Grid log an error when it is used, and any
 * such error fails the browser test file that used it (test/e2e/harness.ts).
 */
export const GRID_MODULES: Module[] = [
  ClientSideRowModelModule, // rows in memory
  ClientSideRowModelApiModule, // applyTransaction, forEachNodeAfterFilter(AndSort)
  RowApiModule, // getRowNode, getDisplayedRowAtIndex, forEachNode
  ColumnApiModule, // getColumn, getAllDisplayedColumns, setColumnsVisible, column state
  CellApiModule,
  EventApiModule, // addEventListener
  RenderApiModule, // getRenderedNodes
  ScrollApiModule, // ensureColumnVisible
  RowSelectionModule, // checkboxes, selectAll
  PinnedRowModule, // the new-deal row on top
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  ExternalFilterModule, // quick filter and a chart's selection
  CustomEditorModule, // our party and text editors
  SelectEditorModule, // kind, status
  LargeTextEditorModule, // notes
  TooltipModule, // header formulas, long notes
  CellStyleModule, // cellClass: derived and number cells
  GridStateModule, // saved layout
  HighlightChangesModule, // flash the cells an undo changed
  ColumnAutoSizeModule, // double-click a column edge to fit
];

ModuleRegistry.registerModules(GRID_MODULES);
