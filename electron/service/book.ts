import { existsSync } from 'node:fs';
import { SAMPLE_DEALS, SAMPLE_PARTIES } from '../../shared/model/sample-book';
import { dealValuesSchema, partyKey } from '../../shared/model/deal';
import { AppFailure } from '../../shared/protocol/result';
import { openBook, type OpenOptions } from '../db/connection';
import { removeOpenDebris } from '../db/book-checks';
import { toStored } from '../db/deals-repo';
import { createRepos, type Repos } from './repos';
import { createService, type Service, type ServiceOptions, type ServiceWithInternals } from './service';

export type OpenServiceOptions = OpenOptions & Omit<ServiceOptions, 'path'> & {
  /** Fill a newly created book with the sample deals from the seed articles. */
  sample?: boolean;
};

/** Open (or create) a book and put the service over it. */
export function openService(path: string, options: OpenServiceOptions = {}): Promise<Service> {
  return openServiceWithInternals(path, options);
}

/** The same, with the repositories and the row cache in reach: for tests and benchmarks only. */
export async function openServiceWithInternals(path: string, options: OpenServiceOptions = {}): Promise<ServiceWithInternals> {
  const isNew = !existsSync(path);
  if (!isNew && options.create && options.sample) {
    throw new AppFailure({ code: 'conflict', message: `${path} already exists; not overwriting it with the sample` });
  }
  const { db } = await openBook(path, options);
  const service = createService(db, { path, ...(options.now ? { now: options.now } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  if (isNew && options.sample) {
    try {
      seedSample(service.repos);
    } catch (err) {
      // A new book that could not be filled (a full disk) is not left behind half made.
      service.close();
      removeOpenDebris(path, true, false);
      throw err;
    }
  }
  return service;
}

/** The sample is the book's starting point, not an undoable edit: parties with kinds and parents, then the deals. */
export function seedSample(repos: Repos): void {
  repos.db.transaction(() => {
    const ids = new Map<string, number>();
    for (const p of SAMPLE_PARTIES) ids.set(partyKey(p.name), repos.parties.insert(p.name, p.kind));
    for (const p of SAMPLE_PARTIES) if (p.parent) repos.parties.setParent(ids.get(partyKey(p.name))!, ids.get(partyKey(p.parent))!);
    const partyId = (name: string) => ids.get(partyKey(name)) ?? repos.parties.insert(name);
    for (const deal of SAMPLE_DEALS) {
      const values = dealValuesSchema.parse(deal);
      repos.deals.insert(toStored(values, partyId(values.from_party), partyId(values.to_party)));
    }
  }).immediate();
}
