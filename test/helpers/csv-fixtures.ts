import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parseCsv } from '../../shared/csv/csv-parse';
import type { DealRow, DealValues } from '../../shared/model/deal';
import { DEAL_FIELDS } from '../../shared/model/deal';
import type { Service } from '../../electron/service/service';

/** The records of an export with the id column dropped: two books hold the same deals when these are equal. */
export function withoutIds(csv: string): string[][] {
  const parsed = parseCsv(csv);
  if (parsed.problems.length) throw new Error(`export does not parse: ${JSON.stringify(parsed.problems)}`);
  const id = parsed.header.indexOf('id');
  const drop = (cells: string[]) => cells.filter((_, i) => i !== id);
  return [drop(parsed.header), ...parsed.rows.map((r) => drop(r.cells))];
}

/** A deal row without its id, for comparing books whose ids differ. */
export function valuesOf(row: DealRow): Omit<DealRow, 'id'> {
  const { id: _id, ...rest } = row;
  return rest;
}

export function dealValues(row: DealRow): DealValues {
  return Object.fromEntries(DEAL_FIELDS.map((f) => [f, row[f]])) as DealValues;
}

/**
 * SHA-256 of the book file's bytes. Valid as "the book did not change" only once the book is closed: SQLite
 * checkpoints the WAL into the file and removes it on the last close, so a committed write would show here.
 * A leftover -wal file would hide writes from this hash, hence bookHash refuses to hash while one exists.
 */
export function bookHash(path: string): string {
  if (existsSync(`${path}-wal`)) throw new Error(`${path}-wal exists: the book is open or was not closed cleanly`);
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * Text a spreadsheet would run as a formula, in every form a book can hold (cells are trimmed, so a leading
 * tab, CR or LF never reaches the book; test/shared/csv/csv-write.test.ts covers those in the writer).
 */
export const FORMULA_TEXTS = [
  '=SUM(A1:A9)',
  '+1+1',
  '-2+3',
  '@cmd',
  '＝1+1',
  '＋1',
  '－1',
  '＠SUM(1)',
  "'=already quoted by someone",
  "''=two quotes",
  '=HYPERLINK("http://evil.example","click"), with a comma',
] as const;

/** Deals whose parties and notes carry formula-like text; money kept valid (it can never be negative). */
export function formulaDeals(): DealValues[] {
  return FORMULA_TEXTS.map((notes, i): DealValues => ({
    announced: `2025-0${1 + (i % 9)}-1${i % 10}`,
    announced_precision: 'day',
    from_party: i % 2 ? `-${i} Capital` : `@Party ${i}`,
    to_party: `=Target ${i}`,
    kind: 'investment',
    status: 'announced',
    amount_usd: 1e9 * (i + 1),
    amount_basis: 'firm',
    cash_usd: 5e8,
    // Within the spec's tolerance, so other_share comes out a tiny negative number: it must stay plain.
    credit_usd: i === 0 ? 500_000_000.5 : null,
    term_years: 1,
    start: null,
    capacity_mw: null,
    source_url: null,
    notes,
  }));
}

/** A file with two valid rows and two invalid ones (lines 3 and 5). */
export const MIXED_CSV = [
  'announced,from_party,to_party,kind,amount_usd',
  '2025-09-22,Nvidia,OpenAI,investment,100B',
  '2025-09-23,Nvidia,OpenAI,investment,lots',
  '2025-09-24,AMD,OpenAI,investment,750M',
  '9/4/2025,Oracle,OpenAI,purchase,300B',
  '',
].join('\r\n');

export function seedDeals(service: Service, deals: readonly DealValues[]): void {
  for (const values of deals) service.addDeal({ values });
}
