import { useEffect, useRef } from 'react';
import { describeProblem } from '../../shared/protocol/result';
import { formatMoney } from '../../shared/model/format';
import { ImportColumns } from './import-columns';
import type { ImportChoices, ImportState } from './use-csv-import';

const MAX_PROBLEMS = 200;

const count = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;

type Props = {
  state: ImportState;
  onChoose: (change: (choices: ImportChoices) => ImportChoices) => void;
  onConfirm: (skipInvalid: boolean) => void;
  onCancel: () => void;
};

const ENCODINGS = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16', 'windows-1252': 'Windows-1252' } as const;

const shown = (v: string | number | null) => (v === null ? '(empty)' : String(v).length > 40 ? `${String(v).slice(0, 40)}…` : String(v));

const MONEY = new Set(['amount_usd', 'cash_usd', 'credit_usd']);

/** A change as the grid would show it: money as `$10.0B`, unless both sides read the same that way (then exact). */
function changeText(field: string, old: string | number | null, now: string | number | null): string {
  if (MONEY.has(field) && typeof old !== 'string' && typeof now !== 'string') {
    const [a, b] = [old === null ? '(empty)' : formatMoney(old), now === null ? '(empty)' : formatMoney(now)];
    if (a !== b) return `${a} → ${b}`;
  }
  return `${shown(old)} → ${shown(now)}`;
}

/** The dry run's report and the analyst's choices: columns, update by id; then import all, only the valid rows, or nothing. */
export function ImportDialog({ state, onChoose, onConfirm, onCancel }: Props) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), [state.step]);
  if (state.step === 'idle') return null;

  if (state.step !== 'preview') {
    const what = state.step === 'checking' ? `Checking ${state.name}...` : `Importing ${state.rows.toLocaleString('en-US')} rows from ${state.name}...`;
    return (
      <div className="modal-backdrop">
        <div className="modal" role="dialog" aria-modal="true" aria-label="Import CSV" data-testid="import-dialog">
          <h2>Import CSV</h2>
          <p>{what}</p>
          <div className="progress" role="progressbar" aria-label={what} data-testid="import-progress">
            <div className="progress-bar" />
          </div>
        </div>
      </div>
    );
  }

  const { report, name, choices, encoding } = state;
  const problems = report.problems;
  const nothingToDo = choices.update && report.validRows === report.unchanged;
  const canImportAll = problems.length === 0 && report.validRows > 0 && !nothingToDo;
  const canImportValid = problems.length > 0 && report.validRows > 0 && !nothingToDo;
  const added = report.validRows - report.updated - report.unchanged;
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div className="modal" role="dialog" aria-modal="true" aria-label="Import CSV" data-testid="import-dialog">
        <h2>Import {name}</h2>
        <p data-testid="import-summary">
          {count(report.totalRows, 'row')}, {report.validRows.toLocaleString('en-US')} valid
          {problems.length > 0 ? `, ${count(problems.length, 'problem')}` : ''}.
          {choices.update && ` ${count(added, 'new deal')}, ${count(report.updated, 'deal')} to update, ${report.unchanged.toLocaleString('en-US')} unchanged.`}
          {nothingToDo && ' No changes: every deal already matches the file.'}
          {report.newParties.length > 0 && ` New parties: ${report.newParties.slice(0, 12).join(', ')}${report.newParties.length > 12 ? ` and ${(report.newParties.length - 12).toLocaleString('en-US')} more` : ''}.`}
        </p>
        {encoding && (
          <p className="muted" data-testid="import-encoding">
            Read as {ENCODINGS[encoding]}.
          </p>
        )}
        {report.columns.length > 0 && <ImportColumns report={report} choices={choices} onChoose={onChoose} />}
        {report.warnings.length > 0 && (
          <ul className="import-warnings" data-testid="import-warnings">
            {report.warnings.slice(0, MAX_PROBLEMS).map((p, i) => (
              <li key={i}>{describeProblem(p)}</li>
            ))}
          </ul>
        )}
        {report.changes.length > 0 && (
          <ul className="import-changes" data-testid="import-changes">
            {report.changes.slice(0, MAX_PROBLEMS).map((c, i) => (
              <li key={i}>
                deal {c.id}, {c.field}: {changeText(c.field, c.old, c.new)}
              </li>
            ))}
            {report.changes.length > MAX_PROBLEMS && <li>and {report.changes.length - MAX_PROBLEMS} more</li>}
          </ul>
        )}
        {problems.length > 0 && (
          <ul className="import-problems" data-testid="import-problems">
            {problems.slice(0, MAX_PROBLEMS).map((p, i) => (
              <li key={i}>{describeProblem(p)}</li>
            ))}
            {problems.length > MAX_PROBLEMS && <li>and {problems.length - MAX_PROBLEMS} more</li>}
          </ul>
        )}
        <p className="muted">The import is one step: Undo takes all of it back.</p>
        <div className="modal-actions">
          <button
            ref={canImportAll ? first : undefined}
            type="button"
            className={canImportAll ? 'primary' : undefined}
            data-testid="import-confirm"
            disabled={!canImportAll}
            title={canImportAll ? undefined : 'Every row must be valid to import all of them'}
            onClick={() => onConfirm(false)}
          >
            {choices.update ? 'Import and update' : `Import ${count(report.totalRows, 'deal')}`}
          </button>
          {canImportValid && (
            <button ref={first} type="button" className="primary" data-testid="import-valid-only" onClick={() => onConfirm(true)}>
              Import valid rows only ({report.validRows.toLocaleString('en-US')})
            </button>
          )}
          <button ref={canImportAll || canImportValid ? undefined : first} type="button" data-testid="import-cancel" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
