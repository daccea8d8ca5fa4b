import { formatMoney } from '../shared/model/format';
import type { Counts, SessionState } from './book/store';
import { windowLabel } from './step-label';

// One formatter each, not one per render: Intl objects are slow to build (toLocaleTimeString builds one per call,
// and the status bar renders twice per edit).
const whole = new Intl.NumberFormat('en-US');
const clock = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function timeOf(iso: string): string {
  const date = new Date(iso);
  // As toLocaleTimeString says it ("Invalid Date"), where format would throw.
  return Number.isNaN(date.getTime()) ? String(date) : clock.format(date);
}

/**
 * The amount over the shown rows, and how many of them have none: an undisclosed amount is not $0 (spec: unknown
 * is never zero), so it is counted beside the sum, as the charts say "+3 undisclosed".
 */
export function amountText({ shown, amount, undisclosed, uncounted = 0 }: Counts): string {
  // Deals the scenario leaves out are said apart: a sum of $0 over them is "not counted", not "nothing".
  const left = uncounted > 0 ? `; ${whole.format(uncounted)} not counted` : '';
  if (undisclosed > 0 && undisclosed === shown - uncounted) return `Amount undisclosed (${whole.format(undisclosed)} ${undisclosed === 1 ? 'deal' : 'deals'})${left}`;
  const sum = `Amount ${formatMoney(amount) || '$0'}`;
  return (undisclosed > 0 ? `${sum} + ${whole.format(undisclosed)} undisclosed` : sum) + left;
}

/** Deals shown of all, the amount over the shown rows, any hint, then the last save or the last error. */
export function StatusBar({ state }: { state: SessionState }) {
  const { counts, saving, savedAt, savedLabel, error, lastEvent, selected, notice, draft } = state;
  const last =
    saving > 0 ? (
      <span className="status-saving">Saving...</span>
    ) : lastEvent === 'error' && error ? (
      <span className="status-error" title={error.message}>Error: {error.message}</span>
    ) : savedAt ? (
      <span className="status-saved" title={`Saved to the book at ${savedAt}`}>
        Saved {timeOf(savedAt)}
        {savedLabel ? <span className="status-label"> - {windowLabel(savedLabel)}</span> : null}
      </span>
    ) : (
      <span className="status-muted">Every change is saved as you make it</span>
    );
  const hint = notice ?? (draft === 'typing' ? 'New deal: it is saved once it is valid (From and To filled in)' : null);
  return (
    <footer className="status-bar" data-testid="status-bar" aria-live="polite">
      <span data-testid="status-count">
        {whole.format(counts.shown)} of {whole.format(counts.total)} deals
      </span>
      <span className="status-sep" />
      <span data-testid="status-sum" title={`Sum of amount_usd over the rows shown, under scenario ${state.scenario} (effective amounts)`}>
        {amountText(counts)}
        {state.scenario !== 'Base' && <span className="status-label" data-testid="status-scenario"> ({state.scenario})</span>}
      </span>
      {selected > 0 && (
        <>
          <span className="status-sep" />
          <span>{selected} selected</span>
        </>
      )}
      {hint && (
        <>
          <span className="status-sep" />
          <span className={draft === 'typing' ? 'status-draft' : 'status-muted'} data-testid="status-notice">{hint}</span>
        </>
      )}
      {state.reconnected && (
        <>
          <span className="status-sep" />
          <span className="reconnected-note" data-testid="reconnected" role="status">{state.reconnected}</span>
        </>
      )}
      <span className="status-fill" />
      <span data-testid="status-last">{last}</span>
    </footer>
  );
}
