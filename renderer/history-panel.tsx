import { useCallback, useEffect, useState } from 'react';
import type { Client } from '../shared/protocol/contract';
import { formatMoney } from '../shared/model/format';
import { describeHistoryCell, type HistoryPage, type HistoryStep, type HistoryValue } from '../shared/protocol/history';
import { fieldHeader, windowLabel } from './step-label';
import './history.css';

/** What the history shows: everyone's steps, or one user's, and all deals or one. */
export type HistoryFilter = { user: string | null; deal: number | null };

type Props = {
  client: Pick<Client, 'history'>;
  filter: HistoryFilter;
  onFilter: (filter: HistoryFilter) => void;
  /** Changes whenever the book has a new step (any window's): the first page is read again. */
  changeKey: string;
  onClose: () => void;
};

const STATE_NOTE: Record<HistoryStep['state'], string> = { done: '', undone: 'undone', dropped: 'undone' };

// Money as the grid shows it; everything else as stored.
const show = (field: string, v: HistoryValue) =>
  v === null ? '(empty)' : field.endsWith('_usd') && typeof v === 'number' ? formatMoney(v) : typeof v === 'string' ? `"${v}"` : String(v);

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString([], { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * The book's history, newest first: who made each step, when, and what it changed (cells, deals). Filters by user
 * and by deal; older steps a page at a time. Read-only: it never changes the book.
 */
export function HistoryPanel({ client, filter, onFilter, changeKey, onClose }: Props) {
  const [page, setPage] = useState<HistoryPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dealText, setDealText] = useState(filter.deal === null ? '' : String(filter.deal));
  useEffect(() => setDealText(filter.deal === null ? '' : String(filter.deal)), [filter.deal]);

  const load = useCallback(
    async (before?: number) => {
      const answer = await client.history({
        ...(filter.user ? { user: filter.user } : {}),
        ...(filter.deal !== null ? { deal: filter.deal } : {}),
        ...(before !== undefined ? { before } : {}),
      });
      if (!answer.ok) return setError(answer.error.message);
      setError(null);
      setPage((old) => (before !== undefined && old ? { ...answer.value, steps: [...old.steps, ...answer.value.steps] } : answer.value));
    },
    [client, filter.user, filter.deal],
  );
  // The first page again whenever the filter changes or the book has a new step.
  useEffect(() => void load(), [load, changeKey]);

  const users = page?.users ?? [];
  const applyDeal = () => {
    const n = Number(dealText.trim());
    onFilter({ ...filter, deal: dealText.trim() === '' || !Number.isInteger(n) || n <= 0 ? null : n });
  };

  return (
    <aside className="side-panel history-panel" data-testid="history-panel" aria-label="History">
      <div className="side-head">
        <h2>History</h2>
        <button type="button" className="icon-button" aria-label="Close history" onClick={onClose}>×</button>
      </div>
      <div className="history-filters">
        <select data-testid="history-user" aria-label="Only the steps of" value={filter.user ?? ''} onChange={(e) => onFilter({ ...filter, user: e.target.value || null })}>
          <option value="">Everyone</option>
          {[...new Set([...users, ...(filter.user ? [filter.user] : [])])].map((u) => (
            <option key={u} value={u}>{u}</option>
          ))}
        </select>
        <input
          data-testid="history-deal"
          type="search"
          inputMode="numeric"
          placeholder="Deal id"
          aria-label="Only the steps of deal"
          value={dealText}
          onChange={(e) => setDealText(e.target.value)}
          onBlur={applyDeal}
          onKeyDown={(e) => e.key === 'Enter' && applyDeal()}
        />
        {(filter.user || filter.deal !== null) && (
          <button type="button" data-testid="history-clear" onClick={() => onFilter({ user: null, deal: null })}>All</button>
        )}
      </div>
      {error && <p className="history-error" data-testid="history-error" role="alert">{error}</p>}
      <ol className="history-list">
        {page?.steps.map((step) => (
          <li key={step.id} className={`history-row ${step.state}`} data-testid="history-row" data-step={step.id} data-user={step.user}>
            <div className="history-head">
              <span className="history-user" data-testid="history-user-name">{step.user}</span>
              <time dateTime={step.at}>{when(step.at)}</time>
            </div>
            <div className="history-label" data-testid="history-label">
              {windowLabel(step.label)}
              {STATE_NOTE[step.state] && <span className="history-state"> ({STATE_NOTE[step.state]})</span>}
            </div>
            <ul className="history-cells">
              {step.cells.map((cell, i) => (
                <li key={i}>{describeHistoryCell(cell, show, fieldHeader)}</li>
              ))}
              {step.cellCount > step.cells.length && <li className="muted">and {step.cellCount - step.cells.length} more</li>}
            </ul>
            {step.deals.length > 0 && (
              <div className="history-deals">
                {step.deals.length === 1 ? 'Deal' : 'Deals'}{' '}
                {step.deals.map((id) => (
                  <button key={id} type="button" className="link-button" title={`Only the history of deal ${id}`} onClick={() => onFilter({ ...filter, deal: id })}>
                    {id}
                  </button>
                ))}
                {step.dealCount > step.deals.length && <span className="muted"> +{step.dealCount - step.deals.length}</span>}
              </div>
            )}
          </li>
        ))}
      </ol>
      {page && !page.steps.length && <p className="muted history-empty" data-testid="history-empty">No steps{filter.user || filter.deal !== null ? ' match' : ' yet'}.</p>}
      {page?.more && (
        <div className="side-foot">
          <button type="button" data-testid="history-more" onClick={() => void load(page.steps[page.steps.length - 1]!.id)}>Older steps</button>
        </div>
      )}
    </aside>
  );
}
