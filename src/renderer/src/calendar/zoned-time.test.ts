import { describe, expect, it } from 'vitest';
import { epochFromWall, isValidTimeZone, localDateToUtcMidnight, parseWall, utcDateString, utcMidnightOf, wallInZone } from './zoned-time';

describe('wall time in a zone', () => {
  it('round-trips an ordinary time in Berlin and New York', () => {
    const ms = Date.UTC(2026, 5, 15, 12, 30); // 14:30 in Berlin (CEST), 08:30 in New York (EDT)
    expect(wallInZone(ms, 'Europe/Berlin')).toEqual({ year: 2026, month: 6, day: 15, hour: 14, minute: 30 });
    expect(wallInZone(ms, 'America/New_York')).toEqual({ year: 2026, month: 6, day: 15, hour: 8, minute: 30 });
    expect(epochFromWall({ year: 2026, month: 6, day: 15, hour: 14, minute: 30 }, 'Europe/Berlin')).toBe(ms);
    expect(epochFromWall({ year: 2026, month: 6, day: 15, hour: 8, minute: 30 }, 'America/New_York')).toBe(ms);
  });
  it('handles the DST gap and overlap the way calendars do', () => {
    // 2026-03-29 02:30 does not exist in Berlin: it becomes 03:30 CEST (01:30 UTC).
    expect(epochFromWall({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 2026-10-25 02:30 happens twice in Berlin: the first (CEST, 00:30 UTC) is taken.
    expect(epochFromWall({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 0, 30));
    // West of UTC too: 2026-03-08 02:30 in New York becomes 03:30 EDT (07:30 UTC).
    expect(epochFromWall({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 7, 30));
    // Across the change the same wall time is a different UTC hour.
    expect(epochFromWall({ year: 2026, month: 10, day: 26, hour: 9, minute: 0 }, 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 26, 8, 0));
  });
  it('reads inputs strictly', () => {
    expect(parseWall('2026-02-29', '10:00')).toBeNull();
    expect(parseWall('2028-02-29', '10:00')).toEqual({ year: 2028, month: 2, day: 29, hour: 10, minute: 0 });
    expect(parseWall('2026-01-01', '24:00')).toBeNull();
    expect(parseWall('', '10:00')).toBeNull();
  });
  it('keeps all-day dates on UTC midnight', () => {
    expect(utcMidnightOf('2026-11-28')).toBe(Date.UTC(2026, 10, 28));
    expect(utcDateString(Date.UTC(2026, 10, 28))).toBe('2026-11-28');
    expect(localDateToUtcMidnight(new Date(2026, 10, 28))).toBe(Date.UTC(2026, 10, 28));
  });
  it('knows real zone names', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone(' ')).toBe(false);
  });
});
