import { afterEach } from 'vitest';
import { join } from 'node:path';
import { openStore } from '../../electron/service/open-store';
import type { Store, StoreHandlers } from '../../electron/service/store';
import { AppFailure } from '../../shared/protocol/result';
import { tempDir } from './temp-book';
import { loadVectors } from './vectors';
import { tempPgBook } from './pg';

// The contract tests run on a file book and on a team book (PostgreSQL) with the same expectations: these open
// either, seed the vectors through the contract and catch refusals.

export type Opened = { store: Store; h: StoreHandlers; where: string; reopen: () => Promise<{ store: Store; h: StoreHandlers }> };
export type Kind = 'file' | 'team';

let cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

export const NOW = () => new Date('2026-01-02T03:04:05Z');

export async function open(kind: Kind): Promise<Opened> {
  let where: string;
  if (kind === 'file') {
    const t = tempDir();
    cleanups.push(t.cleanup);
    where = join(t.dir, 'contract.dealbook');
  } else {
    const t = tempPgBook('contract');
    cleanups.push(t.drop);
    where = t.url;
  }
  const track = (store: Store) => {
    cleanups.push(() => store.close());
    return { store, h: store.handlersFor('ana') };
  };
  const first = track(await openStore(where, { create: true, now: NOW }));
  return { ...first, where, reopen: async () => track(await openStore(where, { now: NOW })) };
}

export async function seed(h: StoreHandlers) {
  const vectors = loadVectors();
  for (const deal of vectors.deals) {
    const { id: _id, ...values } = deal;
    await h.addDeal({ values });
  }
  for (const p of vectors.parties) await h.setPartyKind({ name: p.name, kind: p.kind });
  return vectors;
}

export async function failure(fn: () => unknown) {
  try {
    await fn();
  } catch (err) {
    if (err instanceof AppFailure) return err.error;
    throw err;
  }
  throw new Error('expected a failure');
}
