import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppFailure } from '../../shared/protocol/result';

/*
 * Why a file could not be read or written, said in words (`the folder /x/y does not exist`, `permission denied`,
 * `the disk is full`) rather than the system's code (ENOENT, EACCES, ENOSPC): one place for every file the app and
 * the CLI read or write (a book, an import file, an export, a pulled copy).
 */

const WORDS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EISDIR: 'it is a folder, not a file',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EBUSY: 'the file is in use',
  ETXTBSY: 'the file is in use',
  EIO: 'the disk reported an error reading or writing',
  ELOOP: 'too many symbolic links in the path',
  EEXIST: 'the file already exists',
};

/** The system's error code of `err` (ENOENT, EACCES...), or undefined. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** `path`'s problem in words, from the error a read or write of it failed with; its message when the code is unknown. */
export function fileErrorWords(err: unknown, path: string): string {
  const code = errorCode(err);
  if (code === 'ENOENT' || code === 'ENOTDIR') return missingWords(path);
  if (code !== undefined && Object.hasOwn(WORDS, code)) return WORDS[code]!;
  return (err as Error)?.message ?? String(err);
}

/** A path that is not there: the nearest folder above it that is missing, or a file standing where a folder should. */
function missingWords(path: string): string {
  let folder = dirname(path);
  let missing = false;
  while (!existsSync(folder) && dirname(folder) !== folder) {
    missing = true;
    folder = dirname(folder);
  }
  if (!isFolder(folder)) return `${folder} is a file, not a folder`;
  return !missing ? 'no such file' : `the folder ${dirname(path)} does not exist`;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Why a file cannot be made or opened at `path` when the library that failed (SQLite) does not say (`unable to open
 * database file`): its folder missing, not writable, on a read-only disk; null when nothing is found.
 */
export function probeFile(path: string, write: boolean): string | null {
  const exists = existsSync(path);
  if (!exists && !isFolder(dirname(path))) return missingWords(path);
  if (exists && isFolder(path)) return WORDS.EISDIR!;
  try {
    accessSync(exists ? path : dirname(path), write ? constants.R_OK | constants.W_OK : constants.R_OK);
    return null;
  } catch (err) {
    return fileErrorWords(err, path);
  }
}

/** A file's bytes, or an I/O failure saying in words why it cannot be read (`Cannot read FILE: permission denied`). */
export async function readFileBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    throw new AppFailure({ code: 'io', message: `Cannot read ${file}: ${fileErrorWords(err, file)}` });
  }
}
