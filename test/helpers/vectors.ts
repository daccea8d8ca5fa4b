import { readFileSync } from 'node:fs';
import type { Deal, DealDerived, PartyKind } from '../../shared/model/deal';
import type { Service } from '../../electron/service/service';

export type Vectors = {
  parties: { name: string; kind: PartyKind }[];
  deals: Deal[];
  expected: {
    derived: ({ id: number } & DealDerived)[];
    exposure: Record<string, number | string>[];
    commitments_by_announcement_year: Record<string, number>[];
    disbursement_by_year: { year: number; amount: number }[];
  };
};

export function loadVectors(): Vectors {
  return JSON.parse(readFileSync(new URL('../fixtures/basic-book.json', import.meta.url), 'utf8')) as Vectors;
}

/** Put the vectors book into an empty service through the contract, so ids come out 1..n as in the file. */
export function seedVectors(service: Service, vectors = loadVectors()): void {
  for (const deal of vectors.deals) {
    const { id: _id, ...values } = deal;
    service.addDeal({ values });
  }
  for (const p of vectors.parties) service.setPartyKind({ name: p.name, kind: p.kind });
}

/**
 * v1 derived values that v2 changed (spec v2 "Derived columns"): other_share is empty unless both cash_usd and
 * credit_usd are set. Deals 6, 12 and 13 of the v1 book have cash but no credit, so v1's 0 is now empty.
 */
export const V2_CHANGED_DERIVED: Readonly<Record<number, Partial<DealDerived>>> = {
  6: { other_share: null }, 12: { other_share: null }, 13: { other_share: null },
};

/** A v1 expected derived value as v2 gives it. */
export function v2Derived(want: { id: number } & DealDerived, key: keyof DealDerived): DealDerived[keyof DealDerived] {
  const changed = V2_CHANGED_DERIVED[want.id];
  return changed && key in changed ? changed[key]! : want[key];
}

/** Relative tolerance 1e-9, nulls equal only to nulls. */
export function close(actual: number | null | undefined, expected: number | null): boolean {
  if (expected === null) return actual === null;
  if (actual === null || actual === undefined) return false;
  if (expected === 0) return Math.abs(actual) < 1e-9;
  return Math.abs(actual - expected) / Math.abs(expected) <= 1e-9;
}
