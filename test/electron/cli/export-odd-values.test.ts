import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openService } from '../../../electron/service/book';
import { dispatch } from '../../../electron/service/dispatch';
import { sha256 } from '../../helpers/crash-book';
import { dealbook } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-book';

/**
 * Values only another program can write into a book (SQLite keeps a BLOB as it is in any column whose CHECK lets
 * it in). The book still opens; the export refuses as invalid data (exit 1), naming the deal and the field, with
 * nothing written beside the target and the book unchanged, in the CLI and in the service (from deals read now,
 * and from the rows a window holds).
 */
const temp = tempDir('dealbook-odd-values-');
afterAll(() => temp.cleanup());

let sample: Buffer;

beforeAll(() => {
  const path = join(temp.dir, 'sample.dealbook');
  expect(dealbook(['new', '--book', path, '--sample']).code).toBe(0);
  sample = readFileSync(path);
});

/** A copy of the sample book with `sql` run on it by another program; the deal it names and the file's hash. */
function edited(name: string, sql: (id: number, partyId: number) => string): { path: string; id: number; partyId: number; hash: string } {
  const path = join(temp.dir, `${name}.dealbook`);
  writeFileSync(path, sample);
  const other = new Database(path);
  const { id, partyId } = other.prepare('SELECT id, to_party_id AS partyId FROM deals ORDER BY id LIMIT 1 OFFSET 3').get() as { id: number; partyId: number };
  other.exec(sql(id, partyId));
  other.close();
  return { path, id, partyId, hash: sha256(path) };
}

const blobMessage = (where: string, cannot = 'be exported') =>
  `${where} holds binary data (a BLOB another program wrote), not text or a number, so it cannot ${cannot}. Nothing was written; change that value and try again.`;

/** Refused by `dealbook export` (to a file; with `everyWay`, to stdout, filtered and under a scenario too). */
function refusedByCli(path: string, message: string, everyWay = false): void {
  const out = join(temp.dir, 'refused.csv');
  const exported = dealbook(['export', '--book', path, '--out', out]);
  expect([exported.code, exported.stdout, exported.stderr]).toEqual([1, '', `dealbook: ${message}\n`]);
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(temp.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  for (const extra of everyWay ? [[], ['--filtered-by', 'a'], ['--scenario', 'Base']] : []) {
    const r = dealbook(['export', '--book', path, ...extra]);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', `dealbook: ${message}\n`]);
  }
}

/** The service's export: from deals read now (a fresh service), then after listing the rows (when they list). */
async function refusedByService(path: string, message: string, listed: string | null): Promise<void> {
  const service = await openService(path);
  try {
    const fresh = dispatch(service, 'exportCsv', {});
    expect(fresh.ok ? null : [fresh.error.code, fresh.error.message]).toEqual(['validation', message]);
    const rows = dispatch(service, 'listDeals', {});
    expect(rows.ok ? null : rows.error.message).toBe(listed);
    if (rows.ok) {
      const held = dispatch(service, 'exportCsv', {});
      expect(held.ok ? null : [held.error.code, held.error.message, held.error.details]).toEqual([
        'validation', message, [expect.objectContaining({ message: 'binary data (a BLOB), not text or a number' })],
      ]);
    }
  } finally {
    service.close();
  }
}

describe('export of a book holding values no deal can hold', () => {
  it.each(['notes', 'source_url', 'amount_usd', 'capacity_mw', 'start', 'announced'])('refuses a BLOB in %s, naming the deal and the column', async (column) => {
    const { path, id, hash } = edited(`blob-${column}`, (id) => `UPDATE deals SET ${column} = x'00ff' WHERE id = ${id}`);
    const message = blobMessage(`Deal ${id}'s ${column}`);
    refusedByCli(path, message, column === 'notes');
    // The grid shows a BLOB in a text or money column (it can be edited there); the analytics cannot read a date.
    const dates = column === 'start' || column === 'announced';
    await refusedByService(path, message, dates ? blobMessage(`Deal ${id}'s ${column}`, 'be shown or exported') : null);
    expect(sha256(path), 'the book was changed').toBe(hash);
  });

  it('refuses text cast to a BLOB the same way', async () => {
    const { path, id, hash } = edited('cast', (id) => `UPDATE deals SET notes = CAST('plain words' AS BLOB) WHERE id = ${id}`);
    refusedByCli(path, blobMessage(`Deal ${id}'s notes`));
    expect(sha256(path)).toBe(hash);
  });

  it('refuses a party whose name is a BLOB, in the export (naming a deal) and in `dealbook parties`', async () => {
    const { path, partyId, hash } = edited('party', (_id, partyId) => `UPDATE parties SET name = x'41ff42' WHERE id = ${partyId}`);
    const db = new Database(path, { readonly: true });
    const first = db.prepare('SELECT id, from_party_id = ? AS isFrom FROM deals WHERE from_party_id = ? OR to_party_id = ? ORDER BY id LIMIT 1').get(partyId, partyId, partyId) as { id: number; isFrom: number };
    db.close();
    const field = first.isFrom ? 'from_party' : 'to_party';
    refusedByCli(path, blobMessage(`Deal ${first.id}'s ${field}`));
    await refusedByService(path, blobMessage(`Deal ${first.id}'s ${field}`), blobMessage(`Deal ${first.id}'s ${field}`, 'be shown or exported'));
    const parties = dealbook(['parties', '--book', path]);
    expect([parties.code, parties.stdout, parties.stderr]).toEqual([1, '', `dealbook: ${blobMessage(`Party ${partyId}'s name`)}\n`]);
    expect(sha256(path)).toBe(hash);
  });

  it('exports under Base when a scenario is named in a BLOB, and says so for --scenario', () => {
    const { path, hash } = edited('scenario', () => "INSERT INTO scenarios (name) VALUES ('Stress'); UPDATE scenarios SET name = x'53ff' WHERE name = 'Stress'");
    const out = join(temp.dir, 'scenario.csv');
    expect(dealbook(['export', '--book', path, '--out', out]).code).toBe(0);
    const r = dealbook(['export', '--book', path, '--out', out, '--scenario', 'Stress']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dealbook: --scenario Stress: no such scenario; this book has "Base", one named in binary data \(a BLOB another program wrote\)\n/);
    expect(sha256(path)).toBe(hash);
  });

  it('writes a number put in a text column as the text SQLite keeps (the column turns it into text)', () => {
    const { path, id } = edited('number', (id) => `UPDATE deals SET notes = 42.5, source_url = 7 WHERE id = ${id}`);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT typeof(notes), typeof(source_url) FROM deals WHERE id = ?').raw().get(id)).toEqual(['text', 'text']);
    db.close();
    const out = join(temp.dir, 'number.csv');
    expect(dealbook(['export', '--book', path, '--out', out]).code).toBe(0);
    const line = readFileSync(out, 'utf8').split('\r\n').find((l) => l.startsWith(`${id},`))!;
    expect(line.split(',').slice(14, 16)).toEqual(['7', '42.5']);
  });

  it('cannot hold a NULL where a deal needs a value (the table refuses it)', () => {
    expect(() => edited('null', (id) => `UPDATE deals SET announced = NULL WHERE id = ${id}`)).toThrow(/NOT NULL constraint failed: deals\.announced/);
  });
});
