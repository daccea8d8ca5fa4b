/**
 * Rebuild the committed fixture books under test/fixtures/books: one per schema version older than the app's
 * (schema-v1.sqlite, schema-v2.sqlite, ...) and schema-newer.sqlite from a version this app does not know.
 *
 *   npx tsx scripts/make-fixture-books.ts
 *
 * Run it when a migration is added (the new previous version needs its fixture); never to "fix" an old
 * fixture: those are what users' books look like, and test/electron/db/migration-fixtures.test.ts checks that
 * the old migrations still build exactly their schema.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { LATEST_VERSION } from '../electron/db/migrations/index';
import { buildFixtureBook, buildNewerBook, fixtureName, NEWER_FIXTURE } from '../test/fixtures/books/build';

const dir = fileURLToPath(new URL('../test/fixtures/books/', import.meta.url));

for (let version = 1; version < LATEST_VERSION; version++) {
  const path = join(dir, fixtureName(version));
  await buildFixtureBook(path, version);
  console.log(`${path}: schema ${version}, ${statSync(path).size} bytes`);
}
const newer = join(dir, NEWER_FIXTURE);
await buildNewerBook(newer);
console.log(`${newer}: schema from the future, ${statSync(newer).size} bytes`);
