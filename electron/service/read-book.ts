import { basename } from 'node:path';
import { AppFailure } from '../../shared/protocol/result';
import { damagedBook } from '../db/book-checks';
import { openBook } from '../db/connection';
import { createService, type ServiceWithInternals as Service } from './service';

/** A book opened to read its deals whole once (an export): read through `readWhole`, then closed. */
export type BookReader = {
  service: Service;
  /**
   * Run `read` in one read transaction and check what it read: `rows` deals read must be every deal the book
   * counts (SQLite counts them over an index, another b-tree than the table read). A damaged page met while
   * reading, or a count that differs, is the book's damage in words; nothing is left half done.
   */
  readWhole: <T>(read: (service: Service) => { value: T; rows: number }) => T;
  close: () => void;
};

/**
 * Open a book to read it whole, without the damage check every open for writing runs first (SQLite's quick_check
 * reads every page of every table: most of the time `dealbook export` spent opening a big book). Nothing is written:
 * the check still runs when the open itself would write (a migration, or a WAL to checkpoint on close), and a
 * damaged page elsewhere in the book (its history, say) harms nothing read here. What is read is checked as it is
 * read instead: a book cut short is refused before reading (as at every open), SQLite raises SQLITE_CORRUPT on a
 * damaged page it reads, the ids come ascending (deals-repo), and the deals read are counted against the book's own
 * count. The connection is an ordinary one, so closing it leaves no -wal or -shm behind (a read-only one would).
 */
export async function openBookReader(path: string): Promise<BookReader> {
  const { db } = await openBook(path, { readerChecks: true });
  const service = createService(db, { path });
  const repos = service.repos;
  return {
    service,
    readWhole: (read) => {
      try {
        return repos.db.transaction(() => {
          const { value, rows } = read(service);
          const counted = repos.deals.count();
          if (rows !== counted) throw damagedBook(path, `it counts ${counted} deals, but ${rows} could be read`);
          return value;
        })();
      } catch (err) {
        throw damageInWords(path, err);
      }
    },
    close: () => service.close(),
  };
}

/** SQLite's own word for a damaged page met while reading, said as every other refusal of a damaged book is. */
function damageInWords(path: string, err: unknown): unknown {
  const code = (err as { code?: unknown })?.code;
  if (err instanceof AppFailure || typeof code !== 'string') return err;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return damagedBook(path, `${(err as Error).message} while reading it`);
  if (code.startsWith('SQLITE_IOERR')) {
    return new AppFailure({ code: 'io', message: `Cannot read ${basename(path)}: the system refused to read it (${code}); the file was not changed.` });
  }
  return err;
}
