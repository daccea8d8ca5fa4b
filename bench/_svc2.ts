import { openServiceWithInternals } from '../electron/service/book';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
const service = await openServiceWithInternals('/tmp/agg100k.dealbook');
const rows = service.listDeals({});
const sorted = process.env.ASC ? rows.map((r) => r.id) : [...rows].sort((a, b) => (a.announced < b.announced ? 1 : a.announced > b.announced ? -1 : 0)).map((r) => r.id);
const cols = process.env.COLS ? JSON.parse(process.env.COLS) : undefined;
service.exportCsv({ ids: sorted, columns: cols });
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.setSamplingInterval', { interval: 100 }); await s.post('Profiler.start');
for (let i = 0; i < 4; i++) { const t = performance.now(); service.exportCsv({ ids: sorted, columns: cols }); console.log('ms', (performance.now() - t).toFixed(0)); }
const { profile } = await s.post('Profiler.stop');
writeFileSync('/tmp/prof-svc/p.cpuprofile', JSON.stringify(profile));
service.close();
