import { describe, expect, it } from 'vitest';
import type { EventDetail } from '../../../shared/api/calendar';
import { alarmLabel, changedFields, fieldsOfDetail, formFromDetail, newEventForm, parseAttendee, validateForm, type EventForm } from './event-form';

const ZONE = 'Europe/Berlin';
const nineToTen = { start: Date.UTC(2026, 10, 25, 8), end: Date.UTC(2026, 10, 25, 9), allDay: false };

function form(extra: Partial<EventForm> = {}): EventForm {
  return { ...newEventForm(nineToTen, 3, ZONE), title: 'Planning', ...extra };
}

const detail: EventDetail = {
  id: 7, calendarId: 3, uid: 'u-7', title: 'Standup', start: Date.UTC(2026, 10, 25, 8), end: Date.UTC(2026, 10, 25, 8, 15), allDay: false,
  timeZone: null, location: 'Room 1', description: '', rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', exdates: [], organizer: null,
  attendees: [{ name: 'Ann', email: 'ann@example.org', partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' }],
  alarms: [{ minutesBefore: 10 }], instanceStart: Date.UTC(2026, 10, 25, 8), syncState: 'synced',
};

describe('event form', () => {
  it('starts a new timed event on the dragged range, in the given zone', () => {
    expect(newEventForm(nineToTen, 3, ZONE)).toMatchObject({ allDay: false, startDate: '2026-11-25', startTime: '09:00', endDate: '2026-11-25', endTime: '10:00', timeZone: ZONE });
  });
  it('shows an all-day range with its last day inclusive and sends it back exclusive', () => {
    const f = newEventForm({ start: Date.UTC(2026, 10, 25), end: Date.UTC(2026, 10, 27), allDay: true }, 3, ZONE);
    expect(f).toMatchObject({ startDate: '2026-11-25', endDate: '2026-11-26' });
    const v = validateForm({ ...f, title: 'Trip' });
    expect(v.ok && v.fields).toMatchObject({ start: Date.UTC(2026, 10, 25), end: Date.UTC(2026, 10, 27), allDay: true, timeZone: null });
  });
  it('builds API fields from a valid form', () => {
    const v = validateForm(form({ title: '  Planning  ', location: ' HQ ', recurrence: { preset: 'weekly', custom: '', ends: { kind: 'count', count: 4 } }, alarms: [15, 0, 15], attendees: [{ name: 'Bo', email: 'bo@example.org' }, { name: '', email: 'BO@example.org' }] }));
    expect(v).toEqual({
      ok: true, calendarId: 3,
      fields: { title: 'Planning', start: nineToTen.start, end: nineToTen.end, allDay: false, timeZone: ZONE, location: 'HQ', description: '', rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=4', attendees: [{ name: 'Bo', email: 'bo@example.org' }], alarms: [{ minutesBefore: 0 }, { minutesBefore: 15 }] },
    });
  });
  it('names every problem next to its field', () => {
    const v = validateForm(form({ calendarId: null, endTime: '08:00', timeZone: 'Nowhere/Land', recurrence: { preset: 'custom', custom: 'FREQ=SOMETIMES', ends: { kind: 'never' } }, attendees: [{ name: '', email: 'not-an-address' }], alarms: [50000] }));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(Object.keys(v.errors).sort()).toEqual(['alarms', 'attendees', 'calendar', 'recurrence', 'timeZone']);
    const ends = validateForm(form({ endTime: '08:00' }));
    expect(!ends.ok && ends.errors.end).toBe('The event ends before it starts.');
    const badDate = validateForm(form({ startDate: '2026-02-30' }));
    expect(!badDate.ok && badDate.errors.start).toMatch(/valid start/);
    const until = validateForm(form({ recurrence: { preset: 'daily', custom: '', ends: { kind: 'until', date: '2026-11-01' } } }));
    expect(!until.ok && until.errors.recurrence).toMatch(/before the event first happens/);
  });
  it('reads attendees typed as "Name <address>" or bare', () => {
    expect(parseAttendee('Ann Lee <ann@example.org>')).toEqual({ name: 'Ann Lee', email: 'ann@example.org' });
    expect(parseAttendee('"Lee, Ann" <ann@example.org>')).toEqual({ name: 'Lee, Ann', email: 'ann@example.org' });
    expect(parseAttendee(' bo@example.org ')).toEqual({ name: '', email: 'bo@example.org' });
    expect(parseAttendee('bo at example')).toBeNull();
  });
  it('round-trips a stored event and sends only what changed', () => {
    const f = formFromDetail(detail, ZONE);
    expect(f).toMatchObject({ title: 'Standup', startTime: '09:00', endTime: '09:15', recurrence: { preset: 'weekdays' }, alarms: [10], timeZone: ZONE });
    const before = fieldsOfDetail(detail, ZONE);
    const unchanged = validateForm(f);
    expect(unchanged.ok && changedFields(before, unchanged.fields)).toEqual({});
    const renamed = validateForm({ ...f, title: 'Daily standup' });
    expect(renamed.ok && changedFields(before, renamed.fields)).toEqual({ title: 'Daily standup' });
    const moved = validateForm({ ...f, startTime: '10:00', endTime: '10:15' });
    expect(moved.ok && changedFields(before, moved.fields)).toEqual({ start: Date.UTC(2026, 10, 25, 9), end: Date.UTC(2026, 10, 25, 9, 15) });
  });
  it('labels reminders in plain words', () => {
    expect([0, 10, 60, 120, 1440, 10080].map(alarmLabel)).toEqual(['At the start', '10 minutes before', '1 hour before', '2 hours before', '1 day before', '1 week before']);
  });
});
