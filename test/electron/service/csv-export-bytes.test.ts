import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openServiceWithInternals as openService } from '../../../electron/service/book';
import { exportBookBytes } from '../../../electron/service/csv-export-bytes';
import { exportDealsCsv } from '../../../electron/service/csv-export';
import { scenarioNamed } from '../../../electron/service/scenario-service';
import type { ServiceWithInternals as Service } from '../../../electron/service/service';
import type { AnalysisContext } from '../../../shared/analytics/metrics';
import { syntheticCsv, syntheticDeals } from '../../../bench/synthetic';
import { seededRandom } from '../../helpers/crash-rng';
import { tempDir } from '../../helpers/temp-book';

/**
 * The export of deals read now is made as bytes from SQLite's JSON (csv-export-bytes) and must be, byte for byte,
 * what the usual way writes (exportDealsCsv of repos.deals.all(), encoded as UTF-8). Books here hold what another
 * program can put in them beside what the app writes: awkward text, formula-like text, numbers of every shape.
 */
const temp = tempDir('dealbook-export-bytes-');
afterAll(() => temp.cleanup());

const TEXTS = [
  'plain', '', ' ', 'a,b', 'say "hi"', '"quoted"', 'line\nbreak', 'cr\ronly', 'crlf\r\nboth', 'tab\tinside', '\ttab first',
  '=SUM(A1)', '+1', '-2', '@cmd', "'=already", "''+twice", "'plain apostrophe", "'", '＝full', '＋full', '－full', '＠full',
  '\rstart', '\nstart', 'back\\slash', '\\', 'end\\', '\\"', 'ctl\u0001\u0008\u000c\u001f', 'nul\u0000inside', '東京 Labs',
  'Ναυτίλος, "Münch"', 'emoji 😀 astral', 'e\u0301 combining', 'x'.repeat(3000), 'slash/ok', '\u2028sep', 'ÿ latin1 ÿ',
  'comma,at,"every",\r\nturn', '-', '=', '@', '+', '\\u0041 not an escape',
];
const NUMBERS = [
  0, 1, 7, 42.5, 409.9, 0.1, 0.5, 1.5e-7, 1e-7, 0.0001, 0.00001, 123456789.123, 123456789012345, 1234567890123456, 9007199254740991,
  9007199254740993, 1e15, 1e20, 1e21, 1.7976931348623157e308, 5e-324, 2.5, 1 / 3, 2 / 3, 100.0, 8900000000, 45.3e9, 0.30000000000000004,
  1e300, 12.0000000000001, 99999999999999.9, 0.1 + 0.2, 3.14159, 1e-300,
];

let service: Service;

beforeAll(async () => {
  const path = join(temp.dir, 'awkward.dealbook');
  service = await openService(path, { create: true });
  // Shaped like a real book (every kind and status, parties with commas and non-ASCII names, quoted notes).
  expect(service.importCsv({ text: syntheticCsv(syntheticDeals(1500, 3)) }).imported).toBe(1500);
  service.setScenario({ name: 'Stress', status_weight: { rumored: 0, announced: 0.5 }, up_to_factor: 0.5, credit_drawdown: 0.3 });
  const parties = service.listParties({});
  for (let i = 0; i + 1 < Math.min(parties.length, 40); i += 3) service.setPartyParent({ name: parties[i]!.name, parent: parties[i + 1]!.name });
  service.setScenario({ name: 'Groups', roll_up: true });
  service.close();
  // Another program's writes, past what the app's own checks let in (the table's CHECKs still hold).
  const other = new Database(path);
  const rand = seededRandom(5);
  const ids = other.prepare('SELECT id FROM deals ORDER BY id').pluck().all() as number[];
  const text = other.prepare('UPDATE deals SET notes = ?, source_url = ? WHERE id = ?');
  const money = other.prepare('UPDATE deals SET amount_usd = ?, cash_usd = ?, credit_usd = ?, capacity_mw = ? WHERE id = ?');
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  ids.forEach((id, i) => {
    if (i % 2 === 0) text.run(i < TEXTS.length * 2 ? TEXTS[i / 2]! : pick(TEXTS), pick(TEXTS), id);
    if (i % 3 === 0) {
      // Every listed number, then random doubles of every size and length of digits.
      const n = i / 3 < NUMBERS.length ? NUMBERS[i / 3]! : Number((rand() * 10 ** Math.floor(rand() * 16)).toFixed(Math.floor(rand() * 8)));
      money.run(n, rand() < 0.5 ? null : n * rand(), rand() < 0.5 ? null : Math.round(n * rand()), rand() < 0.3 ? null : rand() * 10 ** Math.floor(rand() * 6), id);
    }
  });
  const nameOf = other.prepare('UPDATE parties SET name = ? WHERE id = ?');
  (other.prepare('SELECT id FROM parties ORDER BY id LIMIT 12').pluck().all() as number[]).forEach((id, k) => nameOf.run(['=Formula Co', 'Comma, Inc.', 'Quote "Q" Ltd', '東京 Labs', "'Apostrophe", '＠Full', 'Tab\tCo', 'Back\\slash', 'Plain', '😀 Emoji', '-Minus', '+Plus'][k]!, id));
  other.prepare("UPDATE deals SET announced = '2025-7-1', start = 'soon' WHERE id = ?").run(ids[7]);
  other.prepare("UPDATE deals SET term_years = 2.5 WHERE id = ?").run(ids[9]);
  other.close();
  service = await openService(path);
});

