import { reminderText, whenText, type Reminder } from '../../../shared/reminder-text';

export { whenText, type Reminder };

export type ReminderDecision =
  | { show: false; reason: 'stale' }
  | { show: true; via: 'notification' | 'toast'; title: string; body: string; tag: string };

/**
 * What to show for a reminder. Unlike new mail, reminders ignore quiet hours and window focus:
 * the user asked for this alarm. Without notification permission it becomes an in-app toast.
 */
export function planReminder(r: Reminder, ctx: { permission: 'granted' | 'denied' | 'default' | 'unsupported'; now: number; timeZone?: string }): ReminderDecision {
  const text = reminderText(r, ctx.now, { timeZone: ctx.timeZone });
  if (!text) return { show: false, reason: 'stale' };
  return {
    show: true,
    via: ctx.permission === 'granted' ? 'notification' : 'toast',
    title: text.title,
    body: text.body,
    tag: `pmsync-reminder-${r.eventId}-${r.instanceStart}`,
  };
}
