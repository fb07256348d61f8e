import { describe, expect, it } from 'vitest';
import { expandSeries, OPEN_END, seriesBounds } from './expand';
import { parseCalendar } from './parse';
import { ics, WEEKLY_BERLIN } from './test-support/ics';

const iso = (t: number): string => new Date(t).toISOString();
const YEAR_2024: [number, number] = [Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)];

describe('expandSeries', () => {
  it('expands a weekly Berlin series across the DST change with an EXDATE and a moved occurrence', () => {
    const cal = parseCalendar(WEEKLY_BERLIN);
    expect(cal.warnings).toEqual([]);
    const { occurrences } = expandSeries(cal.series[0], ...YEAR_2024, { floatingZone: 'America/New_York' });
    expect(occurrences.map((o) => [iso(o.instanceStart), iso(o.start), o.event.summary])).toEqual([
      ['2024-03-11T09:00:00.000Z', '2024-03-11T09:00:00.000Z', 'Standup'],
      // 18 March is excluded; from 31 March Berlin is UTC+2, so 10:00 is 08:00Z.
      ['2024-03-25T09:00:00.000Z', '2024-03-25T09:00:00.000Z', 'Standup'],
      ['2024-04-01T08:00:00.000Z', '2024-04-01T08:00:00.000Z', 'Standup'],
      ['2024-04-08T08:00:00.000Z', '2024-04-09T12:00:00.000Z', 'Standup (moved)'],
      ['2024-04-15T08:00:00.000Z', '2024-04-15T08:00:00.000Z', 'Standup'],
    ]);
    expect(occurrences.every((o) => o.end - o.start === 30 * 60_000 && o.recurring && !o.allDay && !o.floating)).toBe(true);
  });

  it('honours a TZID without VTIMEZONE through the IANA database (New York DST)', () => {
    const cal = parseCalendar(ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:ny', 'DTSTART;TZID=America/New_York:20240301T090000',
      'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;UNTIL=20240320T000000Z', 'END:VEVENT', 'END:VCALENDAR'));
    const { occurrences } = expandSeries(cal.series[0], ...YEAR_2024, { floatingZone: 'UTC' });
    expect(occurrences.map((o) => iso(o.start))).toEqual(['2024-03-01T14:00:00.000Z', '2024-03-08T14:00:00.000Z', '2024-03-15T13:00:00.000Z']);
  });

  it('keeps all-day events on their date and floating events on the wall clock of the zone asked', () => {
    const cal = parseCalendar(ics('BEGIN:VCALENDAR', 'VERSION:2.0',
      'BEGIN:VEVENT', 'UID:allday', 'DTSTART;VALUE=DATE:20240704', 'DTEND;VALUE=DATE:20240706', 'RRULE:FREQ=YEARLY', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:floating', 'DTSTART:20240705T080000', 'DTEND:20240705T090000', 'END:VEVENT', 'END:VCALENDAR'));
    const [allDay, floating] = cal.series;
    const a = expandSeries(allDay, ...YEAR_2024, { floatingZone: 'Asia/Tokyo' }).occurrences;
    expect(a.map((o) => [iso(o.start), iso(o.end), o.allDay])).toEqual([['2024-07-04T00:00:00.000Z', '2024-07-06T00:00:00.000Z', true]]);
    const inTokyo = expandSeries(floating, ...YEAR_2024, { floatingZone: 'Asia/Tokyo' }).occurrences[0];
    const inBerlin = expandSeries(floating, ...YEAR_2024, { floatingZone: 'Europe/Berlin' }).occurrences[0];
    expect([iso(inTokyo.start), iso(inBerlin.start), inTokyo.floating]).toEqual(['2024-07-04T23:00:00.000Z', '2024-07-05T06:00:00.000Z', true]);
    expect(seriesBounds(allDay).end).toBe(OPEN_END);
  });

  it('adds RDATEs, drops EXDATEs and returns only the window', () => {
    const cal = parseCalendar(ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:d', 'DTSTART:20240101T120000Z', 'DTEND:20240101T130000Z',
      'RRULE:FREQ=DAILY;COUNT=5', 'EXDATE:20240102T120000Z,20240104T120000Z', 'RDATE:20240110T120000Z', 'END:VEVENT', 'END:VCALENDAR'));
    const all = expandSeries(cal.series[0], ...YEAR_2024, { floatingZone: 'UTC' }).occurrences.map((o) => iso(o.start).slice(0, 10));
    expect(all).toEqual(['2024-01-01', '2024-01-03', '2024-01-05', '2024-01-10']);
    const window = expandSeries(cal.series[0], Date.UTC(2024, 0, 3, 12, 30), Date.UTC(2024, 0, 6), { floatingZone: 'UTC' }).occurrences;
    expect(window.map((o) => iso(o.start).slice(0, 10))).toEqual(['2024-01-03', '2024-01-05']);
    expect(seriesBounds(cal.series[0])).toEqual({ start: Date.UTC(2024, 0, 1, 12), end: Date.UTC(2024, 0, 10, 13) });
  });

  it('reaches a window years after an open-ended daily series began, with the same instances as a full walk', () => {
    const cal = parseCalendar(ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:old', 'DTSTART;TZID=Europe/Berlin:20100104T080000',
      'DTEND;TZID=Europe/Berlin:20100104T081500', 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', 'END:VEVENT', 'END:VCALENDAR'));
    const march = expandSeries(cal.series[0], Date.UTC(2024, 2, 1), Date.UTC(2024, 3, 1), { floatingZone: 'UTC' }).occurrences;
    // Fortnightly from 4 Jan 2010: the phase is the same two-week grid.
    const weeksFromStart = (t: number): number => Math.floor((t - Date.UTC(2010, 0, 4)) / (7 * 86_400_000));
    expect(march.length).toBeGreaterThanOrEqual(4);
    expect(march.every((o) => weeksFromStart(o.start) % 2 === 0)).toBe(true);
    expect(march.map((o) => new Date(o.start).getUTCDay()).every((d) => d === 1 || d === 4)).toBe(true);
  });

  it('stops a hostile rule at the cap and flags it', () => {
    const cal = parseCalendar(ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:h', 'DTSTART:20240101T000000Z', 'RRULE:FREQ=SECONDLY', 'END:VEVENT', 'END:VCALENDAR'));
    const r = expandSeries(cal.series[0], ...YEAR_2024, { floatingZone: 'UTC', maxInstances: 100 });
    expect(r.occurrences).toHaveLength(100);
    expect(r.truncated).toBe(true);
  });
});
