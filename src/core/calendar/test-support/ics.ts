/** iCalendar fixtures for calendar tests: CRLF-joined lines. */
export function ics(...lines: string[]): string {
  return [...lines, ''].join('\r\n');
}

export const BERLIN_VTIMEZONE = [
  'BEGIN:VTIMEZONE', 'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'TZNAME:CEST', 'DTSTART:19700329T020000', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
  'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'TZNAME:CET', 'DTSTART:19701025T030000', 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
  'END:VTIMEZONE',
];

/**
 * Weekly on Mondays 10:00 Berlin from 2024-03-11 across the DST change of 2024-03-31, one
 * EXDATE (18 March) and the 8 April occurrence moved to 9 April 14:00.
 */
export const WEEKLY_BERLIN = ics(
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...BERLIN_VTIMEZONE,
  'BEGIN:VEVENT', 'UID:weekly-1@test', 'DTSTAMP:20240101T000000Z', 'SUMMARY:Standup',
  'DTSTART;TZID=Europe/Berlin:20240311T100000', 'DTEND;TZID=Europe/Berlin:20240311T103000',
  'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6', 'EXDATE;TZID=Europe/Berlin:20240318T100000', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:weekly-1@test', 'DTSTAMP:20240101T000000Z', 'SUMMARY:Standup (moved)',
  'RECURRENCE-ID;TZID=Europe/Berlin:20240408T100000',
  'DTSTART;TZID=Europe/Berlin:20240409T140000', 'DTEND;TZID=Europe/Berlin:20240409T143000', 'END:VEVENT',
  'END:VCALENDAR',
);
