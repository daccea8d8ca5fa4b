import type { z } from 'zod';
import { METHOD_NAMES, type BookEvent, type Handlers, type MethodName } from '../../shared/protocol/contract';
import { BOOK_EVENT_CHANNEL } from '../../shared/protocol/desktop-api';
import type { BookEvents } from '../service/events';
import { fail, type Result } from '../../shared/protocol/result';
import { dispatch, toAppError } from '../service/dispatch';

/** The slice of Electron's ipcMain this adapter needs, so tests can hand it a fake. */
export type IpcMainLike = {
  handle: (channel: string, listener: (event: IpcEventLike, payload: unknown) => unknown) => void;
  removeHandler: (channel: string) => void;
};

/** The slice of WebFrameMain used to check who is calling. */
export type FrameLike = { url: string; parent?: unknown };

/**
 * The slice of IpcMainInvokeEvent used to check who is calling: the frame that sent the message and the
 * webContents it belongs to (which window, hence which book).
 */
export type IpcEventLike = { senderFrame: FrameLike | null; sender?: { id: number } };

export const IPC_PREFIX = 'dealbook:';

/** A call is ours only from the top-level frame of one of our pages; subframes and other URLs never are. */
export function isTrustedSender(event: IpcEventLike, isTrustedUrl: (url: string) => boolean): boolean {
  let frame: FrameLike | null;
  try {
    // senderFrame is a getter that throws or returns null once the frame navigated or was destroyed.
    frame = event.senderFrame;
  } catch {
    return false;
  }
  return Boolean(frame && !frame.parent && typeof frame.url === 'string' && isTrustedUrl(frame.url));
}

const FORBIDDEN = fail('forbidden', 'Caller is not a Deal book window');

/**
 * One handler per contract method (Handlers makes a missing one a compile error). A call from any frame other
 * than the app's own top-level page is refused before its payload is even parsed; `handlersFor` picks the
 * service of the book open in the calling window, so each window only ever reaches its own book.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  handlersFor: (event: IpcEventLike) => Handlers | null,
  isTrustedUrl: (url: string) => boolean,
  onResult?: (event: IpcEventLike, method: MethodName, result: Result<unknown>) => void,
): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(IPC_PREFIX + method, (event, payload): Result<unknown> => {
      if (!isTrustedSender(event, isTrustedUrl)) return FORBIDDEN;
      const current = handlersFor(event);
      if (!current) return fail('not_found', 'No book is open in this window');
      const result = dispatch(current, method, payload, { by: callerId(event) });
      onResult?.(event, method, result);
      return result;
    });
  }
  return () => METHOD_NAMES.forEach((method) => ipcMain.removeHandler(IPC_PREFIX + method));
}

/** How the service names a window in the events of its writes (and tells the window, in bookInfo). */
export function callerId(event: IpcEventLike): string {
  return `window:${event.sender?.id ?? 'unknown'}`;
}

/** A window to push to: the slice of WebContents used. */
export type PushTarget = { send: (channel: string, event: BookEvent) => void; isDestroyed: () => boolean };

/**
 * Push every event of one book to every window showing it (whoever made the step: this window, another, another
 * program), through the preload's `onBookEvent`. Returns the function that stops.
 */
export function pushEvents(events: BookEvents, targets: () => Iterable<PushTarget>): () => void {
  return events.subscribe((event) => {
    for (const target of targets()) if (!target.isDestroyed()) target.send(BOOK_EVENT_CHANNEL, event);
  });
}

/**
 * A channel outside the contract (dialogs, links, theme): the same sender check, its own zod schema at the
 * door, and whatever goes wrong comes back as a typed error.
 */
export function registerChannel<S extends z.ZodType, R>(
  ipcMain: IpcMainLike,
  channel: string,
  schema: S,
  isTrustedUrl: (url: string) => boolean,
  handler: (event: IpcEventLike, input: z.infer<S>) => Promise<Result<R>> | Result<R>,
): () => void {
  ipcMain.handle(channel, async (event, payload): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, isTrustedUrl)) return FORBIDDEN;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      return fail(
        'invalid_payload',
        `Invalid input for ${channel}`,
        parsed.error.issues.slice(0, 20).map((i) => ({ field: i.path.join('.') || '(payload)', message: i.message })),
      );
    }
    try {
      return await handler(event, parsed.data);
    } catch (err) {
      const errno = (err as { code?: unknown } | null)?.code;
      // File system failures (a dialog's folder vanished, no permission) are I/O the analyst can act on.
      if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno)) return fail('io', (err as Error).message);
      const error = toAppError(err, channel);
      return error.details ? fail(error.code, error.message, error.details) : fail(error.code, error.message);
    }
  });
  return () => ipcMain.removeHandler(channel);
}
