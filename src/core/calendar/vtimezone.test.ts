import { expect, it } from 'vitest';
import { ics } from './test-support/ics';
import { instantOf } from './expand';
import { parseCalendar } from './parse';
import { vtimezoneFor } from './vtimezone';
import { ianaWallToEpoch } from './zones';

it('writes VTIMEZONEs that agree with the IANA database all year, both hemispheres and without DST', () => {
  for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo']) {
    const vtz = vtimezoneFor(zone, 2027).toString().split('\r\n').filter(Boolean);
    for (const [month, day, hour] of [[1, 15, 9], [3, 28, 12], [4, 5, 2], [7, 1, 18], [10, 31, 12], [11, 20, 23], [12, 31, 10]]) {
      for (const year of [2026, 2027, 2030]) {
        const wall = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}0000`;
        const cal = parseCalendar(ics('BEGIN:VCALENDAR', 'VERSION:2.0', ...vtz, 'BEGIN:VEVENT', 'UID:x', `DTSTART;TZID=${zone}:${wall}`, 'END:VEVENT', 'END:VCALENDAR'));
        const start = cal.series[0].master?.start;
        expect(start?.zone.kind, zone).toBe('vtimezone');
        const expected = ianaWallToEpoch({ year, month, day, hour, minute: 0, second: 0 }, zone);
        expect(start && instantOf(start, 'UTC'), `${zone} ${wall}`).toBe(expected);
      }
    }
  }
});
