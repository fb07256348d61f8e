import { app, dialog, type BrowserWindow } from 'electron';
import electronUpdater from 'electron-updater';
import { createLogger } from './logger';
import { applyUpdatePolicy, CHECK_INTERVAL_MS, FIRST_CHECK_DELAY_MS, shouldCheckForUpdates } from './update-policy';

const log = createLogger('updater');

/**
 * electron-updater, consent first: a found update is offered (Download / Later), a downloaded
 * one is offered again (Restart and install / Later). Check failures are logged, never shown:
 * being offline is normal for a mail client. Set PMSYNC_DISABLE_UPDATES=1 to turn checks off.
 */
export function startUpdateChecks(getWindow: () => BrowserWindow | null): () => void {
  if (!shouldCheckForUpdates({ isPackaged: app.isPackaged, disabledByEnv: process.env.PMSYNC_DISABLE_UPDATES === '1' })) {
    log.info('update checks off (not packaged, or PMSYNC_DISABLE_UPDATES=1)');
    return () => undefined;
  }
  // electron-updater is CommonJS; its exports are reached through the default import from ESM.
  const { autoUpdater } = electronUpdater;
  applyUpdatePolicy(autoUpdater);
  autoUpdater.logger = {
    info: (message?: unknown) => log.info(String(message)),
    warn: (message?: unknown) => log.warn(String(message)),
    error: (message?: unknown) => log.error(String(message)),
  };

  let asking = false;
  const ask = async (message: string, detail: string, yes: string): Promise<boolean> => {
    if (asking) return false;
    asking = true;
    try {
      const win = getWindow();
      const options = { type: 'info' as const, buttons: [yes, 'Later'], defaultId: 0, cancelId: 1, message, detail };
      const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
      return response === 0;
    } finally {
      asking = false;
    }
  };

  autoUpdater.on('update-available', (info) => {
    void ask(`PMSync ${info.version} is available.`, 'Download it now? You will be asked again before it is installed.', 'Download').then((yes) => {
      if (yes) autoUpdater.downloadUpdate().catch((err: unknown) => log.warn(`download failed: ${describe(err)}`));
    });
  });
  autoUpdater.on('update-downloaded', (info) => {
    void ask(`PMSync ${info.version} is ready to install.`, 'Restart PMSync now to install it? Your mail and drafts are saved.', 'Restart and install').then((yes) => {
      if (yes) autoUpdater.quitAndInstall();
    });
  });
  autoUpdater.on('error', (err) => log.warn(`update check failed: ${describe(err)}`));

  const check = () => {
    autoUpdater.checkForUpdates().catch((err: unknown) => log.warn(`update check failed: ${describe(err)}`));
  };
  const first = setTimeout(check, FIRST_CHECK_DELAY_MS);
  const every = setInterval(check, CHECK_INTERVAL_MS);
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
