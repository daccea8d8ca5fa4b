import type { Db } from '../electron/db/connection';
import { parseCsv } from '../shared/csv/csv-parse';

/**
 * The raw import baseline's work: the app's CSV parser, then one prepared INSERT per row in one transaction. No
 * validation, no history, no undo record: what any importer has to do at least.
 */
export function rawInsert(db: Db, csvText: string): void {
  const parsed = parseCsv(csvText);
  const col = new Map(parsed.header.map((h, i) => [h, i]));
  const parties = new Map<string, number>();
  const insertParty = db.prepare('INSERT INTO parties (name) VALUES (?)');
  const insertDeal = db.prepare(
    `INSERT INTO deals (announced, from_party_id, to_party_id, kind, status, amount_usd, cash_usd, credit_usd, term_years, start, capacity_mw, source_url, notes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const party = (name: string) => {
    let id = parties.get(name);
    if (id === undefined) parties.set(name, (id = Number(insertParty.run(name).lastInsertRowid)));
    return id;
  };
  const num = (s: string | undefined) => (s ? Number(s) : null);
  const str = (s: string | undefined) => (s ? s : null);
  db.transaction(() => {
    for (const { cells } of parsed.rows) {
      const c = (f: string) => cells[col.get(f)!];
      insertDeal.run(
        c('announced'), party(c('from_party')!), party(c('to_party')!), c('kind'), c('status'), num(c('amount_usd')),
        num(c('cash_usd')), num(c('credit_usd')), Number(c('term_years')), str(c('start')), num(c('capacity_mw')),
        str(c('source_url')), str(c('notes')),
      );
    }
  }).immediate();
}
