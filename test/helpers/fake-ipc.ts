import type { IpcEventLike } from '../../electron/transports/ipc';

export type Listener = (event: IpcEventLike, payload: unknown) => unknown;

/** ipcMain as far as the IPC adapter can tell: the handlers it registers, by channel. */
export function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle: (channel: string, listener: Listener) => void handlers.set(channel, listener),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}
