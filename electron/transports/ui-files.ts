import { readFile, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';

/**
 * Read a file of the built UI for the loopback server or the app:// protocol, or null. Only a regular file whose
 * real path (every symlink followed) is inside the UI folder's real path: a link planted in the folder cannot
 * reach out of it, and a FIFO or a device, which would hang the read, is never opened. The checks use the calls
 * Electron answers from inside app.asar too (realpath, stat, readFile), so a packaged app serves its UI the same way.
 */
export async function readUiFile(root: string, file: string): Promise<Buffer | null> {
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(file)]);
    if (!real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) return null;
    if (!(await stat(real)).isFile()) return null;
    return await readFile(real);
  } catch {
    return null;
  }
}
