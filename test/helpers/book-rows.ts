import { createHash } from 'node:crypto';
import type { ServiceWithInternals as Service } from '../../electron/service/service';

/** Every row of every table of an open book, hashed: what "the book is unchanged" means to a test. */
export function bookRowsHash(service: Service): string {
  const db = service.repos.db;
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  for (const t of tables) hash.update(t).update(JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all()));
  return hash.digest('hex');
}
