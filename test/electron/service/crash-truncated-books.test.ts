import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openBook } from '../../../electron/db/connection';
import { openService } from '../../../electron/service/book';
import { dispatch } from '../../../electron/service/dispatch';
import { openBookReader } from '../../../electron/service/read-book';
import { openStore } from '../../../electron/service/open-store';
import { sha256, writeImportCsv } from '../../helpers/crash-book';
import { BIN, dealbook } from '../../helpers/cli';
import { refusal, tempDir } from '../../helpers/temp-book';

/**
 * A book cut short (a copy that stopped, a sync that gave up, a disk that failed) at every page boundary and inside
 * its last page: nothing opens it for writing, nothing serves or exports it, and it is left exactly as it was.
 */
const temp = tempDir('dealbook-truncated-');
afterAll(() => temp.cleanup());

const PAGE = 4096;
let sample: Buffer;
let edited: Buffer;

beforeAll(async () => {
  const path = join(temp.dir, 'sample.dealbook');
  expect(dealbook(['new', '--book', path, '--sample']).code).toBe(0);
  sample = readFileSync(path);
  // A book with history and free pages: rows imported, some deleted, closed cleanly.
  const second = join(temp.dir, 'edited.dealbook');
  expect(dealbook(['new', '--book', second, '--sample']).code).toBe(0);
  writeImportCsv(join(temp.dir, 'rows.csv'), 400, 'cut');
  expect(dealbook(['import', '--book', second, join(temp.dir, 'rows.csv')]).code).toBe(0);
  const service = await openService(second);
  expect(dispatch(service, 'deleteDeals', { ids: service.listDeals({}).slice(0, 200).map((d) => d.id) }).ok).toBe(true);
  service.close();
  edited = readFileSync(second);
});

function place(name: string, bytes: Buffer): { path: string; hash: string } {
  const path = join(temp.dir, name);
  writeFileSync(path, bytes);
  return { path, hash: sha256(path) };
}

function leftAlone(path: string, hash: string): void {
  expect(sha256(path), `${path} changed`).toBe(hash);
  const name = path.split('/').pop()!;
  expect(readdirSync(temp.dir).filter((f) => f.startsWith(name) && f !== name)).toEqual([]);
}

/** Every way a book is opened refuses it as damaged: to write it (the app, serve, import), or to export it. */
async function refusedForWriting(path: string, hash: string): Promise<void> {
  for (const open of [() => openBook(path), () => openService(path), () => openStore(path), () => openBookReader(path)]) {
    const error = await refusal(open());
    expect(error.code, path).toBe('book_corrupt');
    expect(error.message).toMatch(/the file was not changed/);
  }
  leftAlone(path, hash);
}

describe('a book cut short', () => {
  for (const [name, book] of [['the sample book', () => sample], ['a book with history', () => edited]] as const) {
    it(`${name}: refused for writing when cut at any page boundary`, async () => {
      const bytes = book();
      const pages = bytes.length / PAGE;
      expect(Number.isInteger(pages) && pages > 10).toBe(true);
      for (let k = 1; k < pages; k++) {
        const { path, hash } = place(`${name.replace(/\W+/g, '-')}-${k}-pages.dealbook`, bytes.subarray(0, k * PAGE));
        await refusedForWriting(path, hash);
      }
    });

    it(`${name}: refused for writing when cut inside its last page (or any other)`, async () => {
      const bytes = book();
      const pages = bytes.length / PAGE;
      for (const size of [bytes.length - 1, bytes.length - 2933, bytes.length - PAGE + 100, Math.floor(pages / 2) * PAGE + 777]) {
        const { path, hash } = place(`${name.replace(/\W+/g, '-')}-${size}-bytes.dealbook`, bytes.subarray(0, size));
        await refusedForWriting(path, hash);
      }
    });
  }

  it('fails check, import, serve and export from the CLI, said in words, the file untouched', () => {
    // The issue's own case: the sample book truncated inside its last page.
    const { path, hash } = place('cut.dealbook', sample.subarray(0, sample.length - 2933));
    const check = dealbook(['check', '--book', path]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^integrity: (?!ok)/m);
    const damaged = /^dealbook: cut\.dealbook is damaged \(.+\), so it is not opened for writing; the file was not changed\. `dealbook check` lists what is wrong\.\n$/;
    const imported = dealbook(['import', '--book', path, join(temp.dir, 'rows.csv')]);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toMatch(damaged);
    const out = join(temp.dir, 'cut.csv');
    const exported = dealbook(['export', '--book', path, '--out', out]);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toMatch(damaged);
    expect(exported.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    // serve refuses and exits instead of serving (a timeout here would mean it started serving).
    const served = spawnSync(process.execPath, [BIN, 'serve', '--book', path], { encoding: 'utf8', timeout: 20_000 });
    expect(served.status).toBe(2);
    expect(served.stderr).toMatch(damaged);
    expect(served.stdout).not.toMatch(/Serving/);
    leftAlone(path, hash);
  });
});

describe('export never drops a row silently', () => {
  it("names a deal it cannot read (its party gone, left by another tool) instead of exporting the rest", async () => {
    const { path } = place('orphan.dealbook', sample);
    const other = new Database(path);
    other.pragma('foreign_keys = OFF');
    const victim = other.prepare('SELECT id, to_party_id FROM deals ORDER BY id LIMIT 1 OFFSET 3').get() as { id: number; to_party_id: number };
    other.prepare('UPDATE deals SET to_party_id = 9999 WHERE id = ?').run(victim.id);
    other.close();
    const message = `The book is damaged: deal ${victim.id} names party 9999, which is not in the book, so the deals cannot be read in full. Nothing was changed.`;
    const out = join(temp.dir, 'orphan.csv');
    const exported = dealbook(['export', '--book', path, '--out', out]);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toBe(`dealbook: ${message}\n`);
    expect(existsSync(out)).toBe(false);
    const service = await openService(path);
    try {
      for (const method of ['exportCsv', 'listDeals'] as const) {
        expect(dispatch(service, method, {})).toEqual({ ok: false, error: { code: 'book_corrupt', message } });
      }
    } finally {
      service.close();
    }
  });

  it('says how many deals it wrote, counted from the rows written', () => {
    const { path } = place('whole.dealbook', sample);
    const out = join(temp.dir, 'whole.csv');
    const exported = dealbook(['export', '--book', path, '--out', out]);
    expect(exported.code).toBe(0);
    const rows = readFileSync(out, 'utf8').trimEnd().split('\n').length - 1;
    expect(exported.stdout).toBe(`exported ${rows} deals to ${out}\n`);
  });
});
