/**
 * What the Electron shell shows for the core's `calendar.reminder` event. Pure (no electron
 * import) so it is unit-tested; notifications.ts only calls Electron. Unlike new mail, a
 * reminder shows even with the window focused and in quiet hours: the user set this alarm.
 */
import type { ShellCommand } from '../shared/ipc-channels';
import { reminderText, type Reminder } from '../shared/reminder-text';

export type { Reminder };

export function reminderNotification(r: Reminder, now: number): { title: string; body: string } | null {
  return reminderText(r, now);
}

/** What a click on the reminder asks the page to do: open that occurrence, as the browser UI does. */
export function reminderOpenCommand(r: Reminder): ShellCommand {
  return { type: 'open-event', eventId: r.eventId, instanceStart: r.instanceStart };
}
