import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openBook } from '../../../electron/db/connection';
import { openServiceWithInternals as openService } from '../../../electron/service/book';
import { dispatch } from '../../../electron/service/dispatch';
import type { Snapshot } from '../../helpers/crash-edits-model';
import { checkAfterKill } from '../../helpers/crash-edits-model';
import { editorReport, exited, inspectBook, printed, spawnCli, spawnEditor, writeImportCsv } from '../../helpers/crash-book';
import { dealbook } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-book';

const temp = tempDir('dealbook-concurrency-');
afterAll(() => temp.cleanup());

function newBook(name: string): string {
  const path = join(temp.dir, name);
  expect(dealbook(['new', '--book', path, '--sample']).code).toBe(0);
  return path;
}

/**
 * Watch a marker's row count from a third connection while other processes write: every read must see an
 * import either not at all or whole. Returns the counts seen (once each, in order) when stop() is called.
 */
async function watch(book: string, marker: string) {
  const { db } = await openBook(book, { readonly: true });
  const count = db.prepare(`SELECT count(*) AS n FROM deals WHERE notes LIKE ? || '%'`);
  const seen: number[] = [];
  let reads = 0;
  const timer = setInterval(() => {
    const n = (count.get(marker) as { n: number }).n;
    reads++;
    if (seen[seen.length - 1] !== n) seen.push(n);
  }, 5);
  return {
    stop: () => {
      clearInterval(timer);
      db.close();
      return { seen, reads };
    },
  };
}

const without = (snapshot: Snapshot, marker: string): Snapshot =>
  new Map([...snapshot].filter(([, v]) => !v.notes?.startsWith(marker)));

describe('two processes on one book', () => {
  it('serializes a CLI import and service edits from another process; readers see only committed data', async () => {
    const book = newBook('import-and-edit.dealbook');
    const csv = join(temp.dir, 'import.csv');
    const ROWS = 20_000;
    writeImportCsv(csv, ROWS, 'concurrent-import');
    const before = await inspectBook(book);

    const editor = spawnEditor(book, 4242);
    const editorExit = exited(editor);
    await printed(editor, /"ready"/);
    const watcher = await watch(book, 'concurrent-import');
    const importer = spawnCli(['import', '--book', book, csv]);
    const importExit = exited(importer);
    // A second reader in its own process, mid-import: it exports a snapshot, never half an import.
    const exporter = spawnCli(['export', '--book', book]);
    const [imported, exportedRun] = await Promise.all([importExit, exited(exporter)]);
    // The editor has been saving all along; let it save a few more after the import, then stop it.
    await new Promise((done) => setTimeout(done, 150));
    editor.stdin!.end('stop\n');
    const edited = await editorExit;
    const { seen, reads } = watcher.stop();

    expect(imported.code, imported.stderr).toBe(0);
    expect(edited.code, edited.stderr).toBe(0);
    const report = editorReport(edited.stdout);
    expect(report.done).toBe(true);
    // Waiting for the lock is the rule; a refusal after the busy timeout must say so, and saved nothing.
    for (const f of report.failures) expect(f).toEqual({ code: 'book_busy', message: 'The book is busy in another program; nothing was saved. Try again.' });
    console.log(`[concurrency] ${report.confirmed.length} edits saved around a ${ROWS}-row import; the slowest waited ${report.slowestMs} ms; ${reads} reads saw ${seen.join(' then ')}`);
    expect(report.confirmed.length).toBeGreaterThan(20);
    // At least one edit waited for the import's write transaction: the two really ran at the same time.
    expect(report.slowestMs).toBeGreaterThan(50);

    expect(exportedRun.code, exportedRun.stderr).toBe(0);
    expect([0, ROWS]).toContain(exportedRun.stdout.split('\n').filter((l) => l.includes('concurrent-import row')).length);
    expect(reads).toBeGreaterThan(10);
    expect(seen.every((n) => n === 0 || n === ROWS), `counts seen: ${seen.join(', ')}`).toBe(true);
    expect(seen[seen.length - 1]).toBe(ROWS);

    const after = await inspectBook(book, { markers: ['concurrent-import'] });
    expect(after.integrity).toBe('ok');
    expect(after.marked.get('concurrent-import')).toBe(ROWS);
    expect(checkAfterKill(without(after.snapshot, 'concurrent-import'), before.snapshot, report.confirmed, null)).toBeNull();
    expect(after.batches).toBe(before.batches + 1 + report.confirmed.length);
  });

  it('runs two CLI imports at once, one after the other, and both land whole', async () => {
    const book = newBook('two-importers.dealbook');
    const ROWS = 10_000;
    writeImportCsv(join(temp.dir, 'a.csv'), ROWS, 'importer-a');
    writeImportCsv(join(temp.dir, 'b.csv'), ROWS, 'importer-b');
    const before = await inspectBook(book, { rows: false });

    const watcher = await watch(book, 'importer-');
    const [a, b] = await Promise.all([
      exited(spawnCli(['import', '--book', book, join(temp.dir, 'a.csv')])),
      exited(spawnCli(['import', '--book', book, join(temp.dir, 'b.csv')])),
    ]);
    const { seen } = watcher.stop();
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(seen.every((n) => n % ROWS === 0), `counts seen: ${seen.join(', ')}`).toBe(true);

    const after = await inspectBook(book, { rows: false, markers: ['importer-a', 'importer-b'] });
    expect(after.integrity).toBe('ok');
    expect(after.marked.get('importer-a')).toBe(ROWS);
    expect(after.marked.get('importer-b')).toBe(ROWS);
    expect(after.deals).toBe(before.deals + 2 * ROWS);
    expect(after.batches).toBe(before.batches + 2);
    const check = dealbook(['check', '--book', book]);
    expect(check.stdout).toMatch(/integrity: ok/);
  });

  it('refuses a write with a clear busy error when another process holds the book too long, and saves on retry', async () => {
    const book = newBook('busy.dealbook');
    const service = await openService(book);
    const { db: other } = await openBook(book);
    try {
      const [deal] = service.listDeals({});
      // The other program's long write; a short timeout on the service's live connection keeps the test quick.
      other.prepare('BEGIN IMMEDIATE').run();
      service.repos.db.pragma('busy_timeout = 100');
      const refused = dispatch(service, 'updateDeal', { id: deal!.id, changes: { notes: 'while busy' } });
      expect(refused).toEqual({ ok: false, error: { code: 'book_busy', message: 'The book is busy in another program; nothing was saved. Try again.' } });
      other.prepare('COMMIT').run();
      const retried = dispatch(service, 'updateDeal', { id: deal!.id, changes: { notes: 'after the other program finished' } });
      expect(retried.ok).toBe(true);
      // The other connection reads what the service committed.
      expect(other.prepare('SELECT notes FROM deals WHERE id = ?').get(deal!.id)).toEqual({ notes: 'after the other program finished' });
    } finally {
      other.close();
      service.close();
    }
    expect((await inspectBook(book, { rows: false })).integrity).toBe('ok');
  });
});
