import { useEffect, useRef } from 'react';
import { describeProblem } from '../../shared/result';
import type { ImportState } from './use-csv-import';

const MAX_PROBLEMS = 200;

const count = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;

type Props = { state: ImportState; onConfirm: (skipInvalid: boolean) => void; onCancel: () => void };

/** The dry run's report and the analyst's choice: import all, only the valid rows, or nothing. */
export function ImportDialog({ state, onConfirm, onCancel }: Props) {
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

  const { report, name } = state;
  const problems = report.problems;
  const canImportAll = problems.length === 0 && report.validRows > 0;
  const canImportValid = problems.length > 0 && report.validRows > 0;
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <div className="modal" role="dialog" aria-modal="true" aria-label="Import CSV" data-testid="import-dialog">
        <h2>Import {name}</h2>
        <p data-testid="import-summary">
          {count(report.totalRows, 'row')}, {report.validRows.toLocaleString('en-US')} valid
          {problems.length > 0 ? `, ${count(problems.length, 'problem')}` : ''}.
          {report.newParties.length > 0 && ` New parties: ${report.newParties.slice(0, 12).join(', ')}${report.newParties.length > 12 ? ', ...' : ''}.`}
        </p>
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
            Import {report.totalRows.toLocaleString('en-US')} deals
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
