import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';

/** Read a small JSON state file; a missing, damaged or outdated file is the fallback, never a crash. */
export function readJson<S extends z.ZodType, F>(file: string, schema: S, fallback: F): z.infer<S> | F {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** The file operations writeJson needs, so a test can make rename fail as Windows does. */
export type JsonFileOps = {
  rename: (from: string, to: string) => void;
  fsync: (fd: number) => void;
  /** Wait between rename attempts (a blocking sleep: the write is synchronous and small). */
  pause: (ms: number) => void;
};

const NODE_OPS: JsonFileOps = {
  rename: renameSync,
  fsync: fsyncSync,
  pause: (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms),
};

// Windows refuses a rename while another process (an antivirus scan, a backup agent, the search indexer) holds
// the target open; it is let go within moments.
const RETRY = new Set(['EPERM', 'EBUSY', 'EACCES']);
const ATTEMPTS = 8;

/**
 * Write durably: a temp file, fsynced, renamed over the old one (retried while Windows holds it), and the folder
 * fsynced so the rename itself survives a power cut. A crash at any point leaves the old file or the new one,
 * never half of either.
 */
export function writeJson(file: string, value: unknown, ops: JsonFileOps = NODE_OPS): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, JSON.stringify(value, null, 2));
      ops.fsync(fd);
    } finally {
      closeSync(fd);
    }
    renameWithRetry(temp, file, ops);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  syncFolder(dir, ops);
}

function renameWithRetry(from: string, to: string, ops: JsonFileOps): void {
  for (let attempt = 1; ; attempt++) {
    try {
      ops.rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (!RETRY.has(code) || attempt >= ATTEMPTS) throw err;
      ops.pause(10 * 2 ** attempt);
    }
  }
}

/** Windows cannot open a folder to fsync it (and its rename is durable by itself): there it is skipped. */
function syncFolder(dir: string, ops: JsonFileOps): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    ops.fsync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Save a state file (recent books, window placement, preferences) for the app's own convenience: a failure (a
 * full disk, a read-only profile) is logged and reported as false, never thrown into the window that asked.
 */
export function saveState(file: string, value: unknown, ops?: JsonFileOps): boolean {
  try {
    writeJson(file, value, ops);
    return true;
  } catch (err) {
    console.error(`[dealbook] could not save ${file}:`, (err as Error).message);
    return false;
  }
}
