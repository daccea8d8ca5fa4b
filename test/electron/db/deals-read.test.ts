import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBook } from '../../../electron/db/connection';
import { dealsRepo } from '../../../electron/db/deals-repo';

const dir = mkdtempSync(join(tmpdir(), 'deals-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What every deal reads as, straight from better-sqlite3's objects (the plain way the fast read must equal). */
function plainDeals(db: Awaited<ReturnType<typeof openBook>>['db']): unknown[] {
  return db.prepare(`SELECT d.id, d.announced, d.announced_precision, f.name AS from_party, t.name AS to_party, d.kind, d.status,
    d.amount_usd, d.amount_basis, d.cash_usd, d.credit_usd, d.term_years, d.start, d.capacity_mw, d.source_url, d.notes
    FROM deals d JOIN parties f ON f.id = d.from_party_id JOIN parties t ON t.id = d.to_party_id ORDER BY d.id`).all();
}

describe('reading every deal', () => {
  it('reads every value exactly: awkward doubles, huge and tiny numbers, any text, in id order', async () => {
    const { db } = await openBook(join(dir, 'values.dealbook'), { create: true });
    db.prepare("INSERT INTO parties (name, name_key) VALUES ('A \"quoted\" \\\\ party', 'a'), ('東京 Labs 🚀', 'b')").run();
    const insert = db.prepare(`INSERT INTO deals (announced, from_party_id, to_party_id, kind, status, amount_usd, cash_usd, credit_usd,
      term_years, start, capacity_mw, source_url, notes) VALUES ('2025-01-02', 1, 2, 'investment', 'signed', ?, ?, ?, ?, NULL, ?, ?, ?)`);
    const doubles = [0.1 + 0.2, 1 / 3, 5e-324, 1.7976931348623157e308, 2 ** 53 + 2, 123456789.123456789, 1e21, 1e-7, 45e9, 0.08095985370786517];
    const texts = ['plain', 'line\nbreak\r\n\ttab', 'quote " and \\ backslash', 'nul \u0000 inside', '東京 Ναυτίλος 🚀', '', 'x'.repeat(10_000)];
    for (let i = 0; i < 60; i++) {
      insert.run(doubles[i % doubles.length], i % 3 ? null : doubles[(i + 3) % doubles.length], doubles[(i + 5) % doubles.length],
        (i % 7) + 1.5, i % 2 ? null : 2 ** 40 + i, texts[i % texts.length], i % 4 ? texts[(i * 3) % texts.length] : null);
    }
    db.prepare('DELETE FROM deals WHERE id % 9 = 0').run();
    const deals = dealsRepo(db).all();
    expect(deals.length).toBe(54);
    expect(deals).toEqual(plainDeals(db));
    for (const [i, d] of deals.entries()) expect(Object.is(d.amount_usd, (plainDeals(db)[i] as { amount_usd: number }).amount_usd)).toBe(true);
    db.close();
  });

  it('reads a book of many JSON texts (256 deals each) with gaps in its ids, and money as any program left it', async () => {
    const { db } = await openBook(join(dir, 'many.dealbook'), { create: true });
    db.prepare("INSERT INTO parties (name, name_key) VALUES ('A', 'a'), ('B', 'b')").run();
    const insert = db.prepare(`INSERT INTO deals (announced, from_party_id, to_party_id, kind, status, amount_usd, cash_usd, credit_usd,
      term_years, capacity_mw) VALUES ('2025-01-02', 1, 2, 'investment', 'signed', ?, ?, ?, 3, ?)`);
    const money = [45e9, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 1e21, 0, 7.5, 1 / 3, 2 ** 63, 1.7976931348623157e308, null];
    db.transaction(() => {
      for (let i = 0; i < 13_000; i++) insert.run(money[i % money.length], money[(i + 4) % money.length], money[(i + 7) % money.length], money[(i + 2) % money.length]);
    })();
    db.prepare('DELETE FROM deals WHERE id % 7 = 0 OR id BETWEEN 3990 AND 4010').run();
    // Another program's text where money belongs (the column's CHECK lets text in): read as the text it is.
    db.prepare("UPDATE deals SET amount_usd = '45abc', capacity_mw = 'n/a' WHERE id = 5000").run();
    const deals = dealsRepo(db).all();
    const plain = plainDeals(db) as { amount_usd: unknown }[];
    expect(deals.length).toBe(plain.length);
    expect(deals).toEqual(plain);
    for (const [i, d] of deals.entries()) expect(Object.is(d.amount_usd, plain[i]!.amount_usd)).toBe(true);
    expect(deals.find((d) => d.id === 5000)).toMatchObject({ amount_usd: '45abc', capacity_mw: 'n/a' });
    db.close();
  });

  it('reads a deal whose cell another tool wrote as a BLOB (JSON cannot hold one) as before', async () => {
    const { db } = await openBook(join(dir, 'blob.dealbook'), { create: true });
    db.prepare("INSERT INTO parties (name, name_key) VALUES ('A', 'a'), ('B', 'b')").run();
    db.prepare("INSERT INTO deals (announced, from_party_id, to_party_id, kind, status, term_years, notes) VALUES ('2025-01-02', 1, 2, 'purchase', 'signed', 1, ?)").run(Buffer.from('raw'));
    db.prepare("INSERT INTO deals (announced, from_party_id, to_party_id, kind, status, term_years, notes) VALUES ('2025-01-03', 2, 1, 'purchase', 'signed', 1, 'text')").run();
    const deals = dealsRepo(db).all();
    expect(deals).toEqual(plainDeals(db));
    expect(Buffer.isBuffer(deals[0]!.notes)).toBe(true);
    db.close();
  });
});
