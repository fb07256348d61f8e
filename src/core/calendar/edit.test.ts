import { describe, expect, it } from 'vitest';
import { deleteEventData, updateEventData } from './edit';
import { expandSeries } from './expand';
import { buildNewEvent } from './fields';
import { parseCalendar } from './parse';
import { WEEKLY_BERLIN } from './test-support/ics';

const ctx = { userZone: 'Europe/Berlin', now: Date.UTC(2024, 5, 1) };
const YEAR: [number, number] = [Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)];
const APR_1 = Date.UTC(2024, 3, 1, 8);
const APR_15 = Date.UTC(2024, 3, 15, 8);

function instances(text: string): [string, string, string][] {
  return parseCalendar(text).series.flatMap((s) => expandSeries(s, ...YEAR, { floatingZone: 'UTC' }).occurrences)
    .map((o) => [new Date(o.instanceStart).toISOString().slice(5, 16), new Date(o.start).toISOString().slice(5, 16), o.event.summary]);
}

describe('edit scopes', () => {
  it('"this event" adds an override for one occurrence only', () => {
    const r = updateEventData(WEEKLY_BERLIN, 'this', APR_1, { title: 'Retro', start: APR_1 + 3_600_000, end: APR_1 + 5_400_000 }, ctx);
    expect(r.newSeries).toBeUndefined();
    expect(r.data).toContain('RECURRENCE-ID;TZID=Europe/Berlin:20240401T100000');
    expect(instances(r.data ?? '')).toEqual([
      ['03-11T09:00', '03-11T09:00', 'Standup'], ['03-25T09:00', '03-25T09:00', 'Standup'], ['04-01T08:00', '04-01T09:00', 'Retro'],
      ['04-08T08:00', '04-09T12:00', 'Standup (moved)'], ['04-15T08:00', '04-15T08:00', 'Standup'],
    ]);
  });

  it('"all events" moves the series and its exceptions with it', () => {
    // Dragging the 1 April occurrence one hour later: the series (first start 11 March 09:00Z) moves one hour.
    const MAR_11 = Date.UTC(2024, 2, 11, 9);
    const r = updateEventData(WEEKLY_BERLIN, 'all', APR_1, { title: 'Daily', start: MAR_11 + 3_600_000, end: MAR_11 + 5_400_000 }, ctx);
    const text = r.data ?? '';
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20240311T110000');
    expect(text).toContain('EXDATE;TZID=Europe/Berlin:20240318T110000');
    expect(instances(text)).toEqual([
      ['03-11T10:00', '03-11T10:00', 'Daily'], ['03-25T10:00', '03-25T10:00', 'Daily'], ['04-01T09:00', '04-01T09:00', 'Daily'],
      // The moved occurrence keeps its own time and title; it still replaces the right instance.
      ['04-08T09:00', '04-09T12:00', 'Standup (moved)'], ['04-15T09:00', '04-15T09:00', 'Daily'],
    ]);
  });

  it('"this and following" ends the old series and starts a new one with a new UID', () => {
    const r = updateEventData(WEEKLY_BERLIN, 'following', APR_1, { title: 'New standup' }, ctx);
    expect(r.newSeries?.uid).toMatch(/^pmsync-[0-9a-f-]{36}$/);
    expect(instances(r.data ?? '')).toEqual([['03-11T09:00', '03-11T09:00', 'Standup'], ['03-25T09:00', '03-25T09:00', 'Standup']]);
    expect(r.data).toMatch(/RRULE:FREQ=WEEKLY;UNTIL=20240401T075959Z;BYDAY=MO|RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20240401T075959Z/);
    // COUNT=6 counted from 11 March: three instances (11, 18, 25 March) were before the split.
    expect(r.newSeries?.data).toContain('COUNT=3');
    expect(instances(r.newSeries?.data ?? '')).toEqual([
      ['04-01T08:00', '04-01T08:00', 'New standup'], ['04-08T08:00', '04-09T12:00', 'Standup (moved)'], ['04-15T08:00', '04-15T08:00', 'New standup'],
    ]);
  });

  it('deletes one occurrence, this and following, or all', () => {
    const one = deleteEventData(WEEKLY_BERLIN, 'this', APR_15, ctx).data ?? '';
    expect(instances(one).map((i) => i[0])).toEqual(['03-11T09:00', '03-25T09:00', '04-01T08:00', '04-08T08:00']);
    const moved = deleteEventData(WEEKLY_BERLIN, 'this', Date.UTC(2024, 3, 8, 8), ctx).data ?? '';
    expect(moved).not.toContain('RECURRENCE-ID');
    expect(instances(moved).map((i) => i[0])).toEqual(['03-11T09:00', '03-25T09:00', '04-01T08:00', '04-15T08:00']);
    const following = deleteEventData(WEEKLY_BERLIN, 'following', APR_1, ctx).data ?? '';
    expect(instances(following).map((i) => i[0])).toEqual(['03-11T09:00', '03-25T09:00']);
    expect(deleteEventData(WEEKLY_BERLIN, 'following', Date.UTC(2024, 2, 11, 9), ctx).data).toBeNull();
    expect(deleteEventData(WEEKLY_BERLIN, 'all', undefined, ctx).data).toBeNull();
  });
});

describe('buildNewEvent', () => {
  it('writes a timed event in the zone given, with its VTIMEZONE, rule, attendees and alarm', () => {
    const { uid, ics } = buildNewEvent({
      title: 'Call', start: Date.UTC(2024, 9, 1, 13), end: Date.UTC(2024, 9, 1, 14), allDay: false, timeZone: 'America/New_York',
      rrule: 'FREQ=WEEKLY;COUNT=6', attendees: [{ name: 'Ann', email: 'ann@example.org' }], alarms: [{ minutesBefore: 10 }],
    }, { userZone: 'Europe/Berlin', now: ctx.now, organizer: { name: 'Me', email: 'me@example.org' } });
    expect(ics).toContain('DTSTART;TZID=America/New_York:20241001T090000');
    expect(ics).toContain('BEGIN:VTIMEZONE');
    const cal = parseCalendar(ics);
    expect(cal.warnings).toEqual([]);
    const m = cal.series[0].master;
    expect(m).toMatchObject({ uid, summary: 'Call', organizer: { email: 'me@example.org' }, alarms: [{ kind: 'relative', offsetMs: -600_000 }] });
    expect(m?.start.zone.kind).toBe('vtimezone');
    // The generated VTIMEZONE carries New York's DST: the 6th week (5 Nov) is at 14:00Z.
    const occ = expandSeries(cal.series[0], ...YEAR, { floatingZone: 'UTC' }).occurrences;
    expect(occ.map((o) => new Date(o.start).toISOString().slice(5, 16))).toEqual(['10-01T13:00', '10-08T13:00', '10-15T13:00', '10-22T13:00', '10-29T13:00', '11-05T14:00']);
  });

  it('writes all-day events as DATE values', () => {
    const { ics } = buildNewEvent({ title: 'Holiday', start: Date.UTC(2024, 11, 25), end: Date.UTC(2024, 11, 26), allDay: true }, { userZone: 'Europe/Berlin', now: ctx.now });
    expect(ics).toContain('DTSTART;VALUE=DATE:20241225');
    expect(ics).toContain('DTEND;VALUE=DATE:20241226');
    expect(ics).not.toContain('VTIMEZONE');
  });
});
