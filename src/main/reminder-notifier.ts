/**
 * What the Electron shell shows for the core's `calendar.reminder` event. Pure (no electron
 * import) so it is unit-tested; notifications.ts only calls Electron. Unlike new mail, a
 * reminder shows even with the window focused and in quiet hours: the user set this alarm.
 */

export interface Reminder {
  eventId: number;
  instanceStart: number;
  title: string;
  start: number;
  location: string;
}

/** Reminders that arrive this long after the event began (PMSync was not running) are dropped. */
export const STALE_AFTER_MS = 60 * 60_000;

export function reminderNotification(r: Reminder, now: number): { title: string; body: string } | null {
  if (now - r.start > STALE_AFTER_MS) return null;
  const minutes = Math.round((r.start - now) / 60_000);
  const when = minutes === 0
    ? 'Now'
    : minutes < 0
      ? `Started ${-minutes} min ago`
      : minutes < 60
        ? `In ${minutes} min`
        : new Date(r.start).toLocaleString(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit' });
  const place = r.location.trim();
  return { title: r.title.trim() || '(No title)', body: place ? `${when} · ${place}` : when };
}
