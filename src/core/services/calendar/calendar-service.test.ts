import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/api/index';
import { ReminderScheduler } from './reminder-scheduler';
import { openCalendarEnv, type CalendarEnv } from './test-support/calendar-env';
import { addLocalCalendar, ManualClock } from './test-support/local-calendar';

const T0 = Date.UTC(2027, 0, 4, 8);
const H = 3_600_000;
let env: CalendarEnv;
let calendarId: number;

beforeEach(async () => {
  env = await openCalendarEnv({ userZone: 'Europe/Berlin' });
  calendarId = addLocalCalendar(env.db);
});
afterEach(async () => {
  await env.close();
});

describe('CalendarService over the real store (no server: writes stay pending)', () => {
  it('flags overlapping busy events, not all-day, transparent or cancelled ones', () => {
    const svc = env.cal.calendar;
    const a = svc.createEvent(calendarId, { title: 'A', start: T0, end: T0 + 2 * H, allDay: false });
    const b = svc.createEvent(calendarId, { title: 'B', start: T0 + H, end: T0 + 3 * H, allDay: false });
    const c = svc.createEvent(calendarId, { title: 'C', start: T0 + 3 * H, end: T0 + 4 * H, allDay: false });
    svc.createEvent(calendarId, { title: 'Holiday', start: Date.UTC(2027, 0, 4), end: Date.UTC(2027, 0, 5), allDay: true });
    const list = svc.listEvents(Date.UTC(2027, 0, 4), Date.UTC(2027, 0, 5));
    expect(list.map((i) => [i.title, i.conflict, i.syncState])).toEqual([
      ['Holiday', false, 'pending'], ['A', true, 'pending'], ['B', true, 'pending'], ['C', false, 'pending'],
    ]);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
  });

  it('reads back what it wrote, and a change through the DAV store reaches the cached series', () => {
    const svc = env.cal.calendar;
    const made = svc.createEvent(calendarId, { title: 'Gym', start: T0, end: T0 + H, allDay: false, rrule: 'FREQ=DAILY;COUNT=3', alarms: [{ minutesBefore: 5 }], location: 'Club' });
    expect(made).toMatchObject({ title: 'Gym', start: T0, end: T0 + H, timeZone: 'Europe/Berlin', rrule: 'FREQ=DAILY;COUNT=3', alarms: [{ minutesBefore: 5 }], location: 'Club' });
    expect(svc.listEvents(T0, T0 + 3 * 24 * H)).toHaveLength(3);
    // Another writer (sync) changes the resource: the indexer drops the cached parse.
    const data = env.dav.writer.getResource(made.id)?.data ?? '';
    env.dav.writer.update(made.id, data.replace('SUMMARY:Gym', 'SUMMARY:Swim'));
    expect(svc.listEvents(T0, T0 + 3 * 24 * H).map((i) => i.title)).toEqual(['Swim', 'Swim', 'Swim']);
    expect(svc.getEvent(made.id, T0 + 24 * H)).toMatchObject({ start: T0 + 24 * H, instanceStart: T0 + 24 * H, title: 'Swim' });
    svc.deleteEvent(made.id, 'all');
    expect(svc.listEvents(T0, T0 + 3 * 24 * H)).toEqual([]);
    expect(() => svc.getEvent(made.id)).toThrow(/no event/);
  });

  it('refuses bad input with a hint', () => {
    const svc = env.cal.calendar;
    expect(() => svc.createEvent(calendarId, { title: 'x', start: T0, end: T0 + H, allDay: false, rrule: 'FREQ=SOMETIMES' })).toThrow(/not a valid recurrence rule/);
    expect(() => svc.createEvent(calendarId, { title: 'x', start: T0, end: T0 + H, allDay: false, timeZone: 'Moon/Base' })).toThrow(/not a time zone/);
    expect(() => svc.createEvent(9999, { title: 'x', start: T0, end: T0 + H, allDay: false })).toThrow(/no calendar 9999/);
  });
});

describe('ReminderScheduler', () => {
  it('fires each due VALARM once, with one timer, and never again after a restart', () => {
    const clock = new ManualClock(T0);
    const seen: EventPayload<'calendar.reminder'>[] = [];
    env.events.on('calendar.reminder', (r) => seen.push(r));
    const ev = env.cal.calendar.createEvent(calendarId, { title: 'Call', start: T0 + H, end: T0 + 2 * H, allDay: false, alarms: [{ minutesBefore: 15 }], location: 'Phone' });
    const make = () => new ReminderScheduler({ index: env.cal.index, cache: env.cal.calendar.cache, events: env.events, userZone: () => 'Europe/Berlin', clock });
    const first = make();
    first.start();
    expect(seen).toEqual([]);
    expect(clock.pending()).toBe(1);
    clock.advanceTo(T0 + 45 * 60_000);
    expect(seen).toEqual([{ eventId: ev.id, instanceStart: T0 + H, title: 'Call', start: T0 + H, location: 'Phone' }]);
    first.stop();
    expect(clock.pending()).toBe(0);

    // Restart 5 minutes later: the reminder already shown is not shown again.
    clock.advanceTo(T0 + 50 * 60_000);
    const second = make();
    second.start();
    expect(seen).toHaveLength(1);
    second.stop();

    // A reminder that fell due hours while PMSync was closed is not shown late; a recent one is.
    env.cal.calendar.createEvent(calendarId, { title: 'Old', start: T0 + 3 * H, end: T0 + 4 * H, allDay: false, alarms: [{ minutesBefore: 0 }] });
    env.cal.calendar.createEvent(calendarId, { title: 'Recent', start: T0 + 8 * H, end: T0 + 9 * H, allDay: false, alarms: [{ minutesBefore: 10 }] });
    clock.advanceTo(T0 + 8 * H);
    const third = make();
    third.start();
    expect(seen.map((r) => r.title)).toEqual(['Call', 'Recent']);
    third.stop();
  });
});
