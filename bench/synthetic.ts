import { DEAL_FIELDS, type DealKind, type DealStatus, type DealValues } from '../shared/deal';
import { toCsv } from '../shared/csv-write';
import { seededRandom } from '../test/helpers/crash-rng';

const KINDS: DealKind[] = ['investment', 'investment', 'investment', 'purchase', 'purchase', 'infrastructure'];
const STATUSES: DealStatus[] = ['announced', 'announced', 'signed', 'closed', 'rumored', 'cancelled'];

/** n deals among about n/40 parties (at least 30), with money, credits, terms and notes like a real book. */
export function syntheticDeals(n: number, seed = 42): DealValues[] {
  const rand = seededRandom(seed + n);
  const partyCount = Math.max(30, Math.round(n / 40));
  const party = () => `Party ${String(Math.floor(rand() * partyCount)).padStart(5, '0')}`;
  const deals: DealValues[] = [];
  for (let i = 0; i < n; i++) {
    const kind = KINDS[Math.floor(rand() * KINDS.length)]!;
    const from = party();
    let to = kind === 'infrastructure' && rand() < 0.3 ? from : party();
    while (to === from && kind !== 'infrastructure') to = party();
    const amount = rand() < 0.1 ? null : Math.round(rand() * 1000) * 1e8;
    const cash = amount !== null && kind === 'investment' && rand() < 0.7 ? Math.round(amount * rand() * 0.6) : null;
    const credit = amount !== null && cash !== null && rand() < 0.5 ? Math.round((amount - cash) * rand()) : null;
    const year = 2015 + Math.floor(rand() * 12);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    deals.push({
      announced: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      announced_precision: 'day',
      amount_basis: 'firm',
      from_party: from,
      to_party: to,
      kind,
      status: STATUSES[Math.floor(rand() * STATUSES.length)]!,
      amount_usd: amount,
      cash_usd: cash,
      credit_usd: credit,
      term_years: 1 + Math.floor(rand() * 10),
      start: rand() < 0.2 ? `${year + 1}-01-01` : null,
      capacity_mw: rand() < 0.1 ? Math.round(rand() * 5000) : null,
      source_url: rand() < 0.3 ? `https://example.com/deals/${i}` : null,
      notes: rand() < 0.3 ? `Synthetic deal ${i}, "quoted", with a comma` : null,
    });
  }
  return deals;
}

/** The same deals as an import file in the export's format. */
export function syntheticCsv(deals: DealValues[]): string {
  return toCsv(
    [...DEAL_FIELDS],
    deals.map((d) => DEAL_FIELDS.map((f) => d[f])),
  );
}
