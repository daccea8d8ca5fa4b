import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openServiceWithInternals as openService, type OpenServiceOptions } from '../../electron/service/book';
import type { ServiceWithInternals as Service } from '../../electron/service/service';
import { AppFailure, type AppError } from '../../shared/protocol/result';

/** A fresh directory for one test's books; removed by cleanup(). */
export function tempDir(prefix = 'dealbook-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** For the tests of one file: each call gives a fresh folder, and a test's folders are removed when it ends. */
export function tempDirsPerTest(prefix = 'dealbook-'): () => string {
  let cleanups: (() => void)[] = [];
  afterEach(() => {
    cleanups.forEach((c) => c());
    cleanups = [];
  });
  return () => {
    const t = tempDir(prefix);
    cleanups.push(t.cleanup);
    return t.dir;
  };
}

/** A real book on a temp file with the real migrations (empty unless sample is set). */
export async function tempBook(options: OpenServiceOptions = {}): Promise<{ service: Service; path: string; dir: string; cleanup: () => void }> {
  const { dir, cleanup } = tempDir();
  const path = join(dir, 'test.dealbook');
  const service = await openService(path, { create: true, ...options });
  return {
    service,
    path,
    dir,
    cleanup: () => {
      try {
        service.close();
      } catch {
        // already closed by the test
      }
      cleanup();
    },
  };
}

/** The typed error a book open (or any async step) was refused with; fails if it was not refused. */
export async function refusal(promise: unknown): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AppFailure) return err.error;
    throw err;
  }
  throw new Error('expected the book to be refused');
}
