import { openServiceWithInternals } from '../electron/service/book';
import { contract } from '../shared/protocol/contract';
const service = await openServiceWithInternals('/tmp/agg100k.dealbook');
const rows = service.listDeals({});
const sorted = [...rows].sort((a, b) => (a.announced < b.announced ? 1 : a.announced > b.announced ? -1 : 0)).map((r) => r.id);
const asc = rows.map((r) => r.id);
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  service.exportCsv({ scenario: 'Base' });
  const a = performance.now() - t; t = performance.now();
  service.exportCsv({ ids: asc, scenario: 'Base' });
  const b = performance.now() - t; t = performance.now();
  service.exportCsv({ ids: sorted, scenario: 'Base' });
  const c = performance.now() - t; t = performance.now();
  contract.exportCsv.input.parse({ ids: sorted, scenario: 'Base' });
  const d = performance.now() - t; t = performance.now();
  JSON.parse(JSON.stringify({ ids: sorted }));
  const e = performance.now() - t;
  console.log(`none ${a.toFixed(0)} asc ${b.toFixed(0)} sorted ${c.toFixed(0)} zod ${d.toFixed(0)} json ${e.toFixed(0)}`);
}
service.close();
