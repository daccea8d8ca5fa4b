import { readFileSync } from 'node:fs';
import type { Deal, PartyKind, RoundTripBasis } from '../../shared/model/deal';
import type { Scenario } from '../../shared/model/scenario';
import type { Service } from '../../electron/service/service';

type Num = number | null;

/** One scenario's expected numbers in v2-book.json (field names exactly the spec's and `dealbook report --json`'s). */
export type V2Expected = {
  scenario: Scenario;
  derived: { id: number; cash_share: Num; credit_share: Num; other_share: Num; round_trip_ratio: Num; round_trip_basis: RoundTripBasis | null }[];
  pairs: Record<string, number | string | null>[];
  exposure: Record<string, number | string | null>[];
  recipients: Record<string, number | string | null>[];
  commitments_by_year: Record<string, number>[];
  disbursement_by_year: { year: number; amount: number }[];
};

export type V2Book = {
  parties: { name: string; kind: PartyKind; parent: string | null }[];
  deals: Deal[];
  /** As the file gives them: a name and only the parameters that differ from Base. */
  scenarios: ({ name: string } & Partial<Omit<Scenario, 'name' | 'status_weight'>> & { status_weight?: Partial<Scenario['status_weight']> })[];
  expected: V2Expected[];
};

export function loadV2Book(): V2Book {
  return JSON.parse(readFileSync(new URL('../fixtures/v2-book.json', import.meta.url), 'utf8')) as V2Book;
}

/** Relative tolerance 1e-9; null equals only null; strings compare exactly. */
export function sameValue(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'number') return actual === expected;
  if (typeof actual !== 'number') return false;
  if (expected === 0) return Math.abs(actual) < 1e-9;
  return Math.abs(actual - expected) <= 1e-9 * Math.abs(expected);
}

/** Every field of every expected row, in order: a list of mismatches (empty when all match). */
export function compareRows(label: string, actual: readonly object[], expected: readonly Record<string, unknown>[]): string[] {
  const problems: string[] = [];
  if (actual.length !== expected.length) problems.push(`${label}: ${actual.length} rows, expected ${expected.length}`);
  expected.forEach((want, i) => {
    const got = actual[i] as Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(want)) {
      if (!sameValue(got?.[key], value)) problems.push(`${label}[${i}].${key}: ${JSON.stringify(got?.[key])}, expected ${JSON.stringify(value)}`);
    }
  });
  return problems;
}

/** The v2 book put into an empty service through the contract (ids 1..n as in the file), with parents and scenarios. */
export function seedV2(service: Service, book: V2Book = loadV2Book()): void {
  for (const deal of book.deals) {
    const { id: _id, ...values } = deal;
    service.addDeal({ values });
  }
  for (const p of book.parties) service.setPartyKind({ name: p.name, kind: p.kind });
  for (const p of book.parties) if (p.parent) service.setPartyParent({ name: p.name, parent: p.parent });
  for (const s of book.scenarios) if (s.name !== 'Base') service.setScenario(s);
}

/** The aggregates in the fixed shape of `dealbook report --json`'s lists, for comparing with the vectors. */
export function commitmentsOf(byYear: readonly { period: string; byKey: Record<string, number>; total: number; cumulative: number }[]) {
  return byYear.map((r) => ({ year: Number(r.period), ...r.byKey, total: r.total, cumulative: r.cumulative }));
}
