/**
 * The words of a calendar reminder, the same in the desktop shell (native notification) and
 * the browser UI (Web Notification or toast). Pure: only Intl.
 */

/** A `calendar.reminder` event: a VALARM of one occurrence is due. */
export interface Reminder {
  eventId: number;
  instanceStart: number;
  title: string;
  start: number;
  location: string;
}

/** A reminder arriving more than this long after its event started (PMSync was closed) is dropped. */
export const STALE_AFTER_MS = 60 * 60_000;

/** "In 10 min", "Now", "Started 5 min ago", "Today at 14:00", "Tomorrow at 9:00", or the full date. */
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

/** Title and body of the notification, or null when the event began too long ago to remind. */
export function reminderText(r: Reminder, now: number, opts: { locale?: string; timeZone?: string } = {}): { title: string; body: string } | null {
  if (now - r.start > STALE_AFTER_MS) return null;
  const when = whenText(r.start, now, opts);
  const place = r.location.trim();
  return { title: r.title.trim() || '(No title)', body: place ? `${when} · ${place}` : when };
}
