import { afterEach, expect, it } from 'vitest';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describePg, tempPgBook } from '../../helpers/pg';
import { tempDirsPerTest } from '../../helpers/temp-book';
import { openBook } from '../../../electron/db/connection';
import { settingsRepo } from '../../../electron/db/settings-repo';
import { PENDING_COPY_KEY } from '../../../electron/offline/push-to';
import { cli, inFile, serverDeal } from './offline-helpers';

const dir = tempDirsPerTest('dealbook-offline-to-');
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

describePg('dealbook push --to after a crash', () => {
  it('a crash between making the team book and the file\'s note: run again, it notes the book made from this file, which the file then pushes to', async () => {
    const file = join(dir(), 'mine.dealbook');
    expect(cli(['new', '--book', file, '--sample']).code).toBe(0);
    await inFile(file, (s) => void s.updateDeal({ id: 1, changes: { notes: 'mine' } }));
    const t = tempPgBook('offtc');
    cleanups.push(t.drop);
    // The file as the crash leaves it: its pending copy id written (push --to's first write), nothing noted after.
    const { db } = await openBook(file);
    settingsRepo(db).set(PENDING_COPY_KEY, 'copy-before-the-crash');
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const atCrash = join(dir(), 'at-crash.dealbook');
    copyFileSync(file, atCrash);
    expect(cli(['push', '--book', file, '--to', t.url]).code).toBe(0);
    copyFileSync(atCrash, file);

    // Another file onto that schema is still refused.
    const other = join(dir(), 'other.dealbook');
    expect(cli(['new', '--book', other]).code).toBe(0);
    const refused = cli(['push', '--book', other, '--to', t.url]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already holds a book');

    // Edited after the crash: that step is not in the team book, and the next push sends it.
    await inFile(file, (s) => void s.updateDeal({ id: 2, changes: { notes: 'after the crash' } }));
    const again = cli(['push', '--book', file, '--to', t.url]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/already holds the book made from .*mine\.dealbook \(an earlier push --to stopped before noting it in the file\); .*mine\.dealbook now pushes to it/);
    expect(await serverDeal(t.url, 2)).not.toMatchObject({ notes: 'after the crash' });
    const pushed = cli(['push', '--book', file]);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toMatch(/^applied: step \d+ "Edit notes": 1 change as team step \d+$/m);
    expect(await serverDeal(t.url, 1)).toMatchObject({ notes: 'mine' });
    expect(await serverDeal(t.url, 2)).toMatchObject({ notes: 'after the crash' });
  });
});
