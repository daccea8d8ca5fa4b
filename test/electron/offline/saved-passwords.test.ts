import { afterEach, beforeEach, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { rememberPassword, savedPassword } from '../../../electron/offline/saved-passwords';
import { bookUrlWithoutPassword } from '../../../electron/pg/book-url';
import { tempDirsPerTest } from '../../helpers/temp-book';

const dir = tempDirsPerTest('dealbook-pgpass-');
let file = '';
beforeEach(() => {
  file = join(dir(), 'sub', 'pgpass');
  process.env.DEALBOOK_PGPASS_FILE = file;
});
afterEach(() => {
  delete process.env.DEALBOOK_PGPASS_FILE;
});

it('keeps a URL\'s password for its server, database and user only, in .pgpass format, readable by the user alone', () => {
  const url = `postgres://${encodeURIComponent('ana:x')}:${encodeURIComponent('p:a\\ss@1')}@db.example:5433/deals?schema=rates`;
  expect(rememberPassword(url)).toBe(file);
  expect(readFileSync(file, 'utf8')).toBe('db.example:5433:deals:ana\\:x:p\\:a\\\\ss@1\n');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  // The book file's URL (no password) finds it; another schema of the same database too; another user or port not.
  expect(savedPassword(bookUrlWithoutPassword(url))).toBe('p:a\\ss@1');
  expect(savedPassword('postgres://ana%3Ax@db.example:5433/deals?schema=other')).toBe('p:a\\ss@1');
  expect(savedPassword('postgres://bob@db.example:5433/deals')).toBeNull();
  expect(savedPassword('postgres://ana%3Ax@db.example/deals')).toBeNull();
  // A new password replaces the old one; a URL without one keeps nothing.
  rememberPassword('postgres://ana%3Ax:new@db.example:5433/deals');
  expect(readFileSync(file, 'utf8').trim().split('\n')).toEqual(['db.example:5433:deals:ana\\:x:new']);
  expect(rememberPassword('postgres://carl@db.example/deals')).toBeNull();
});
