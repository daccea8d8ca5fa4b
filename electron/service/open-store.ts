import { resolve } from 'node:path';
import { isPgBook } from '../pg/book-url';
import type { PgOpenOptions } from '../pg/connection';
import type { PgServiceOptions } from '../pg/pg-service';
import { openService } from './book';
import type { Service } from './service';
import type { Store } from './store';

export type OpenStoreOptions = PgOpenOptions & PgServiceOptions & { sample?: boolean };

/** The file book's service as a store: the same object, so its synchronous answers stay synchronous. */
export function fileStore(service: Service, path: string): Store & { service: Service } {
  return { kind: 'file', where: path, service, events: service.events, handlersFor: () => service, close: async () => service.close() };
}

/**
 * Open a book by its `--book` value: a PostgreSQL URL is a team book, anything else a file. A team book's code (the
 * pg driver, the live channel) is loaded only for a team book, so a file book's commands start without it.
 */
export async function openStore(book: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPgBook(book)) return (await import('./open-pg-store')).openPgStore(book, options);
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