afterAll(() => service?.close());

function contextOf(name: string | undefined): AnalysisContext {
  const scenario = scenarioNamed(service.repos, name);
  return scenario.roll_up ? { scenario, parties: service.repos.parties.parents() } : { scenario };
}

/** A CSV's records as cells (RFC 4180, CRLF between records), to say which cell differs. */
function cellsOf(text: string): string[][] {
  const records: string[][] = [];
  const re = /("(?:[^"]|"")*"|[^,\r\n"]*)(,|\r\n)/gy;
  let record: string[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    record.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!);
    if (m[2] === '\r\n') {
      records.push(record);
      record = [];
    }
  }
  expect(re.lastIndex === 0 ? text.length : re.lastIndex, 'the whole text is records').toBe(text.length);
  return records;
}

describe('the export of deals read now, made as bytes', () => {
  it.each([undefined, 'Stress', 'Groups'])('writes exactly the usual export under %s, cell for cell and byte for byte', (name) => {
    const context = contextOf(name);
    const made = exportBookBytes(service.repos, () => context);
    expect(made, 'made as bytes, not the usual way').not.toBeNull();
    const bytes = Buffer.concat(made!.pieces);
    const usual = exportDealsCsv(service.repos.deals.all(), context).join('');
    const ours = cellsOf(bytes.toString('utf8'));
    const theirs = cellsOf(usual);
    expect(ours.length).toBe(1501);
    for (let r = 0; r < theirs.length; r++) expect(ours[r], `record ${r}`).toEqual(theirs[r]);
    expect(bytes.equals(Buffer.from(usual, 'utf8'))).toBe(true);
    expect(made!.rows).toBe(1500);
    // What the service answers (no rows held: made as bytes, then decoded) is the usual text itself.
    expect(service.exportCsv(name ? { scenario: name } : {})).toBe(usual);
  });

  it('holds the awkward values it was meant to (the test would prove nothing without them)', () => {
    const text = Buffer.concat(exportBookBytes(service.repos, () => ({}))!.pieces).toString('utf8');
    for (const cell of ['"\'=SUM(A1)"', '"say ""hi"""', '"line\nbreak"', '"\'＝full"', '"Comma, Inc."', '"\'=Formula Co"', 'nul\u0000inside', '0.0000001', '100000000000000000000', ',2.5,']) {
      expect(text).toContain(cell);
    }
  });

  it('makes room as the cells outgrow their JSON (numbers hundreds of digits long on every row, long party names)', async () => {
    const path = join(temp.dir, 'wide.dealbook');
    await service.saveCopy(path);
    const other = new Database(path);
    other.exec("UPDATE deals SET amount_usd = 1e300, capacity_mw = 1.7976931348623157e308, cash_usd = 5e-324");
    other.exec("UPDATE parties SET name = substr(name || ' ' || printf('%.120c', 'x'), 1, 114) || id");
    other.close();
    const copy = await openService(path);
    try {
      const made = exportBookBytes(copy.repos, () => ({}));
      expect(made, 'made as bytes').not.toBeNull();
      const usual = exportDealsCsv(copy.repos.deals.all(), {}).join('');
      expect(usual.length).toBeGreaterThan(1500 * 1000);
      expect(Buffer.concat(made!.pieces).equals(Buffer.from(usual, 'utf8'))).toBe(true);
    } finally {
      copy.close();
    }
  });

  it('gives way to the usual export for a book holding a BLOB or text that is not UTF-8', async () => {
    for (const [name, sql] of [
      ['blob', "UPDATE deals SET notes = x'00ff' WHERE id = (SELECT min(id) FROM deals)"],
      ['utf8', "UPDATE deals SET notes = CAST(x'41ff42' AS TEXT) WHERE id = (SELECT min(id) FROM deals)"],
      ['party', "UPDATE parties SET name = CAST(x'41ff42' AS TEXT) WHERE id = (SELECT min(from_party_id) FROM deals)"],
    ] as const) {
      const path = join(temp.dir, `${name}.dealbook`);
      await service.saveCopy(path);
      const other = new Database(path);
      other.exec(sql);
      other.close();
      const copy = await openService(path);
      try {
        const made = exportBookBytes(copy.repos, () => ({}));
        if (name === 'party') {
          // A name that is not UTF-8 is read as the usual way reads it (U+FFFD): the same bytes either way.
          expect(Buffer.concat(made!.pieces).equals(Buffer.from(exportDealsCsv(copy.repos.deals.all(), {}).join(''), 'utf8'))).toBe(true);
        } else expect(made, name).toBeNull();
      } finally {
        copy.close();
      }
    }
  });
});
