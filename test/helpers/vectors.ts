import { readFileSync } from 'node:fs';
import type { Deal, DealDerived, PartyKind } from '../../shared/deal';
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

/** Relative tolerance 1e-9, nulls equal only to nulls. */
export function close(actual: number | null | undefined, expected: number | null): boolean {
  if (expected === null) return actual === null;
  if (actual === null || actual === undefined) return false;
  if (expected === 0) return Math.abs(actual) < 1e-9;
  return Math.abs(actual - expected) / Math.abs(expected) <= 1e-9;
}
