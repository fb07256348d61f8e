import { describe, expect, it } from 'vitest';
import { seededRandom } from '../store/test-support/fixtures';
import { expandSeries, type Occurrence } from './expand';
import type { ParsedSeries } from './model';
import { parseCalendar } from './parse';
import { seriesFromPlan, seriesPlanOf } from './series-plan';
import { BERLIN_VTIMEZONE, ics, WEEKLY_BERLIN } from './test-support/ics';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'];
const WINDOWS: [number, number][] = [
  [Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1)],
  [Date.UTC(2024, 2, 25), Date.UTC(2024, 3, 8)], // across the European DST change
  [Date.UTC(2024, 9, 1), Date.UTC(2024, 10, 15)], // and the autumn one (both continents)
  [Date.UTC(2027, 10, 1), Date.UTC(2027, 11, 1)],
  [Date.UTC(1990, 0, 1), Date.UTC(2031, 0, 1)],
];

/** Everything a listed EventInstance takes from an occurrence. */
function listed(o: Occurrence, mine: string): unknown[] {
  const me = o.event.attendees.find((a) => a.email === mine)?.partstat ?? null;
  return [o.uid, o.instanceStart, o.start, o.end, o.allDay, o.floating, o.recurring, o.event.summary, o.event.location, o.event.status, o.event.transparent, me];
}

function expandAll(series: ParsedSeries[], from: number, to: number, zone: string): unknown[][] {
  return series.flatMap((s) => {
    const r = expandSeries(s, from, to, { floatingZone: zone });
    return [[r.truncated], ...r.occurrences.map((o) => listed(o, 'me@example.test'))];
  });
}

/** The plan path (stored JSON → series) lists exactly what the full parse lists. */
function expectSameListing(data: string, label: string): void {
  const parsed = parseCalendar(data);
  const plan = seriesPlanOf(parsed);
  expect(plan, `${label}: expected a plan`).not.toBeNull();
  const fromPlan = seriesFromPlan(plan ?? '');
  expect(fromPlan, `${label}: plan unreadable`).not.toBeNull();
  for (const zone of ZONES) {
    for (const [from, to] of WINDOWS) {
      expect(expandAll(fromPlan ?? [], from, to, zone), `${label} in ${zone} ${new Date(from).toISOString()}`).toEqual(expandAll(parsed.series, from, to, zone));
    }
  }
}

const CORPUS: Record<string, string> = {
  'weekly Berlin, DST, EXDATE, moved occurrence': WEEKLY_BERLIN,
  'IANA zone without VTIMEZONE, UNTIL': ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:ny', 'DTSTART;TZID=America/New_York:20240301T090000',
    'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;UNTIL=20241120T000000Z', 'END:VEVENT', 'END:VCALENDAR'),
  'all-day yearly and a floating single event': ics('BEGIN:VCALENDAR', 'VERSION:2.0',
    'BEGIN:VEVENT', 'UID:allday', 'DTSTART;VALUE=DATE:20240704', 'DTEND;VALUE=DATE:20240706', 'RRULE:FREQ=YEARLY', 'END:VEVENT',
    'BEGIN:VEVENT', 'UID:floating', 'DTSTART:20240705T080000', 'DTEND:20240705T090000', 'END:VEVENT', 'END:VCALENDAR'),
  'RDATE and EXDATE lists (UTC)': ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:d', 'DTSTART:20240101T120000Z', 'DTEND:20240101T130000Z',
    'RRULE:FREQ=DAILY;COUNT=5', 'EXDATE:20240102T120000Z,20240104T120000Z', 'RDATE:20240110T120000Z', 'END:VEVENT', 'END:VCALENDAR'),
  'floating daily series with a floating override': ics('BEGIN:VCALENDAR', 'VERSION:2.0',
    'BEGIN:VEVENT', 'UID:fl', 'DTSTART:20240325T090000', 'DURATION:PT45M', 'RRULE:FREQ=DAILY;INTERVAL=2;UNTIL=20241231T235959', 'EXDATE:20240331T090000', 'END:VEVENT',
    'BEGIN:VEVENT', 'UID:fl', 'RECURRENCE-ID:20240402T090000', 'DTSTART:20240402T170000', 'DURATION:PT2H', 'SUMMARY:Late', 'END:VEVENT', 'END:VCALENDAR'),
  'all-day weekly with an all-day override, date UNTIL': ics('BEGIN:VCALENDAR', 'VERSION:2.0',
    'BEGIN:VEVENT', 'UID:ad', 'DTSTART;VALUE=DATE:20240304', 'RRULE:FREQ=WEEKLY;BYDAY=MO,FR;UNTIL=20241028', 'EXDATE;VALUE=DATE:20240308', 'SUMMARY:Gym', 'END:VEVENT',
    'BEGIN:VEVENT', 'UID:ad', 'RECURRENCE-ID;VALUE=DATE:20240311', 'DTSTART;VALUE=DATE:20240312', 'SUMMARY:Gym (Tue)', 'END:VEVENT', 'END:VCALENDAR'),
  'attendees, status, transparency, an orphan override': ics('BEGIN:VCALENDAR', 'VERSION:2.0', ...BERLIN_VTIMEZONE,
    'BEGIN:VEVENT', 'UID:meet', 'DTSTART;TZID=Europe/Berlin:20240102T150000', 'DTEND;TZID=Europe/Berlin:20240102T160000', 'RRULE:FREQ=MONTHLY;BYDAY=1TU,-1FR',
    'SUMMARY:Review', 'LOCATION:Room\\, 3', 'STATUS:TENTATIVE', 'TRANSP:TRANSPARENT',
    'ATTENDEE;PARTSTAT=DECLINED:mailto:Me@Example.test', 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:other@example.test', 'END:VEVENT',
    'BEGIN:VEVENT', 'UID:orphan', 'RECURRENCE-ID;TZID=Europe/Berlin:20240610T100000', 'DTSTART;TZID=Europe/Berlin:20240611T100000', 'DURATION:PT1H',
    'STATUS:CANCELLED', 'END:VEVENT', 'END:VCALENDAR'),
  'monthly BYMONTHDAY in New York with RDATE in another zone': ics('BEGIN:VCALENDAR', 'VERSION:2.0',
    'BEGIN:VEVENT', 'UID:bill', 'DTSTART;TZID=America/New_York:20240131T020000', 'DURATION:PT30M', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=-1,15;COUNT=30',
    'RDATE;TZID=Europe/Berlin:20240320T020000', 'END:VEVENT', 'END:VCALENDAR'),
};

