import { tableKeys, tableRowsJson } from '../../shared/protocol/wire-table';

// Items per slice: big enough that slicing costs nothing, small enough that the server answers other requests
// (the UI's own files, loading meanwhile) between slices instead of stalling on one long JSON.stringify.
export const JSON_SLICE = 2000;

/**
 * A successful answer holding a list, as JSON text made in slices and filled in as it is made: `head`, then the
 * slices (each after the first begins with its comma), then `]}`. A list of like objects goes as a table
 * (shared/protocol/wire-table.ts).
 */
export type JsonSlices = { head: string; slices: string[]; finished: boolean; failed?: Error; done: Promise<void> };

/**
 * The JSON of long lists, made in slices between other work, and kept for as long as the list itself lives.
 * The service hands out the same frozen array of rows until the book changes, so a window opening again (or
 * opening while the server made this ahead of it) gets the text without making it again; a changed book is a
 * new array, and a new entry.
 */
export function createJsonLists() {
  const made = new WeakMap<readonly unknown[], JsonSlices>();

  function slicesOf(list: readonly unknown[]): JsonSlices {
    const kept = made.get(list);
    if (kept) return kept;
    const keys = tableKeys(list);
    const head = keys ? `{"ok":true,"keys":${JSON.stringify(keys)},"rows":[` : '{"ok":true,"value":[';
    const entry: JsonSlices = { head, slices: [], finished: false, done: Promise.resolve() };
    // Only a list that cannot change under its kept text is kept.
    if (Object.isFrozen(list)) made.set(list, entry);
    entry.done = fill(list, keys, entry);
    return entry;
  }

  async function fill(list: readonly unknown[], keys: string[] | null, entry: JsonSlices): Promise<void> {
    try {
      for (let i = 0; i < list.length; i += JSON_SLICE) {
        await new Promise((r) => setImmediate(r));
        const json = keys ? tableRowsJson(list, keys, i, i + JSON_SLICE) : JSON.stringify(list.slice(i, i + JSON_SLICE)).slice(1, -1);
        entry.slices.push(i ? `,${json}` : json);
      }
    } catch (err) {
      entry.failed = err instanceof Error ? err : new Error(String(err));
      made.delete(list);
    }
    entry.finished = true;
  }

  return { slicesOf };
}

export type JsonLists = ReturnType<typeof createJsonLists>;
