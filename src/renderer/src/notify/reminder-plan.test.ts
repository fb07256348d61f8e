import { describe, expect, it } from 'vitest';
import { planReminder, whenText } from './reminder-plan';

const start = Date.UTC(2026, 10, 28, 13, 0);
const r = { eventId: 4, instanceStart: start, title: 'Design review', start, location: 'Room 2' };

describe('reminders', () => {
  it('says when, relative to now', () => {
    expect(whenText(start, start - 10 * 60_000)).toBe('In 10 min');
    expect(whenText(start, start)).toBe('Now');
    expect(whenText(start, start + 5 * 60_000)).toBe('Started 5 min ago');
    expect(whenText(start, start - 3 * 3_600_000, { locale: 'en-GB', timeZone: 'UTC' })).toBe('Today at 13:00');
    expect(whenText(start, start - 20 * 3_600_000, { locale: 'en-GB', timeZone: 'UTC' })).toBe('Tomorrow at 13:00');
  });
  it('notifies with permission, else falls back to a toast; one tag per occurrence', () => {
    expect(planReminder(r, { permission: 'granted', now: start - 15 * 60_000 })).toEqual({ show: true, via: 'notification', title: 'Design review', body: 'In 15 min · Room 2', tag: `pmsync-reminder-4-${start}` });
    const toast = planReminder({ ...r, title: ' ', location: '' }, { permission: 'default', now: start });
    expect(toast).toMatchObject({ show: true, via: 'toast', title: '(No title)', body: 'Now' });
  });
  it('drops a reminder that arrives long after the event began', () => {
    expect(planReminder(r, { permission: 'granted', now: start + 2 * 3_600_000 })).toEqual({ show: false, reason: 'stale' });
  });
});