describe('series plans', () => {
  for (const [label, data] of Object.entries(CORPUS)) {
    it(`lists the same occurrences as the full parse: ${label}`, () => expectSameListing(data, label));
  }

  it('lists the same occurrences for random simple rules, zones, EXDATEs and overrides', () => {
    const random = seededRandom(45);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const pad = (n: number): string => String(n).padStart(2, '0');
    const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
    for (let i = 0; i < 150; i++) {
      const allDay = random() < 0.2;
      const zone = pick(['berlin', 'ny', 'utc', 'floating'] as const);
      const y = 2022 + Math.floor(random() * 4);
      const mo = 1 + Math.floor(random() * 12);
      const d = 1 + Math.floor(random() * 28);
      const h = Math.floor(random() * 24);
      const date = (dd: number): string => `${y}${pad(mo)}${pad(dd)}`;
      const stamp = (dd: number, hh: number): string => `${date(dd)}T${pad(hh)}${pad(30 * Math.floor(random() * 2))}00`;
      const prop = (name: string, dd: number, hh: number): string => {
        if (allDay) return `${name};VALUE=DATE:${date(dd)}`;
        if (zone === 'berlin') return `${name};TZID=Europe/Berlin:${stamp(dd, hh)}`;
        if (zone === 'ny') return `${name};TZID=America/New_York:${stamp(dd, hh)}`;
        return `${name}:${stamp(dd, hh)}${zone === 'utc' ? 'Z' : ''}`;
      };
      const freq = pick(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
      const parts = [`FREQ=${freq}`, `INTERVAL=${1 + Math.floor(random() * 3)}`];
      if ((freq === 'DAILY' || freq === 'WEEKLY') && random() < 0.6) parts.push(`BYDAY=${days.filter(() => random() < 0.4).join(',') || 'WE'}`);
      if (freq === 'MONTHLY' && random() < 0.5) parts.push(random() < 0.5 ? `BYDAY=${pick(['1', '2', '-1', ''])}${pick(days)}` : `BYMONTHDAY=${pick([1, 13, 31, -1])}`);
      if (freq === 'WEEKLY' && random() < 0.3) parts.push(`WKST=${pick(days)}`);
      const end = random();
      if (end < 0.3) parts.push(`COUNT=${1 + Math.floor(random() * 60)}`);
      else if (end < 0.6) parts.push(allDay ? `UNTIL=${y + 1}${pad(mo)}01` : `UNTIL=${y + 1}${pad(mo)}01T000000Z`);
      const lines = ['BEGIN:VEVENT', `UID:r${i}`, prop('DTSTART', d, h), allDay ? 'DURATION:P1D' : `DURATION:PT${15 * (1 + Math.floor(random() * 8))}M`,
        `RRULE:${parts.join(';')}`, `SUMMARY:Random ${i}`];
      for (let k = 0; k < Math.floor(random() * 3); k++) lines.push(prop('EXDATE', Math.min(28, d + 1 + k), h));
      if (random() < 0.3) lines.push(prop('RDATE', Math.max(1, d - 1), (h + 3) % 24));
      lines.push('END:VEVENT');
      if (random() < 0.5) lines.push('BEGIN:VEVENT', `UID:r${i}`, prop('RECURRENCE-ID', d, h), prop('DTSTART', Math.min(28, d + 1), (h + 2) % 24),
        'DURATION:PT1H', `SUMMARY:Moved ${i}`, 'END:VEVENT');
      const data = ics('BEGIN:VCALENDAR', 'VERSION:2.0', ...(zone === 'berlin' ? BERLIN_VTIMEZONE : []), ...lines, 'END:VCALENDAR');
      expectSameListing(data, `random ${i}: ${parts.join(';')} ${zone}${allDay ? ' all-day' : ''}`);
    }
  });

  it('gives no plan where the fast path cannot list the series, so they are parsed as before', () => {
    for (const rule of ['FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR', 'FREQ=HOURLY;COUNT=3']) {
      const data = ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:c', 'DTSTART:20240101T100000Z', `RRULE:${rule}`, 'END:VEVENT', 'END:VCALENDAR');
      expect(seriesPlanOf(parseCalendar(data)), rule).toBeNull();
    }
    expect(seriesPlanOf(parseCalendar('garbage'))).toBeNull();
  });

  it('reads no series from a plan it does not understand (older or newer format, damaged text)', () => {
    const plan = seriesPlanOf(parseCalendar(WEEKLY_BERLIN)) ?? '';
    expect(seriesFromPlan(plan.replace('"v":1', '"v":99'))).toBeNull();
    expect(seriesFromPlan(plan.slice(0, 40))).toBeNull();
    expect(seriesFromPlan(plan.replace('"V:Europe/Berlin"', '"V:Nowhere/Else"'))).toBeNull();
  });
});
