import { DEAL_FIELDS, DEAL_STATUSES, type DealKind, type DealStatus, type DealValues } from '../shared/model/deal';
import { toCsv, type CsvCell } from '../shared/csv/csv-write';
import { seededRandom } from '../test/helpers/crash-rng';

const KINDS: DealKind[] = ['investment', 'investment', 'investment', 'purchase', 'purchase', 'infrastructure'];
const STATUSES: readonly DealStatus[] = DEAL_STATUSES;
const STEMS = ['Open', 'Deep', 'Core', 'Nova', 'Helio', 'Quant', 'Terra', 'Vector', 'Lumen', 'Stellar', 'Aurora', 'Cobalt', 'Zephyr', 'Kestrel', 'Société', 'Münch', 'Øresund', 'Ναυτίλος', '東京'];
const TAILS = ['AI', 'Labs', 'Capital', 'Compute', 'Energy', 'Cloud', 'Systems', 'Partners', 'Holdings', 'Semiconductor', 'Power & Light', 'Ventures LLC', 'Data Centers Inc.'];
const WORDS = ['tranche', 'warrants', 'capacity', 'GPU', 'contract', 'option', 'milestone', 'equity', 'credits', 'phase', 'site', 'power', 'lease'];

/**
 * n deals shaped like a real book rather than like this generator's own output: many parties (about one for every
 * eight deals, names of every length, some non-ASCII, some with commas), URLs on about half the rows, every status,
 * notes on a third of the rows with quotes, commas and line breaks, amounts of all sizes.
 */
export function syntheticDeals(n: number, seed = 42): DealValues[] {
  const rand = seededRandom(seed + n);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const partyCount = Math.max(30, Math.round(n / 8));
  const names = Array.from({ length: partyCount }, (_, i) => `${pick(STEMS)}${rand() < 0.5 ? ' ' : ''}${pick(TAILS)}${rand() < 0.2 ? ', Inc.' : ''} ${i}`);
  // Skewed like real books: a few parties appear in many deals.
  const party = () => names[Math.floor(partyCount * rand() ** 2)]!;
  const deals: DealValues[] = [];
  for (let i = 0; i < n; i++) {
    const kind = pick(KINDS);
    const from = party();
    let to = kind === 'infrastructure' && rand() < 0.3 ? from : party();
    while (to === from && kind !== 'infrastructure') to = party();
    const scale = pick([1e6, 1e7, 1e8, 1e9, 1e10]);
    const amount = rand() < 0.15 ? null : Math.round(rand() * 1000) * scale;
    const cash = amount !== null && kind === 'investment' && rand() < 0.6 ? Math.round(amount * rand() * 0.6) : null;
    const credit = amount !== null && cash !== null && rand() < 0.5 ? Math.round((amount - cash) * rand()) : null;
    const year = 2005 + Math.floor(rand() * 22);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const words = Array.from({ length: 3 + Math.floor(rand() * 30) }, () => pick(WORDS)).join(' ');
    deals.push({
      announced: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      announced_precision: 'day',
      amount_basis: 'firm',
      from_party: from,
      to_party: to,
      kind,
      status: pick(STATUSES),
      amount_usd: amount,
      cash_usd: cash,
      credit_usd: credit,
      term_years: 1 + Math.floor(rand() * 15),
      start: rand() < 0.2 ? `${year + 1}-01-01` : null,
      capacity_mw: rand() < 0.15 ? Math.round(rand() * 50000) / 10 : null,
      source_url: rand() < 0.5 ? `https://news.example.com/${year}/${month}/${from.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-deal-${i}?ref=feed` : null,
      notes: rand() < 0.33 ? `Deal ${i}: "${words}",\r\nsecond line; ${pick(WORDS)}` : null,
    });
  }
  return deals;
}

/** Money as analysts type it on about a fifth of the rows: `45B`, `750M`; whole dollars elsewhere. */
function moneyCell(value: number | null, rand: () => number): CsvCell {
  if (value === null || rand() > 0.2) return value;
  if (value >= 1e9 && value % 1e8 === 0) return `${value / 1e9}B`;
  if (value >= 1e6 && value % 1e5 === 0) return `${value / 1e6}M`;
  return value;
}

/** The same deals as an import file in the export's format, some money written as text. */
export function syntheticCsv(deals: DealValues[], seed = 7): string {
  const rand = seededRandom(seed);
  const money = new Set(['amount_usd', 'cash_usd', 'credit_usd']);
  return toCsv(
    [...DEAL_FIELDS],
    deals.map((d) => DEAL_FIELDS.map((f) => (money.has(f) ? moneyCell(d[f] as number | null, rand) : d[f]))),
  );
}
