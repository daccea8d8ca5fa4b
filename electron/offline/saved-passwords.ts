import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parsePgBook } from '../pg/book-url';

/**
 * The passwords pull and push --to were given in a URL, kept for a later push outside the book file (which gets
 * mailed around), in the user's own file in libpq's .pgpass format (host:port:database:user:password), readable by
 * the user alone: DEALBOOK_PGPASS_FILE, else $XDG_CONFIG_HOME/dealbook/pgpass (~/.config/dealbook/pgpass).
 */
export function savedPasswordsPath(): string {
  return process.env.DEALBOOK_PGPASS_FILE || join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'dealbook', 'pgpass');
}

type Entry = { host: string; port: string; database: string; user: string };

function entryOf(book: string): (Entry & { password: string }) | null {
  const url = new URL(parsePgBook(book).connectionString);
  if (!url.username) return null;
  return {
    host: url.hostname,
    port: url.port || '5432',
    database: decodeURIComponent(url.pathname.slice(1)),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
const lineKey = (e: Entry) => [e.host, e.port, e.database, e.user].map(escape).join(':');

function readLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** Keep the URL's password (if it has one) for its server, database and user; the path it is kept in, else null. */
export function rememberPassword(book: string): string | null {
  const entry = entryOf(book);
  if (!entry?.password) return null;
  const path = savedPasswordsPath();
  const key = `${lineKey(entry)}:`;
  const lines = readLines(path).filter((l) => !l.startsWith(key));
  lines.push(`${key}${escape(entry.password)}`);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
  return path;
}

/** The password kept for the URL's server, database and user, or null. */
export function savedPassword(book: string): string | null {
  const entry = entryOf(book);
  if (!entry) return null;
  const key = `${lineKey(entry)}:`;
  const line = readLines(savedPasswordsPath()).find((l) => l.startsWith(key));
  return line === undefined ? null : line.slice(key.length).replace(/\\(.)/g, '$1');
}
