// Dev-only page to work on the charts before the app mounts them; the app's build never includes it.
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { DealRow } from '../../../shared/deal';
import { matchesQuickFilter, quickFilterWords } from '../../../shared/quick-filter';
import { client } from '../../api/client';
import { ChartsPanel, type DealFilter } from '../charts-panel';

function Preview() {
  const [all, setAll] = useState<DealRow[]>([]);
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<DealFilter | null>(null);
  const theme = new URLSearchParams(window.location.search).get('theme') === 'dark' ? 'dark' : 'light';
  useEffect(() => {
    void client.listDeals({}).then((r) => r.ok && setAll(r.value));
  }, []);
  const rows = useMemo(() => {
    const words = quickFilterWords(text);
    const ids = filter ? new Set(filter.ids) : null;
    return all.filter((r) => (!ids || ids.has(r.id)) && matchesQuickFilter(r, words));
  }, [all, text, filter]);
  return (
    <div>
      <input data-testid="quick-filter" value={text} onChange={(e) => setText(e.target.value)} />
      <span data-testid="preview-shown">{rows.length}</span>
      <ChartsPanel rows={rows} theme={theme} onFilterDeals={setFilter} filterLabel={filter?.label ?? null} />
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Preview />
  </StrictMode>,
);
