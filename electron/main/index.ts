import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { openService } from '../service/book';
import type { Service } from '../service/service';
import { registerIpc } from '../transports/ipc';
import { defaultBookPath, electronNativeBinding } from './paths';

let service: Service | null = null;

async function createWindow(): Promise<void> {
  const path = defaultBookPath(app.getPath('userData'));
  const nativeBinding = electronNativeBinding(app.getAppPath());
  service = await openService(path, { create: true, sample: true, ...(nativeBinding ? { nativeBinding } : {}) });
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: `Deal book - ${service.bookInfo({}).name}`,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  await win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
}

registerIpc(ipcMain, () => service, (url) => url.startsWith('file://'));

app.whenReady().then(createWindow);
app.on('window-all-closed', () => {
  service?.close();
  app.quit();
});
