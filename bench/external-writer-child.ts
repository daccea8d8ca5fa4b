// Another program writing the book (bundled by the bench): node external-writer-child.mjs BOOK. Each stdin line
// "ID AMOUNT" is one edit through the service, as the CLI makes it; after each commit it prints the wall-clock time
// (ms since the epoch, sub-millisecond) the commit returned at.
import { createInterface } from 'node:readline';
import { openService } from '../electron/service/book';

const [book] = process.argv.slice(2);
if (!book) throw new Error('usage: external-writer-child BOOK');
const service = await openService(book);
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const [id, amount] = line.trim().split(' ');
  service.updateDeal({ id: Number(id), changes: { amount_usd: amount ?? null } });
  process.stdout.write(`${performance.timeOrigin + performance.now()}\n`);
}
service.close();
