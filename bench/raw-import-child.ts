// The raw import baseline as its own process (bundled by the bench): node raw-import-child.mjs BOOK CSV.
import { readFileSync } from 'node:fs';
import { openBook } from '../electron/db/connection';
import { rawInsert } from './raw-insert';

const [book, csv] = process.argv.slice(2);
if (!book || !csv) throw new Error('usage: raw-import-child BOOK CSV');
const { db } = await openBook(book);
rawInsert(db, readFileSync(csv, 'utf8'));
db.close();
