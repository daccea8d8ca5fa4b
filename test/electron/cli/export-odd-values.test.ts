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
 * it in): the export refuses, naming the deal and the column, with exit code 2 as for the book's other damage,
 * nothing written beside the target and the book unchanged; the app's reads say the same.
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

async function refusedEverywhere(path: string, hash: string, message: string, everyWay = false): Promise<void> {
  const out = join(temp.dir, 'refused.csv');
  const exported = dealbook(['export', '--book', path, '--out', out]);
  expect(exported.code).toBe(2);
  expect(exported.stdout).toBe('');
  expect(exported.stderr).toBe(`dealbook: ${message}\n`);
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(temp.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  // To stdout, filtered, under a scenario: the same refusal, nothing printed.
  for (const extra of everyWay ? [[], ['--filtered-by', 'a'], ['--scenario', 'Base']] : []) {
    const r = dealbook(['export', '--book', path, ...extra]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `dealbook: ${message}\n`]);
  }
  const service = await openService(path);
  try {
    for (const method of ['exportCsv', 'listDeals'] as const) {
      const r = dispatch(service, method, {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect([r.error.code, r.error.message]).toEqual(['book_corrupt', message]);
    }
  } finally {
    service.close();
  }
  expect(sha256(path), 'the book was changed').toBe(hash);
}

const blobMessage = (where: string) =>
  `The book holds binary data where a deal has text or a number: ${where} is a BLOB (another program wrote it), so the deals cannot be read in full. Nothing was changed.`;

describe('export of a book holding values no deal can hold', () => {
  it.each(['notes', 'source_url', 'start', 'announced', 'amount_usd', 'capacity_mw'])('refuses a BLOB in %s, naming the deal and the column', async (column) => {
    const { path, id, hash } = edited(`blob-${column}`, (id) => `UPDATE deals SET ${column} = x'00ff' WHERE id = ${id}`);
    await refusedEverywhere(path, hash, blobMessage(`deal ${id}'s ${column}`), column === 'notes');
  });

  it('refuses text cast to a BLOB the same way', async () => {
    const { path, id, hash } = edited('cast', (id) => `UPDATE deals SET notes = CAST('plain words' AS BLOB) WHERE id = ${id}`);
    await refusedEverywhere(path, hash, blobMessage(`deal ${id}'s notes`));
  });

  it("refuses a party whose name is a BLOB, naming the party and a deal that names it", async () => {
    const { path, id, partyId, hash } = edited('party', (_id, partyId) => `UPDATE parties SET name = x'41ff42' WHERE id = ${partyId}`);
    const first = new Database(path, { readonly: true });
    const dealId = first.prepare('SELECT id FROM deals WHERE from_party_id = ? OR to_party_id = ? ORDER BY id LIMIT 1').pluck().get(partyId, partyId) as number;
    first.close();
    expect(dealId).toBeLessThanOrEqual(id);
    await refusedEverywhere(path, hash, blobMessage(`party ${partyId}'s name (named by deal ${dealId})`));
  });

  it("refuses a scenario whose name is a BLOB, naming the scenario (the export reads the scenarios' names)", async () => {
    const { path, hash } = edited('scenario', () => "INSERT INTO scenarios (name) VALUES ('Stress'); UPDATE scenarios SET name = x'53ff' WHERE name = 'Stress'");
    const db = new Database(path, { readonly: true });
    const scenarioId = db.prepare("SELECT id FROM scenarios WHERE typeof(name) = 'blob'").pluck().get() as number;
    db.close();
    const message = `The book holds binary data where a scenario has its name: scenario ${scenarioId}'s name is a BLOB (another program wrote it), so the scenarios cannot be read. Nothing was changed.`;
    const out = join(temp.dir, 'scenario.csv');
    for (const extra of [[], ['--scenario', 'Stress']]) {
      const r = dealbook(['export', '--book', path, '--out', out, ...extra]);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `dealbook: ${message}\n`]);
      expect(existsSync(out)).toBe(false);
    }
    const service = await openService(path);
    try {
      const r = dispatch(service, 'listScenarios', {});
      expect(r.ok ? null : [r.error.code, r.error.message]).toEqual(['book_corrupt', message]);
    } finally {
      service.close();
    }
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
