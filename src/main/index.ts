import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session, type MessagePortMain } from 'electron';
import { createApiClient } from '../shared/api/client';
import { applicationMenuTemplate } from './app-menu';
import type { CoreHost } from './core-host';
import { startCoreProcess } from './core-process';
import { createLogger } from './logger';
import { findMailtoUrl } from './mailto';
import { createMainWindow, revealWindow } from './main-window';
import { notificationSettingsFile, watchNewMail, watchReminders } from './notifications';
import { createMainPortTransport } from './port-client';
import { installSecurityPolicy } from './security';
import { createAppTray, type AppTray } from './tray';
import { watchInboxUnread } from './unread';
import { startUpdateChecks } from './updater';

/**
 * Electron main: OS integration only. It starts the core, opens one hardened window, and keeps
 * a tray, a menu and the mailto: handler. It never touches the store or a provider.
 */
const log = createLogger('app');
const here = path.dirname(fileURLToPath(import.meta.url));
const paths = {
  preload: path.join(here, '../preload/index.cjs'),
  core: path.join(here, '../core/utility.cjs'),
  renderer: path.join(here, '../renderer/index.html'),
  resources: path.join(app.getAppPath(), 'resources'),
};
// Only a development build may load its page from a server; a packaged app ignores the variable.
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : undefined;
const SHUTDOWN_TIMEOUT_MS = 3000;

let mainWindow: BrowserWindow | null = null;
let core: CoreHost<MessagePortMain> | null = null;
let tray: AppTray | null = null;
let coreStopped = false;
let quitting = false;
/** A mailto: link that arrived (macOS open-url) before the window existed. */
let pendingMailto: string | undefined;

function showWindow(): void {
  if (mainWindow && !mainWindow.isDestroyed()) revealWindow(mainWindow);
  else if (app.isReady() && core) mainWindow = openWindow(core);
}

function openWindow(host: CoreHost<MessagePortMain>): BrowserWindow {
  const win = createMainWindow({
    preloadPath: paths.preload,
    iconPath: path.join(paths.resources, 'icon.png'),
    rendererFile: paths.renderer,
    devServerUrl,
    connect: (clientName) => host.connect(clientName),
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  return win;
}

/** Compose is not built yet: a mailto: request brings PMSync forward. */
function handleMailto(_url: string): void {
  log.info('asked to handle a mailto: link'); // the address itself stays out of the log
  showWindow();
}

function fail(title: string, message: string, hint: string): void {
  dialog.showErrorBox(title, `${message}\n\n${hint}`);
  app.quit();
}

/** Main's own client of the core: the unread badge (tray, dock) and new-mail notifications. */
async function watchCore(host: CoreHost<MessagePortMain>): Promise<void> {
  const port = await host.connect('main');
  if (!port) return;
  const client = createApiClient(createMainPortTransport(port));
  watchNewMail({ client, settingsFile: notificationSettingsFile(app.getPath('userData')), window: () => mainWindow, showWindow });
  watchReminders({ client, window: () => mainWindow, showWindow });
  watchInboxUnread({
    listFolders: () => client.api.mail.listFolders({}),
    onMailChanged: (listener) => client.on('mail.changed', () => listener()),
    onCount: (count) => {
      tray?.setUnread(count);
      // Dock (macOS) and launcher (Linux Unity) badge; returns false where the desktop has none.
      app.setBadgeCount(count);
    },
    onError: (err) => log.warn(`could not count unread mail: ${err instanceof Error ? err.message : String(err)}`),
  });
}

async function onReady(): Promise<void> {
  const appUrl = devServerUrl ?? pathToFileURL(paths.renderer).href;
  installSecurityPolicy(session.defaultSession, { appUrl, devServerUrl });
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform, app.getName())));
  if (process.platform === 'win32') app.setAppUserModelId('dev.pmsync.app');
  // Registering in development would point the OS at the bare Electron binary.
  if (app.isPackaged && !app.isDefaultProtocolClient('mailto')) app.setAsDefaultProtocolClient('mailto');

  const host = startCoreProcess({ modulePath: paths.core, profileDir: path.join(app.getPath('userData'), 'profile') });
  core = host;
  host.onUnexpectedExit((code) => {
    if (quitting) return;
    fail('PMSync stopped', `PMSync's background service stopped unexpectedly (exit code ${code}).`, 'Start PMSync again. If it keeps happening, run `pmsync doctor` and report the log.');
  });

  // The window opens at once; its requests wait in the preload until the core is ready.
  mainWindow = openWindow(host);
  tray = createAppTray({ iconPath: path.join(paths.resources, 'tray.png'), show: showWindow });

  const result = await host.started;
  if (!result.ok) {
    if (result.code !== 'SHUTTING_DOWN') fail('PMSync could not start', result.message, result.hint);
    return;
  }
  await watchCore(host);
  startUpdateChecks(() => mainWindow);
  const mailto = pendingMailto ?? findMailtoUrl(process.argv);
  pendingMailto = undefined;
  if (mailto) handleMailto(mailto);
}

function main(): void {
  app.enableSandbox();

  app.on('second-instance', (_event, argv) => {
    const mailto = findMailtoUrl(argv);
    if (mailto) handleMailto(mailto);
    else showWindow();
  });
  // macOS delivers mailto: here, possibly before ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const mailto = findMailtoUrl([url]);
    if (!mailto) return;
    if (mainWindow) handleMailto(mailto);
    else pendingMailto = mailto;
  });
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quit cleanly: the core closes the store (WAL checkpoint) before the process ends.
  app.on('before-quit', (event) => {
    if (coreStopped || !core) return;
    event.preventDefault();
    if (quitting) return;
    quitting = true;
    void core.shutdown(SHUTDOWN_TIMEOUT_MS).finally(() => {
      coreStopped = true;
      tray?.destroy();
      app.quit();
    });
  });

  app.whenReady().then(onReady).catch((err: unknown) => {
    log.error('startup failed', err);
    fail('PMSync could not start', `Startup failed: ${err instanceof Error ? err.message : String(err)}`, 'Start PMSync again. If it keeps happening, report the log.');
  });
}

// One PMSync per user: a second launch (or a mailto: click) hands over to the first and quits.
if (app.requestSingleInstanceLock()) {
  main();
} else {
  app.quit();
}
