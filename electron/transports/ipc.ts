import { METHOD_NAMES, type Handlers } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import { dispatch } from '../service/dispatch';

/** The slice of Electron's ipcMain this adapter needs, so tests can hand it a fake. */
export type IpcMainLike = {
  handle: (channel: string, listener: (event: IpcEventLike, payload: unknown) => unknown) => void;
  removeHandler: (channel: string) => void;
};

/** The slice of IpcMainInvokeEvent used to check who is calling. */
export type IpcEventLike = { senderFrame: { url: string; parent?: unknown } | null };

export const IPC_PREFIX = 'dealbook:';

/**
 * One handler per contract method (Handlers makes a missing one a compile error). A call from any frame other
 * than the app's own top-level page is refused before its payload is even parsed.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  handlers: () => Handlers | null,
  isTrustedUrl: (url: string) => boolean,
): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(IPC_PREFIX + method, (event, payload): Result<unknown> => {
      const frame = event.senderFrame;
      if (!frame || frame.parent || !isTrustedUrl(frame.url)) return fail('forbidden', 'Caller is not the Deal book window');
      const current = handlers();
      if (!current) return fail('not_found', 'No book is open');
      return dispatch(current, method, payload);
    });
  }
  return () => METHOD_NAMES.forEach((method) => ipcMain.removeHandler(IPC_PREFIX + method));
}
