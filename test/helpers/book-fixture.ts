import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Deal, DealDerived } from '../../shared/model/deal';

type ExpectedKindYear = { year: number; investment: number; purchase: number; infrastructure: number; total: number; cumulative: number };

export type BasicBook = {
  deals: Deal[];
  expected: {
    derived: ({ id: number } & DealDerived)[];
    exposure: Record<string, number | string>[];
    commitments_by_announcement_year: ExpectedKindYear[];
    disbursement_by_year: { year: number; amount: number }[];
  };
};

export function loadBasicBook(): BasicBook {
  const book: BasicBook = JSON.parse(readFileSync(new URL('../fixtures/basic-book.json', import.meta.url), 'utf8'));
  return book;
}

/** The spec's comparison: relative tolerance 1e-9; null only equals null. */
export function expectClose(actual: number | null | undefined, expected: number | null, label = ''): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  if (typeof actual !== 'number') throw new Error(`${label}: expected ${expected}, got ${String(actual)}`);
  expect(Math.abs(actual - expected) <= 1e-9 * Math.abs(expected), `${label}: ${actual} vs ${expected}`).toBe(true);
}

let nextId = 1;

/** A valid deal with sensible defaults; tests override what they exercise. */
export function deal(over: Partial<Deal> & Pick<Deal, 'from_party' | 'to_party'>): Deal {
  return {
    id: nextId++,
    announced: '2025-01-15',
    announced_precision: 'day',
    amount_basis: 'firm',
    kind: 'investment',
    status: 'announced',
    amount_usd: null,
    cash_usd: null,
    credit_usd: null,
    term_years: 1,
    start: null,
    capacity_mw: null,
    source_url: null,
    notes: null,
    ...over,
  };
}
