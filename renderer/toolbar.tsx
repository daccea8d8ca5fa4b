import type { ChangeEvent, ReactNode, RefObject } from 'react';
import type { SessionState } from './book/store';
import type { ThemeName } from './grid/themes';

type ToolbarProps = {
  state: SessionState;
  theme: ThemeName;
  quickFilter: string;
  quickFilterRef: RefObject<HTMLInputElement | null>;
  dealFilter: string | null;
  partiesOpen: boolean;
  chartsOpen: boolean;
  onQuickFilter: (text: string) => void;
  onClearDealFilter: () => void;
  onAdd: () => void;
  onDiscardDraft: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onImportFile: (file: File) => void;
  onExport: () => void;
  onToggleParties: () => void;
  onToggleCharts: () => void;
  onToggleTheme: () => void;
  /** The columns menu, built where the grid's api is. */
  columnsMenu: ReactNode;
  /** Move focus from the quick filter into the grid. */
  onFocusGrid: () => void;
};

const mod = navigator.platform.startsWith('Mac') ? 'Cmd' : 'Ctrl';

/** Every action of the grid, reachable by Tab; the common ones also have keys. */
export function Toolbar(p: ToolbarProps) {
  const { info, selected, draft } = p.state;
  const pickFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) p.onImportFile(file);
  };
  return (
    <header className="toolbar">
      <div className="brand" title={info?.path}>
        <span className="brand-mark">DB</span>
        <span className="brand-name">{info?.name ?? 'Deal book'}</span>
      </div>
      <div className="tool-group">
        <button type="button" className="primary" data-testid="add-deal" onClick={p.onAdd} title="Add a deal (a new row on top)">
          + Add deal
        </button>
        {draft === 'typing' && (
          <button type="button" data-testid="discard-draft" onClick={p.onDiscardDraft} title="Drop the unsaved new row">
            Discard new
          </button>
        )}
        <button type="button" data-testid="duplicate-deals" onClick={p.onDuplicate} title="Duplicate the selected deals (or the focused one)">
          Duplicate
        </button>
        <button type="button" data-testid="delete-deals" onClick={p.onDelete} disabled={selected === 0} title="Delete the selected deals">
          Delete{selected > 1 ? ` ${selected}` : ''}
        </button>
      </div>
      <div className="tool-group">
        <button type="button" data-testid="undo" onClick={p.onUndo} disabled={!info?.canUndo} title={`Undo ${info?.undoLabel ?? ''} (${mod}+Z)`}>
          Undo
        </button>
        <button type="button" data-testid="redo" onClick={p.onRedo} disabled={!info?.canRedo} title={`Redo ${info?.redoLabel ?? ''} (${mod}+Shift+Z)`}>
          Redo
        </button>
      </div>
      <div className="tool-group grow">
        <input
          ref={p.quickFilterRef}
          type="search"
          className="quick-filter"
          data-testid="quick-filter"
          placeholder="Filter deals: every word must match (party, kind, status, notes, $45.0B...)"
          aria-label="Quick filter"
          value={p.quickFilter}
          onChange={(e) => p.onQuickFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') p.onQuickFilter('');
            if (e.key === 'Enter' || e.key === 'ArrowDown') {
              e.preventDefault();
              p.onFocusGrid();
            }
          }}
        />
        {p.dealFilter && (
          <span className="chip" data-testid="deal-filter-chip">
            {p.dealFilter}
            <button type="button" aria-label="Show all deals" onClick={p.onClearDealFilter}>×</button>
          </span>
        )}
      </div>
      <div className="tool-group">
        <label className="button" data-testid="import-csv" title="Import deals from a CSV file (or drop one on the window)">
          Import CSV
          <input type="file" accept=".csv,text/csv" className="visually-hidden" onChange={pickFile} />
        </label>
        <button type="button" data-testid="export-csv" onClick={p.onExport} title="Export the rows and columns shown as CSV">
          Export CSV
        </button>
      </div>
      <div className="tool-group">
        {p.columnsMenu}
        <button type="button" data-testid="toggle-parties" aria-pressed={p.partiesOpen} onClick={p.onToggleParties}>
          Parties
        </button>
        <button type="button" data-testid="toggle-charts" aria-pressed={p.chartsOpen} onClick={p.onToggleCharts}>
          Charts
        </button>
        <button
          type="button"
          className="icon-button"
          data-testid="toggle-theme"
          onClick={p.onToggleTheme}
          title={p.theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
          aria-label="Toggle theme"
        >
          {p.theme === 'dark' ? '☀' : '☾'}
        </button>
      </div>
    </header>
  );
}
