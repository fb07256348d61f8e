import { describe, expect, it } from 'vitest';
import type { EventInstance } from '../../../shared/api/calendar';
import { stateClasses, toCalendarEvent } from './fc-mapping';
import { instanceKey, parseInstanceKey, spanForCalendar, spanFromCalendar, timesForScope } from './scope';
import { calendarKeyAction } from './calendar-keys';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('spans between FullCalendar and the API', () => {
  it('turns local all-day dates into UTC midnights and back, never shifting the day', () => {
    const span = spanFromCalendar(new Date(2026, 10, 25), new Date(2026, 10, 27), true);
    expect(span).toEqual({ start: Date.UTC(2026, 10, 25), end: Date.UTC(2026, 10, 27), allDay: true });
    expect(spanForCalendar(span)).toEqual({ start: '2026-11-25', end: '2026-11-27', allDay: true });
    // A dropped all-day event without an end lasts one day.
    expect(spanFromCalendar(new Date(2026, 10, 25), null, true).end).toBe(Date.UTC(2026, 10, 26));
  });
  it('keeps timed instants and gives an end-less drop one hour', () => {
    const start = new Date(2026, 10, 25, 9);
    expect(spanFromCalendar(start, null, false)).toEqual({ start: start.getTime(), end: start.getTime() + HOUR, allDay: false });
  });
  it('keys an occurrence by event and original start', () => {
    expect(parseInstanceKey(instanceKey({ eventId: 4, instanceStart: 1700000000000 }))).toEqual({ eventId: 4, instanceStart: 1700000000000 });
    expect(parseInstanceKey('nope')).toBeNull();
  });
});

describe('times for an edit scope', () => {
  const series = { start: Date.UTC(2026, 0, 5, 9), end: Date.UTC(2026, 0, 5, 10), allDay: false };
  const occurrence = { start: Date.UTC(2026, 10, 25, 9), end: Date.UTC(2026, 10, 25, 10), allDay: false };
  const moved = { start: occurrence.start + 2 * HOUR, end: occurrence.end + 3 * HOUR, allDay: false };
  it('moves only the occurrence for "this" and "following"', () => {
    expect(timesForScope('this', occurrence, moved, series)).toEqual(moved);
    expect(timesForScope('following', occurrence, moved, series)).toEqual(moved);
  });
  it('shifts the whole series by the same amount for "all"', () => {
    expect(timesForScope('all', occurrence, moved, series)).toEqual({ start: series.start + 2 * HOUR, end: series.end + 3 * HOUR, allDay: false });
    const nextDay = { ...occurrence, start: occurrence.start + DAY, end: occurrence.end + DAY };
    expect(timesForScope('all', occurrence, nextDay, series)).toEqual({ start: series.start + DAY, end: series.end + DAY, allDay: false });
  });
  it('turns the series all-day on its own first day', () => {
    const toAllDay = { start: Date.UTC(2026, 10, 25), end: Date.UTC(2026, 10, 26), allDay: true };
    const r = timesForScope('all', occurrence, toAllDay, { start: new Date(2026, 0, 5, 9).getTime(), end: new Date(2026, 0, 5, 10).getTime(), allDay: false });
    expect(r).toEqual({ start: Date.UTC(2026, 0, 5), end: Date.UTC(2026, 0, 6), allDay: true });
  });
});

describe('FullCalendar events', () => {
  const inst: EventInstance = {
    eventId: 9, calendarId: 2, uid: 'u', instanceStart: 1000, title: '', start: Date.UTC(2026, 10, 25, 9), end: Date.UTC(2026, 10, 25, 10), allDay: false,
    floating: false, location: '', recurring: true, status: 'CONFIRMED', myPartstat: 'DECLINED', conflict: true, color: '#123456', syncState: 'pending',
  };
  it('carries state as classes and refuses drags in read-only calendars', () => {
    expect(stateClasses(inst)).toEqual(['pm-event', 'pm-sync-pending', 'pm-overlap', 'pm-declined', 'pm-recurring']);
    expect(toCalendarEvent(inst, true)).toMatchObject({ id: '9:1000', title: '(No title)', editable: false, backgroundColor: '#123456' });
    expect(toCalendarEvent(inst, false).editable).toBe(true);
  });
});

describe('calendar keys', () => {
  const key = (k: string, extra: Partial<Parameters<typeof calendarKeyAction>[0]> = {}) =>
    calendarKeyAction({ key: k, ctrlKey: false, metaKey: false, altKey: false, targetTag: 'div', targetEditable: false, ...extra });
  it('maps the single keys', () => {
    expect(['t', 'j', 'k', 'n', 'p', 'm', 'w', 'd', 'a', 'c', 'Enter', 'Delete'].map((k) => key(k))).toEqual(['today', 'next', 'previous', 'next', 'previous', 'view-month', 'view-week', 'view-day', 'view-agenda', 'new-event', 'open', 'delete']);
    expect(key('x')).toBeNull();
  });
  it('stays out of fields and modified keys', () => {
    expect(key('t', { targetTag: 'input' })).toBeNull();
    expect(key('w', { targetEditable: true })).toBeNull();
    expect(key('t', { ctrlKey: true })).toBeNull();
  });
});
