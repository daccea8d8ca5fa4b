import { openPgBook, type OpenedPgBook } from '../pg/connection';
import { inTransaction } from '../pg/pg-tx';
import { SAMPLE_DEALS, SAMPLE_PARTIES } from '../../shared/model/sample-book';
import { dealValuesSchema, partyKey } from '../../shared/model/deal';
import { toStored } from '../db/deals-repo';
import { createPgStore } from '../pg/pg-service';
import { announce } from '../team/live';
import type { OpenStoreOptions } from './open-store';
import type { Store } from './store';

/** A team book opened as a store (see openStore, which loads this module only for a PostgreSQL URL). */
export async function openPgStore(book: string, options: OpenStoreOptions): Promise<Store> {
  const opened = await openPgBook(book, options);
  if (options.sample) await seedPgSample(opened);
  if (options.onCommit) return createPgStore(opened, options);
  // A program on its own (the CLI): its steps are announced to the book's servers, whose windows then show them,
  // as a file book's windows see another program's writes. Closing waits for the announcements.
  const pending = new Set<Promise<void>>();
  const store = createPgStore(opened, {
    ...options,
    onCommit: (event) => {
      const sent = announce(opened.pool, opened.book.schema, event).finally(() => pending.delete(sent));
      pending.add(sent);
    },
  });
  const close = store.close;
  return { ...store, close: async () => {
    await Promise.all(pending);
    await close();
  } };
}

/** The sample is the book's starting point, not an undoable step (as seedSample does for a file book). */
async function seedPgSample(opened: OpenedPgBook): Promise<void> {
  await inTransaction(opened.pool, opened.book.schema, true, async (repos) => {
    const ids = new Map<string, number>();
    for (const p of SAMPLE_PARTIES) ids.set(partyKey(p.name), await repos.parties.insert(p.name, p.kind));
    const partyId = async (name: string) => ids.get(partyKey(name)) ?? (await repos.parties.insert(name));
    for (const deal of SAMPLE_DEALS) {
      const values = dealValuesSchema.parse(deal);
      await repos.deals.insert(toStored(values, await partyId(values.from_party), await partyId(values.to_party)));
    }
  });
}
