import type { ChangeEvent, ReactNode, RefObject } from 'react';
import type { SessionState } from './book/store';
import type { ThemeName } from './grid/themes';
import { windowLabel } from './step-label';
import { withKey, type Command, type Commands } from './commands/registry';

type ToolbarProps = {
  state: SessionState;
  commands: Commands;
  theme: ThemeName;
  quickFilter: string;
  quickFilterRef: RefObject<HTMLInputElement | null>;
  dealFilter: string | null;
  partiesOpen: boolean;
  chartsOpen: boolean;
  historyOpen: boolean;
  usersOpen: boolean;
  onQuickFilter: (text: string) => void;
  onClearDealFilter: () => void;
  onImportFile: (file: File) => void;
  /** The columns menu, built where the grid's api is. */
  columnsMenu: ReactNode;
  /** The scenario select and its editor (scenario-select.tsx). */
  scenarioSelect?: ReactNode;
  /** The book's date order for numeric dates (date-order-select.tsx), beside Import CSV. */
  dateOrderSelect?: ReactNode;
  /** Move focus from the quick filter into the grid. */
  onFocusGrid: () => void;
};

/** A toolbar button for a command of the registry: its label, key and enabled state come from there. */
function CommandButton({ command, testId, children, className, pressed, title, ariaLabel }: {
  command: Command;
  ariaLabel?: string;
  testId: string;
  children: ReactNode;
  className?: string;
  pressed?: boolean;
  title?: string;
}) {
  // What the user's role cannot do is not offered at all (the server refuses it anyway).
  if (command.hidden) return null;
  return (
    <button
      type="button"
      className={className}
      data-testid={testId}
      onClick={command.run}
      disabled={!command.enabled}
      aria-pressed={pressed}
      aria-label={ariaLabel}
      title={withKey(title ?? command.label, command)}
    >
      {children}
    </button>
  );
}

/** Every action of the grid, reachable by Tab; the common ones also have keys (all from the command registry). */
export function Toolbar(p: ToolbarProps) {
  const { info, selected, draft, me } = p.state;
  const c = p.commands;
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
        {me?.team && (
          <span className="me-chip" data-testid="me" data-role={me.role} title={`Signed in to this team book as ${me.user}, ${me.role}`}>
            {me.user} ({me.role})
          </span>
        )}
      </div>
      <div className="tool-group">
        <CommandButton command={c['add-deal']} testId="add-deal" className="primary" title="Add a deal (a new row on top)">
          + Add deal
        </CommandButton>
        {draft === 'typing' && (
          <CommandButton command={c['discard-draft']} testId="discard-draft">
            Discard new
          </CommandButton>
        )}
        <CommandButton command={c['duplicate-deals']} testId="duplicate-deals">
          Duplicate
        </CommandButton>
        <CommandButton command={c['delete-deals']} testId="delete-deals">
          Delete{selected > 1 ? ` ${selected}` : ''}
        </CommandButton>
      </div>
      <div className="tool-group">
        <CommandButton command={c.undo} testId="undo" title={`Undo ${windowLabel(info?.undoLabel) ?? ''}`.trim()}>
          Undo
        </CommandButton>
        <CommandButton command={c.redo} testId="redo" title={`Redo ${windowLabel(info?.redoLabel) ?? ''}`.trim()}>
          Redo
        </CommandButton>
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
      {p.scenarioSelect && <div className="tool-group">{p.scenarioSelect}</div>}
      <div className="tool-group">
        {!c['import-csv'].hidden && (
          <label className="button" data-testid="import-csv" title="Import deals from a CSV file (or drop one on the window)">
            Import CSV
            <input type="file" accept=".csv,text/csv" className="visually-hidden" onChange={pickFile} />
          </label>
        )}
        <CommandButton command={c['export-csv']} testId="export-csv">
          Export CSV
        </CommandButton>
        {p.dateOrderSelect}
      </div>
      <div className="tool-group">
        {p.columnsMenu}
        <CommandButton command={c['toggle-parties']} testId="toggle-parties" pressed={p.partiesOpen}>
          Parties
        </CommandButton>
        <CommandButton command={c['toggle-charts']} testId="toggle-charts" pressed={p.chartsOpen}>
          Charts
        </CommandButton>
        <CommandButton command={c['toggle-history']} testId="history" pressed={p.historyOpen}>
          History
        </CommandButton>
        <CommandButton command={c['toggle-users']} testId="users" pressed={p.usersOpen}>
          Users
        </CommandButton>
        <CommandButton
          command={c['toggle-theme']}
          testId="toggle-theme"
          className="icon-button"
          title={p.theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
          ariaLabel="Toggle theme"
        >
          {p.theme === 'dark' ? '☀' : '☾'}
        </CommandButton>
        <CommandButton command={c['show-shortcuts']} testId="show-shortcuts" className="icon-button" ariaLabel="Keyboard shortcuts">
          ?
        </CommandButton>
      </div>
    </header>
  );
}
