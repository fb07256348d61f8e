import { useEffect, useRef } from 'react';
import { useServices } from '../app/services';
import { planReminder } from './reminder-plan';
import { notificationPermission } from './useNewMailNotifications';

/**
 * Turns `calendar.reminder` into a Web Notification (browser mode), or a toast without
 * permission. In the desktop app main shows a native notification instead (src/main/notifications.ts),
 * and its click arrives here as an 'open-event' shell command.
 */
export function useReminderNotifications(onOpen: (eventId: number, instanceStart: number) => void): void {
  const { client, notify } = useServices();
  const latest = useRef(onOpen);
  latest.current = onOpen;
  useEffect(() => {
    const shell = window.pmsync;
    if (!shell) return undefined;
    return shell.onShellCommand((command) => {
      if (command.type !== 'open-event') return; // mail commands: useNewMailNotifications
      window.focus();
      latest.current(command.eventId, command.instanceStart);
    });
  }, []);
  useEffect(
    () =>
      window.pmsync ? undefined : client.on('calendar.reminder', (reminder) => {
        const plan = planReminder(reminder, { permission: notificationPermission(), now: Date.now() });
        if (!plan.show) return;
        if (plan.via === 'toast') {
          notify({ level: 'warning', message: `Reminder: ${plan.title}`, hint: plan.body });
          return;
        }
        const n = new Notification(plan.title, { body: plan.body, tag: plan.tag });
        n.onclick = () => {
          window.focus();
          latest.current(reminder.eventId, reminder.instanceStart);
          n.close();
        };
      }),
    [client, notify],
  );
}
