import { describe, expect, it } from 'vitest';
import { reminderNotification, reminderOpenCommand } from './reminder-notifier';

const start = Date.UTC(2026, 10, 28, 13);
const r = { eventId: 1, instanceStart: start, title: 'Dentist', start, location: ' Main St 4 ' };

describe('reminder notifications (desktop)', () => {
  it('says how soon and where', () => {
    expect(reminderNotification(r, start - 15 * 60_000)).toEqual({ title: 'Dentist', body: 'In 15 min · Main St 4' });
    expect(reminderNotification({ ...r, title: '', location: '' }, start)).toEqual({ title: '(No title)', body: 'Now' });
    expect(reminderNotification(r, start + 10 * 60_000)?.body).toBe('Started 10 min ago · Main St 4');
  });
  it('drops reminders for events that began long ago', () => {
    expect(reminderNotification(r, start + 61 * 60_000)).toBeNull();
  });
  it('a click asks the page to open that occurrence', () => {
    expect(reminderOpenCommand({ ...r, eventId: 7, instanceStart: start + 86_400_000 })).toEqual({ type: 'open-event', eventId: 7, instanceStart: start + 86_400_000 });
  });
});
