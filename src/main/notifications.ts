import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Notification, type BrowserWindow } from 'electron';
import type { ConnectedClient } from '../shared/api/client';
import { SHELL_COMMAND_CHANNEL, type ShellCommand } from '../shared/ipc-channels';
import { createLogger } from './logger';
import { createNewMailNotifier, parseNotificationSettings, type QuietHours } from './new-mail-notifier';
import { reminderNotification, reminderOpenCommand } from './reminder-notifier';

const log = createLogger('notify');

/**
 * Main-side settings of this computer's notifications: `<userData>/notifications.json`, e.g.
 *   { "quietHours": { "enabled": true, "start": "22:00", "end": "07:00" } }
 * Read on each event (a hand edit applies at once); missing or malformed = no quiet hours.
 * Per-account on/off is the account's own setting in the profile (accounts.getSettings).
 */
export function notificationSettingsFile(userData: string): string {
  return path.join(userData, 'notifications.json');
}

function readQuietHours(file: string): QuietHours {
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // No file: defaults.
  }
  return parseNotificationSettings(text).quietHours;
}

export interface NotificationWiring {
  client: ConnectedClient;
  settingsFile: string;
  /** The window if it exists (it may be closed to the tray). */
  window(): BrowserWindow | null;
  /** Shows (re-creating if needed) and focuses the window. */
  showWindow(): void;
}

/** Shows the window and asks the page to open something (a notification was clicked). */
function openInPage(w: Pick<NotificationWiring, 'window' | 'showWindow'>, command: ShellCommand): void {
  w.showWindow();
  const win = w.window();
  if (!win || win.isDestroyed()) return;
  // The preload keeps the latest command until the page subscribes (a window just re-created).
  const send = () => win.webContents.send(SHELL_COMMAND_CHANNEL, command);
  if (win.webContents.isLoading()) win.webContents.once('did-finish-load', send);
  else send();
}

/** Turns `sync.newMail` into desktop notifications; returns a disposer. */
export function watchNewMail(w: NotificationWiring): () => void {
  if (!Notification.isSupported()) {
    log.info('desktop notifications are not supported here');
    return () => undefined;
  }
  // Electron drops a Notification that nothing references before it is clicked.
  const live = new Set<Notification>();
  const open = (command: ShellCommand) => openInPage(w, command);
  const handle = createNewMailNotifier({
    isWindowFocused: () => {
      const win = w.window();
      return !!win && !win.isDestroyed() && win.isVisible() && !win.isMinimized() && win.isFocused();
    },
    accountEnabled: async (accountId) => (await w.client.api.accounts.getSettings({ accountId })).notifications,
    quietHours: () => readQuietHours(w.settingsFile),
    now: () => new Date(),
    show: (n, onClick) => {
      const notification = new Notification({ title: n.title, body: n.body, silent: false });
      live.add(notification);
      notification.on('click', () => {
        live.delete(notification);
        onClick();
      });
      notification.on('close', () => live.delete(notification));
      notification.show();
    },
    open,
    onError: (err) => log.warn(`new-mail notification: ${err instanceof Error ? err.message : String(err)}`),
  });
  return w.client.on('sync.newMail', (mail) => void handle(mail));
}

/** Turns `calendar.reminder` into desktop notifications (any window state); a click opens the event in the window. */
export function watchReminders(w: Pick<NotificationWiring, 'client' | 'window' | 'showWindow'>): () => void {
  if (!Notification.isSupported()) return () => undefined;
  const live = new Set<Notification>();
  return w.client.on('calendar.reminder', (reminder) => {
    const planned = reminderNotification(reminder, Date.now());
    if (!planned) return;
    const notification = new Notification({ title: planned.title, body: planned.body, silent: false });
    live.add(notification);
    notification.on('click', () => {
      live.delete(notification);
      openInPage(w, reminderOpenCommand(reminder));
    });
    notification.on('close', () => live.delete(notification));
    notification.show();
  });
}
