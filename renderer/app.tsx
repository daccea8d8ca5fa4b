import { useEffect, useState } from 'react';
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { DealRow } from '../shared/deal';
import { client } from './api/client';

ModuleRegistry.registerModules([AllCommunityModule]);

export function App() {
  const [rows, setRows] = useState<DealRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void client.listDeals({}).then((r) => (r.ok ? setRows(r.value) : setError(r.error.message)));
  }, []);
  return (
    <div style={{ height: '100vh', display: 'flex', flexDirection: 'column' }}>
      {error && <div data-testid="error">{error}</div>}
      <div data-testid="status-bar">{rows.length} deals</div>
      <div style={{ flex: 1 }}>
        <AgGridReact<DealRow>
          theme={themeQuartz}
          rowData={rows}
          getRowId={(p) => String(p.data.id)}
          columnDefs={[{ field: 'announced' }, { field: 'from_party' }, { field: 'to_party' }, { field: 'kind' }, { field: 'amount_usd' }]}
        />
      </div>
    </div>
  );
}
