import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openServiceWithInternals as openService } from '../../../electron/service/book';
import { dispatch } from '../../../electron/service/dispatch';
import type { ServiceWithInternals as Service } from '../../../electron/service/service';
import type { AppError } from '../../../shared/protocol/result';
import { writeImportCsv, inspectBook } from '../../helpers/crash-book';
import { tempBook } from '../../helpers/temp-book';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

async function sampleBook() {
  const b = await tempBook({ sample: true });
  cleanups.push(b.cleanup);
  return b;
}

/** Call through the door every transport uses, expecting a typed failure. */
function refused(service: Service, method: Parameters<typeof dispatch>[1], payload: unknown): AppError {
  const result = dispatch(service, method, payload);
  if (result.ok) throw new Error(`${String(method)} was expected to fail but saved`);
  return result.error;
}

function saved(service: Service, method: Parameters<typeof dispatch>[1], payload: unknown): void {
  const result = dispatch(service, method, payload);
  expect(result.ok, JSON.stringify(result)).toBe(true);
}

/** The disk is "full" at the book's current size: the next write that needs a new page fails with SQLITE_FULL. */
function fillDisk(service: Service): void {
  const db = service.repos.db;
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
}

function freeDisk(service: Service): void {
  service.repos.db.pragma('max_page_count = 1073741823');
}

/** Close the service, open the book again from disk and read every deal: what a restart would show. */
async function reopened(path: string, service: Service) {
  service.close();
  const again = await openService(path);
  try {
    return { deals: again.listDeals({}), info: again.bookInfo({}) };
  } finally {
    again.close();
  }
}

// More than a page of text, so saving it needs new pages (for the deal and for its undo record).
const LONG = 'A note longer than one page of the book. '.repeat(150).trim();

describe('a save that the disk refuses', () => {
  it('reports a full disk as a clear io error and loses nothing already saved', async () => {
    const { service, path } = await sampleBook();
    const [first, second] = service.listDeals({});
    saved(service, 'updateDeal', { id: first!.id, changes: { notes: 'saved before the disk filled' } });
    saved(service, 'addDeal', { values: { announced: '2025-06-01', from_party: 'Early Fund', to_party: 'Early Lab', kind: 'investment', amount_usd: '2B' } });
    const before = service.listDeals({});
    const undoBefore = service.bookInfo({}).undoLabel;

    fillDisk(service);
    const error = refused(service, 'updateDeal', { id: second!.id, changes: { notes: LONG } });
    expect(error.code).toBe('io');
    expect(error.message).toBe('The disk is full; nothing was saved. Free some space and try again.');
    const paste = refused(service, 'updateCells', { cells: before.slice(0, 5).map((d) => ({ id: d.id, field: 'notes', value: LONG })) });
    expect(paste.code).toBe('io');
    // The connection is not left inside a half-done transaction, and the live view still shows the old values.
    expect(service.repos.db.inTransaction).toBe(false);
    expect(service.listDeals({})).toEqual(before);
    expect(service.bookInfo({}).undoLabel).toBe(undoBefore);

    freeDisk(service);
    saved(service, 'updateDeal', { id: second!.id, changes: { notes: LONG } });
    const after = await reopened(path, service);
    expect(after.deals.find((d) => d.id === first!.id)!.notes).toBe('saved before the disk filled');
    expect(after.deals.find((d) => d.id === second!.id)!.notes).toBe(LONG);
    expect(after.deals.map((d) => d.id)).toEqual(before.map((d) => d.id));
    expect(after.deals.filter((d) => d.id !== second!.id)).toEqual(before.filter((d) => d.id !== second!.id));
    expect((await inspectBook(path)).integrity).toBe('ok');
  });

  it('rolls back a whole import when the disk fills in the middle of it', async () => {
    const { service, path, dir } = await sampleBook();
    const csv = join(dir, 'rows.csv');
    writeImportCsv(csv, 3000, 'disk-full');
    const before = service.listDeals({});
    const infoBefore = service.bookInfo({});

    fillDisk(service);
    const error = refused(service, 'importCsv', { text: readFileSync(csv, 'utf8') });
    expect(error).toEqual({ code: 'io', message: 'The disk is full; nothing was saved. Free some space and try again.' });
    expect(service.bookInfo({})).toEqual(infoBefore);

    const after = await reopened(path, service);
    expect(after.deals).toEqual(before);
    expect(after.info.parties).toBe(infoBefore.parties);
    expect(after.info.undoLabel).toBe(infoBefore.undoLabel);
  });

  it('reports a read-only book as a clear io error and saves again once it is writable', async () => {
    const { service, path } = await sampleBook();
    const [deal] = service.listDeals({});
    saved(service, 'updateDeal', { id: deal!.id, changes: { status: 'signed' } });
    const before = service.listDeals({});

    // Running as root, chmod would not stop a write; query_only refuses every write the same way.
    service.repos.db.pragma('query_only = 1');
    for (const [method, payload] of [
      ['updateDeal', { id: deal!.id, changes: { notes: 'x' } }],
      ['addDeal', { values: { announced: '2025-01-01', from_party: 'A', to_party: 'B', kind: 'investment' } }],
      ['deleteDeals', { ids: [deal!.id] }],
      ['undo', {}],
      ['setSetting', { key: 'grid.columns', value: '[]' }],
    ] as const) {
      const error = refused(service, method, payload);
      expect(error, method).toEqual({ code: 'io', message: 'The book is read-only; nothing was saved.' });
    }
    expect(service.listDeals({})).toEqual(before);

    service.repos.db.pragma('query_only = 0');
    saved(service, 'updateDeal', { id: deal!.id, changes: { notes: 'writable again' } });
    const after = await reopened(path, service);
    expect(after.deals.find((d) => d.id === deal!.id)).toMatchObject({ status: 'signed', notes: 'writable again' });
  });
});
