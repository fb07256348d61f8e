/** A `calendar.reminder` event: a VALARM of one occurrence is due. */
export interface Reminder {
  eventId: number;
  instanceStart: number;
  title: string;
  start: number;
  location: string;
}

export type ReminderDecision =
  | { show: false; reason: 'stale' }
  | { show: true; via: 'notification' | 'toast'; title: string; body: string; tag: string };

/** A reminder arriving more than this long after its event started (PMSync was closed) is dropped. */
export const STALE_AFTER_MS = 60 * 60_000;

/** "In 10 min", "Now", "Started 5 min ago", "Today at 14:00", or the full date. */
export function whenText(start: number, now: number, opts: { locale?: string; timeZone?: string } = {}): string {
  const minutes = Math.round((start - now) / 60_000);
  if (minutes === 0) return 'Now';
  if (minutes < 0) return `Started ${-minutes} min ago`;
  if (minutes < 60) return `In ${minutes} min`;
  const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: opts.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
  const time = new Intl.DateTimeFormat(opts.locale, { timeZone: opts.timeZone, hour: 'numeric', minute: '2-digit' }).format(start);
  if (day(start) === day(now)) return `Today at ${time}`;
  if (day(start) === day(now + 86_400_000)) return `Tomorrow at ${time}`;
  return new Intl.DateTimeFormat(opts.locale, { timeZone: opts.timeZone, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(start);
}

/**
 * What to show for a reminder. Unlike new mail, reminders ignore quiet hours and window focus:
 * the user asked for this alarm. Without notification permission it becomes an in-app toast.
 */
export function planReminder(r: Reminder, ctx: { permission: 'granted' | 'denied' | 'default' | 'unsupported'; now: number; timeZone?: string }): ReminderDecision {
  if (ctx.now - r.start > STALE_AFTER_MS) return { show: false, reason: 'stale' };
  const when = whenText(r.start, ctx.now, { timeZone: ctx.timeZone });
  const body = r.location.trim() ? `${when} · ${r.location.trim()}` : when;
  return {
    show: true,
    via: ctx.permission === 'granted' ? 'notification' : 'toast',
    title: r.title.trim() || '(No title)',
    body,
    tag: `pmsync-reminder-${r.eventId}-${r.instanceStart}`,
  };
}
