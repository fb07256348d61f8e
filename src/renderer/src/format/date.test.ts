import { describe, expect, it } from 'vitest';
import { formatFullDate, formatListDate } from './date';

const utc = { locale: 'en-US', timeZone: 'UTC' };
const now = Date.UTC(2025, 2, 10, 15, 30); // Mon Mar 10 2025 15:30 UTC

describe('formatListDate', () => {
  it('shows the time for a message from today', () => {
    expect(formatListDate(Date.UTC(2025, 2, 10, 9, 5), now, utc)).toBe('9:05 AM');
  });
  it('shows month and day for an earlier day this year', () => {
    expect(formatListDate(Date.UTC(2025, 2, 4, 23, 59), now, utc)).toBe('Mar 4');
    expect(formatListDate(Date.UTC(2025, 0, 1, 0, 0), now, utc)).toBe('Jan 1');
  });
  it('shows a full date for older years', () => {
    expect(formatListDate(Date.UTC(2023, 2, 4, 12), now, utc)).toBe('3/4/2023');
  });
  it('decides "today" in the given time zone, not in UTC', () => {
    // "now" is already Mar 11, 00:30 in Tokyo, so 14:00 UTC on Mar 10 was yesterday there.
    const tokyo = { locale: 'en-US', timeZone: 'Asia/Tokyo' };
    expect(formatListDate(Date.UTC(2025, 2, 10, 14, 0), now, tokyo)).toBe('Mar 10');
    expect(formatListDate(Date.UTC(2025, 2, 10, 14, 0), now, utc)).toBe('2:00 PM');
    expect(formatListDate(Date.UTC(2025, 2, 10, 15, 10), now, tokyo)).toBe('12:10 AM');
  });
  it('follows the locale', () => {
    expect(formatListDate(Date.UTC(2025, 2, 4), now, { locale: 'de-DE', timeZone: 'UTC' })).toBe('4. März');
  });
});

describe('formatFullDate', () => {
  it('includes weekday, date and time', () => {
    expect(formatFullDate(Date.UTC(2025, 2, 4, 14, 5), utc)).toBe('Tue, Mar 4, 2025, 2:05 PM');
  });
});
