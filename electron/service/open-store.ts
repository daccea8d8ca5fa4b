import { resolve } from 'node:path';
import { isPgBook } from '../pg/book-url';
import { openPgBook, type PgOpenOptions } from '../pg/connection';
import { createPgStore, type PgServiceOptions } from '../pg/pg-service';
import { openService } from './book';
import type { Service } from './service';
import type { Store } from './store';

export type OpenStoreOptions = PgOpenOptions & PgServiceOptions & { sample?: boolean };

/** The file book's service as a store: the same object, so its synchronous answers stay synchronous. */
export function fileStore(service: Service, path: string): Store & { service: Service } {
  return { kind: 'file', where: path, service, handlersFor: () => service, close: async () => service.close() };
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
  const store = createPgStore(opened, options);
  if (options.sample) await seedPgSample(store);
  return store;
}

/** The sample deals through the contract on a new team book, as steps of the user `sample` (nobody's undo). */
async function seedPgSample(store: Store): Promise<void> {
  const { SAMPLE_DEALS, SAMPLE_PARTIES } = await import('../../shared/sample-book');
  const h = store.handlersFor('sample');
  for (const deal of SAMPLE_DEALS) await h.addDeal({ values: deal });
  for (const p of SAMPLE_PARTIES) await h.setPartyKind({ name: p.name, kind: p.kind });
}
