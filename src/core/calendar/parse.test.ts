import { describe, expect, it } from 'vitest';
import { parseCalendar } from './parse';
import { ics } from './test-support/ics';

describe('parseCalendar', () => {
  it('reads people, status, alarms and METHOD', () => {
    const cal = parseCalendar(ics('BEGIN:VCALENDAR', 'VERSION:2.0', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'UID:u1', 'DTSTART:20240101T100000Z', 'DTEND:20240101T110000Z',
      'SUMMARY:Plan', 'LOCATION:Room 1', 'STATUS:TENTATIVE', 'TRANSP:TRANSPARENT', 'SEQUENCE:3',
      'ORGANIZER;CN=Olga:mailto:Olga@Example.org', 'ATTENDEE;CN=Ann;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:ann@example.org', 'ATTENDEE:mailto:bob@example.org',
      'BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-PT15M', 'END:VALARM', 'BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER;VALUE=DATE-TIME:20240101T090000Z', 'END:VALARM',
      'END:VEVENT', 'END:VCALENDAR'));
    expect(cal.method).toBe('REQUEST');
    const ev = cal.series[0].master;
    expect(ev).toMatchObject({
      uid: 'u1', summary: 'Plan', location: 'Room 1', status: 'TENTATIVE', transparent: true, sequence: 3, durationMs: 3_600_000,
      organizer: { name: 'Olga', email: 'olga@example.org' },
      attendees: [
        { name: 'Ann', email: 'ann@example.org', partstat: 'ACCEPTED', role: 'CHAIR' },
        { name: '', email: 'bob@example.org', partstat: 'NEEDS-ACTION', role: 'REQ-PARTICIPANT' },
      ],
      alarms: [{ kind: 'relative', offsetMs: -900_000, related: 'START' }, { kind: 'absolute', at: Date.UTC(2024, 0, 1, 9) }],
    });
  });

  it('falls back to local time for an unknown TZID and says so', () => {
    const cal = parseCalendar(ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:z', 'DTSTART;TZID=Mars/Olympus:20240101T100000', 'END:VEVENT', 'END:VCALENDAR'));
    expect(cal.series[0].master?.start.zone).toEqual({ kind: 'floating' });
    expect(cal.warnings.join(' ')).toMatch(/Unknown time zone "Mars\/Olympus"/);
  });

  it('is inert on hostile or invalid input', () => {
    const inputs = [
      '', 'not ical', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n', 'BEGIN:VCARD\r\nEND:VCARD\r\n',
      ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:x', 'DTSTART:99999999T999999', 'END:VEVENT', 'END:VCALENDAR'),
      ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART:20240101T000000Z', 'END:VEVENT', 'END:VCALENDAR'),
      ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:y', 'DTSTART:20240101T000000Z', 'RRULE:FREQ=NONSENSE;COUNT=-4', 'EXDATE:garbage', 'END:VEVENT', 'END:VCALENDAR'),
      `BEGIN:VCALENDAR\r\n${'X-JUNK:'.padEnd(5 * 1024 * 1024, 'a')}\r\nEND:VCALENDAR\r\n`,
      'BEGIN:VCALENDAR\r\n' + 'BEGIN:X\r\n'.repeat(5000) + 'END:VCALENDAR\r\n',
    ];
    for (const text of inputs) {
      const cal = parseCalendar(text);
      expect(Array.isArray(cal.series)).toBe(true);
      for (const s of cal.series) expect(s.uid).toBeTruthy();
    }
    expect(parseCalendar('not ical').warnings[0]).toMatch(/not valid iCalendar/);
  });
});
