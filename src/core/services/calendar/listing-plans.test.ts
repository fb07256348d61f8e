import { afterEach, beforeEach, expect, it } from 'vitest';
import { BERLIN_VTIMEZONE, ics, WEEKLY_BERLIN } from '../../calendar/test-support/ics';
import { openCalendarEnv, type CalendarEnv } from './test-support/calendar-env';
import { addLocalCalendar } from './test-support/local-calendar';

let env: CalendarEnv;
let calendarId: number;
const YEAR: [number, number] = [Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)];

beforeEach(async () => {
  env = await openCalendarEnv({ userZone: 'Europe/Berlin' });
  calendarId = addLocalCalendar(env.db);
});
afterEach(async () => {
  await env.close();
});

const planned = (): number[] => env.db.prepare('SELECT resource_id FROM calendar_series_plans ORDER BY resource_id').pluck().all() as number[];

it('lists from series plans exactly what the full parse lists, and parses series without a plan', () => {
  const w = env.dav.writer;
  const weekly = w.create(calendarId, 'weekly-1@test', WEEKLY_BERLIN).id;
  const described = w.create(calendarId, 'd@test', ics('BEGIN:VCALENDAR', 'VERSION:2.0', ...BERLIN_VTIMEZONE, 'BEGIN:VEVENT', 'UID:d@test',
    'DTSTART;TZID=Europe/Berlin:20240105T090000', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;BYDAY=FR,MO', 'SUMMARY:Sync', 'DESCRIPTION:Agenda in the doc',
    'ORGANIZER;CN=Bob:mailto:bob@example.test', 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.test', 'BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-PT5M', 'END:VALARM',
    'END:VEVENT', 'END:VCALENDAR')).id;
  const floating = w.create(calendarId, 'f@test', ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:f@test', 'DTSTART:20240330T230000',
    'DURATION:PT2H', 'RRULE:FREQ=DAILY;COUNT=4', 'SUMMARY:Night', 'END:VEVENT', 'END:VCALENDAR')).id;
  const allDay = w.create(calendarId, 'h@test', ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:h@test', 'DTSTART;VALUE=DATE:20240229',
    'RRULE:FREQ=YEARLY', 'SUMMARY:Leap', 'END:VEVENT', 'END:VCALENDAR')).id;
  const complex = w.create(calendarId, 'c@test', ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:c@test', 'DTSTART:20240131T100000Z',
    'DURATION:PT1H', 'RRULE:FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR', 'SUMMARY:Month end', 'END:VEVENT', 'END:VCALENDAR')).id;
  expect(planned()).toEqual([weekly, described, floating, allDay]);

  const svc = env.cal.calendar;
  svc.cache.invalidate();
  const fromPlans = svc.listEvents(...YEAR);
  expect(fromPlans.filter((i) => i.eventId === complex)).toHaveLength(12);
  env.db.prepare('DELETE FROM calendar_series_plans').run();
  svc.cache.invalidate();
  const fromParse = svc.listEvents(...YEAR);
  expect(fromPlans.length).toBeGreaterThan(100);
  expect(fromPlans).toEqual(fromParse);

  // Listing from a plan never feeds getEvent: the detail still has every field.
  env.db.prepare('DELETE FROM calendar_series_plans').run();
  w.update(described, w.getResource(described)?.data.replace('SUMMARY:Sync', 'SUMMARY:Weekly sync') ?? '');
  expect(planned()).toContain(described);
  svc.cache.invalidate();
  expect(svc.listEvents(Date.UTC(2024, 0, 5), Date.UTC(2024, 0, 6)).map((i) => i.title)).toEqual(['Weekly sync']);
  expect(svc.getEvent(described)).toMatchObject({ title: 'Weekly sync', description: 'Agenda in the doc', organizer: { name: 'Bob', email: 'bob@example.test' }, alarms: [{ minutesBefore: 5 }] });

  // A removed resource takes its plan with it.
  w.remove(floating);
  expect(planned()).not.toContain(floating);
});
