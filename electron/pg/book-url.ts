import { AppFailure } from '../../shared/protocol/result';

/** A team book's address: where the database is, and which schema of it holds the book. */
export type PgBookUrl = {
  /** For the client library: the URL without the `schema` parameter. */
  connectionString: string;
  schema: string;
  /** The URL as it may be shown or logged: no password. */
  display: string;
};

export const DEFAULT_SCHEMA = 'dealbook';
// Schema names are spliced into SQL (identifiers cannot be parameters), so only plain lower-case names pass.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A `--book` value names a team book when it is a PostgreSQL URL; anything else is a file path. */
export function isPgBook(book: string): boolean {
  return /^postgres(ql)?:\/\//i.test(book);
}

/** `postgres://USER[:PASS]@HOST[:PORT]/DB?schema=NAME` (or `postgresql://`); the schema defaults to `dealbook`. */
export function parsePgBook(book: string): PgBookUrl {
  let url: URL;
  try {
    url = new URL(book);
  } catch {
    throw bad(book, 'it is not a URL');
  }
  if (!/^postgres(ql)?:$/i.test(url.protocol)) throw bad(book, 'it must start with postgres:// or postgresql://');
  if (!url.hostname) throw bad(book, 'it names no host');
  if (url.pathname.length <= 1) throw bad(book, 'it names no database (postgres://USER@HOST/DB)');
  const schema = url.searchParams.get('schema') ?? DEFAULT_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) {
    throw bad(book, `schema "${schema.slice(0, 80)}" must be lower-case letters, digits and _ (starting with a letter or _), at most 63`);
  }
  url.searchParams.delete('schema');
  const connectionString = url.toString();
  const shown = new URL(connectionString);
  if (shown.password) shown.password = '***';
  shown.searchParams.set('schema', schema);
  return { connectionString, schema, display: shown.toString() };
}

/**
 * The URL as a file may keep it: the password left out (an offline copy is a file that gets mailed around). The
 * password then comes as node-postgres finds one: PGPASSWORD, or ~/.pgpass.
 */
export function bookUrlWithoutPassword(book: string): string {
  const { connectionString, schema } = parsePgBook(book);
  const url = new URL(connectionString);
  url.password = '';
  url.searchParams.set('schema', schema);
  return url.toString();
}

/** The schema as an SQL identifier (validated above; quoted anyway). */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`bad schema name ${schema}`);
  return `"${schema}"`;
}

function bad(book: string, why: string): AppFailure {
  const shown = book.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  return new AppFailure({ code: 'invalid_payload', message: `Bad team book URL ${shown.slice(0, 200)}: ${why}` });
}
