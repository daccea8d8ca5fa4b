import { resolve } from 'node:path';
import { isPgBook } from '../pg/book-url';
import { openPgBook, type OpenedPgBook, type PgOpenOptions } from '../pg/connection';
import { inTransaction } from '../pg/pg-tx';
import { SAMPLE_DEALS, SAMPLE_PARTIES } from '../../shared/sample-book';
import { dealValuesSchema, partyKey } from '../../shared/deal';
import { toStored } from '../db/deals-repo';
import { createPgStore, type PgServiceOptions } from '../pg/pg-service';
import { announce } from '../team/live';
import { openService } from './book';
import type { Service } from './service';
import type { Store } from './store';

export type OpenStoreOptions = PgOpenOptions & PgServiceOptions & { sample?: boolean };

/** The file book's service as a store: the same object, so its synchronous answers stay synchronous. */
export function fileStore(service: Service, path: string): Store & { service: Service } {
  return { kind: 'file', where: path, service, events: service.events, handlersFor: () => service, close: async () => service.close() };
}

/** Open a book by its `--book` value: a PostgreSQL URL is a team book, anything else a file. */
export async function openStore(book: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (!isPgBook(book)) {
    const path = resolve(book);
    const service = await openService(path, {
      ...(options.create ? { create: true } : {}),
      ...(options.readonly ? { readonly: true } : {}),
      ...(options.sample ? { sample: true } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return fileStore(service, path);
  }
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
