import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { readJson, saveState } from './json-file';

export const MAX_RECENT = 10;
const recentSchema = z.object({ books: z.array(z.string().min(1).max(4096)).max(100) });

/** The File > Open Recent list, most recent first, kept in userData (the OS list is only a mirror). */
export function createRecentBooks(file: string) {
  const load = (): string[] => readJson(file, recentSchema, { books: [] }).books;
  // The list is a convenience: a profile that cannot be written keeps the app working without it.
  const save = (books: string[]) => void saveState(file, { books: books.slice(0, MAX_RECENT) });
  return {
    /** Books that still exist, most recent first. */
    list: (): string[] => load().filter((p) => existsSync(p)),
    add: (path: string): void => {
      const full = resolve(path);
      save([full, ...load().filter((p) => !samePath(p, full))]);
    },
    remove: (path: string): void => save(load().filter((p) => !samePath(p, resolve(path)))),
    clear: (): void => save([]),
  };
}

export type RecentBooks = ReturnType<typeof createRecentBooks>;

/** Windows and macOS file systems are usually case-insensitive; Linux ones are not. */
export function samePath(a: string, b: string, platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();
}
