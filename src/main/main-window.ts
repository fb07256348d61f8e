import { BrowserWindow, type MessagePortMain } from 'electron';
import { PORT_CHANNEL } from '../shared/host-protocol';
import { createLogger } from './logger';
import { hardenedWebPreferences } from './window-options';

const log = createLogger('window');

export interface MainWindowOptions {
  preloadPath: string;
  iconPath: string;
  /** Dev server URL, or undefined to load the built page from disk. */
  devServerUrl?: string;
  rendererFile: string;
  /** A fresh port to the core for one page load (null when the core is not running). */
  connect(clientName: string): Promise<MessagePortMain | null>;
}

let windowCount = 0;

/**
 * The one hardened window. Each time its page (re)loads, it gets a new port to the core: a
 * reload discards the old page and its port, and the core drops that client when it closes.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const clientName = `window-${++windowCount}`;
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'PMSync',
    icon: options.iconPath,
    autoHideMenuBar: false,
    webPreferences: hardenedWebPreferences(options.preloadPath),
  });
  win.once('ready-to-show', () => win.show());

  win.webContents.on('did-finish-load', () => {
    void options.connect(clientName).then((port) => {
      if (!port) {
        log.warn(`${clientName}: no core to connect to`);
        return;
      }
      if (win.isDestroyed()) {
        port.close();
        return;
      }
      win.webContents.postMessage(PORT_CHANNEL, null, [port]);
    });
  });
  win.webContents.on('render-process-gone', (_event, details) => log.error(`${clientName}: renderer gone (${details.reason}, exit ${details.exitCode})`));

  const load = options.devServerUrl ? win.loadURL(options.devServerUrl) : win.loadFile(options.rendererFile);
  load.catch((err: unknown) => log.error(`${clientName}: could not load the page: ${err instanceof Error ? err.message : String(err)}`));
  return win;
}

/** Brings a window to the front, restoring it if minimized or hidden. */
export function revealWindow(win: BrowserWindow): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
