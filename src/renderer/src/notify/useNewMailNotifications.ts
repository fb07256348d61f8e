import { useEffect, useRef } from 'react';
import type { Folder } from '../../../shared/api/mail';
import { useServices } from '../app/services';
import { ALL_INBOXES } from '../mail/unified';
import { planNotifications, type NotifyContext } from './notification-plan';
import { loadQuietHours } from './quiet-hours';

export function notificationPermission(): NotifyContext['permission'] {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

interface Options {
  folders: Folder[];
  /** What the mail view shows now (null when another section is open). */
  shownFolderId: number | null;
  /** Opens the conversation (or the account's Inbox for a batch) after a click. */
  onOpen(accountId: number, threadId: number | null): void;
}

/**
 * Turns `sync.newMail` into Web Notifications (browser mode). Every rule lives in
 * planNotifications; this only gathers the facts and calls the browser. In the desktop app the
 * shell (src/main/new-mail-notifier.ts) shows native notifications instead, and a click arrives
 * here as a shell command; showing Web Notifications too would notify twice.
 */
export function useNewMailNotifications({ folders, shownFolderId, onOpen }: Options): void {
  const { api, client } = useServices();
  // The handler reads the latest values without re-subscribing on every folder refresh.
  const latest = useRef({ folders, shownFolderId, onOpen });
  latest.current = { folders, shownFolderId, onOpen };

  useEffect(() => {
    const shell = window.pmsync;
    if (!shell) return undefined;
    return shell.onShellCommand((command) => {
      if (command.type !== 'open-thread' && command.type !== 'open-inbox') return; // e.g. open-event: useReminderNotifications
      window.focus();
      latest.current.onOpen(command.accountId, command.type === 'open-thread' ? command.threadId : null);
    });
  }, []);

  useEffect(
    () =>
      window.pmsync ? undefined : client.on('sync.newMail', (mail) => {
        void (async () => {
          const { folders: fs, shownFolderId: shown } = latest.current;
          const inbox = fs.find((f) => f.accountId === mail.accountId && f.role === 'inbox');
          let accountEnabled = true;
          try {
            accountEnabled = (await api.accounts.getSettings({ accountId: mail.accountId })).notifications;
          } catch {
            // Settings unreadable (older core): notifying is the safer default for new mail.
          }
          const decision = planNotifications(mail, {
            permission: notificationPermission(),
            windowFocused: document.hasFocus() && document.visibilityState === 'visible',
            showingInbox: shown === ALL_INBOXES || (inbox !== undefined && shown === inbox.id),
            accountEnabled,
            quiet: loadQuietHours(),
            now: new Date(),
          });
          if (!decision.show) return;
          for (const planned of decision.notifications) {
            const n = new Notification(planned.title, { body: planned.body, tag: planned.tag });
            n.onclick = () => {
              window.focus();
              latest.current.onOpen(planned.accountId, planned.threadId);
              n.close();
            };
          }
        })();
      }),
    [api, client],
  );
}
