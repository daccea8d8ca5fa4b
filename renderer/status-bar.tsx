import { formatMoney } from '../shared/format';
import type { SessionState } from './book/store';

function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Deals shown of all, the amount over the shown rows, then the last save or the last error. */
export function StatusBar({ state }: { state: SessionState }) {
  const { counts, saving, savedAt, error, lastEvent, selected, notice, draft } = state;
  const last =
    saving > 0 ? (
      <span className="status-saving">Saving...</span>
    ) : lastEvent === 'error' && error ? (
      <span className="status-error" title={error.message}>Error: {error.message}</span>
    ) : savedAt ? (
      <span className="status-saved" title={notice ?? undefined}>
        Saved {timeOf(savedAt)}{notice ? ` - ${notice}` : ''}
      </span>
    ) : (
      <span className="status-muted">All changes are saved as you type</span>
    );
  return (
    <footer className="status-bar" data-testid="status-bar" aria-live="polite">
      <span data-testid="status-count">
        {counts.shown.toLocaleString('en-US')} of {counts.total.toLocaleString('en-US')} deals
      </span>
      <span className="status-sep" />
      <span data-testid="status-sum" title="Sum of amount_usd over the rows shown">
        Amount {formatMoney(counts.amount) || '$0'}
      </span>
      {selected > 0 && (
        <>
          <span className="status-sep" />
          <span>{selected} selected</span>
        </>
      )}
      {draft === 'typing' && (
        <>
          <span className="status-sep" />
          <span className="status-draft">New deal: saved once From and To are filled in</span>
        </>
      )}
      <span className="status-fill" />
      <span data-testid="status-last">{last}</span>
    </footer>
  );
}
