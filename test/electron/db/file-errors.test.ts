import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileErrorWords } from '../../../electron/db/file-errors';
import { tempDir } from '../../helpers/temp-book';

const { dir, cleanup } = tempDir('dealbook-file-errors-');
afterAll(cleanup);

/** An error as node:fs throws it. */
const fsError = (code: string) => Object.assign(new Error(`${code}: something, open 'x'`), { code });

describe('file errors in words', () => {
  it('says each system code a read or write meets in words, never the code', () => {
    const file = join(dir, 'a.csv');
    const words: [string, string][] = [
      ['EACCES', 'permission denied'], ['EPERM', 'permission denied'], ['ENOSPC', 'the disk is full'], ['EDQUOT', 'the disk quota is used up'],
      ['EROFS', 'the disk is read-only'], ['EISDIR', 'it is a folder, not a file'], ['EBUSY', 'the file is in use'],
    ];
    for (const [code, said] of words) expect(fileErrorWords(fsError(code), file), code).toBe(said);
  });

  it('says which folder is missing, or which file stands where a folder should', () => {
    mkdirSync(join(dir, 'there'));
    writeFileSync(join(dir, 'plain'), 'x');
    expect(fileErrorWords(fsError('ENOENT'), join(dir, 'there', 'a.csv'))).toBe('no such file');
    expect(fileErrorWords(fsError('ENOENT'), join(dir, 'gone', 'deeper', 'a.csv'))).toBe(`the folder ${join(dir, 'gone', 'deeper')} does not exist`);
    expect(fileErrorWords(fsError('ENOTDIR'), join(dir, 'plain', 'a.csv'))).toBe(`${join(dir, 'plain')} is a file, not a folder`);
  });

  it('keeps the message of a code it has no words for', () => {
    expect(fileErrorWords(fsError('EWHATEVER'), 'x')).toBe("EWHATEVER: something, open 'x'");
  });
});
