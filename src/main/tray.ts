import { app, Menu, nativeImage, Tray } from 'electron';
import { createLogger } from './logger';
import { badgeLabel } from './new-mail-notifier';
import { trayTooltip } from './unread';

const log = createLogger('tray');

export interface AppTray {
  setUnread(count: number | null): void;
  destroy(): void;
}

/**
 * The tray icon: Show / Quit, and the inbox unread count in the tooltip. `iconPath` names the
 * 16 px image; Electron picks `tray@2x.png` beside it on high-DPI screens.
 */
export function createAppTray(options: { iconPath: string; show(): void }): AppTray | null {
  const image = nativeImage.createFromPath(options.iconPath);
  if (image.isEmpty()) {
    log.warn(`tray icon missing at ${options.iconPath}; running without a tray`);
    return null;
  }
  let tray: Tray;
  try {
    tray = new Tray(image);
  } catch (err) {
    // Some Linux desktops have no status area; the app works without it.
    log.warn(`no tray available: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
  tray.setToolTip(trayTooltip(null));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Show PMSync', click: () => options.show() },
      { type: 'separator' },
      { label: 'Quit PMSync', click: () => app.quit() },
    ]),
  );
  tray.on('click', () => options.show());

  return {
    setUnread(count) {
      if (tray.isDestroyed()) return;
      tray.setToolTip(trayTooltip(count));
      // macOS shows text beside the menu-bar icon: the count there is the tray's badge.
      if (process.platform === 'darwin') tray.setTitle(badgeLabel(count));
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
