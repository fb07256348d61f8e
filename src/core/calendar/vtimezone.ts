import ICAL from 'ical.js';
import { wallClockAt } from './zones';

const DAY_NAMES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function offsetMinutes(epochMs: number, zone: string): number {
  const w = wallClockAt(epochMs, zone);
  return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** Day of month of the nth (or, for -1, last) given weekday (0 = Sunday) in a month. */
function nthWeekdayOf(year: number, month: number, weekday: number, nth: number): number {
  if (nth > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7;
  }
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay();
  return lastDay - ((last - weekday + 7) % 7);
}

/** Finds the instant (to the minute) in (lo, hi] where the zone's offset changes. */
function transitionBetween(lo: number, hi: number, zone: string): number {
  const before = offsetMinutes(lo, zone);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (offsetMinutes(mid, zone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * A VTIMEZONE for an IANA zone, written from the platform's tz data for `year`: one STANDARD
 * and, where the zone has DST, one DAYLIGHT rule (nth or last weekday of the month, the shape
 * every zone with DST uses today). Servers and clients that lack the zone read times right.
 */
export function vtimezoneFor(zone: string, year: number): ICAL.Component {
  const vtz = new ICAL.Component('vtimezone');
  vtz.addPropertyWithValue('tzid', zone);
  const jan = Date.UTC(year, 0, 1);
  const changes: { at: number; from: number; to: number }[] = [];
  for (let m = 0; m < 12; m++) {
    const a = Date.UTC(year, m, 1);
    const b = Date.UTC(year, m + 1, 1);
    if (offsetMinutes(a, zone) !== offsetMinutes(b, zone)) {
      const at = transitionBetween(a, b, zone);
      changes.push({ at, from: offsetMinutes(at - 60_000, zone), to: offsetMinutes(at, zone) });
    }
  }
  if (changes.length === 0) {
    const std = new ICAL.Component('standard');
    const off = ICAL.UtcOffset.fromSeconds(offsetMinutes(jan, zone) * 60);
    std.addPropertyWithValue('dtstart', ICAL.Time.fromDateTimeString('1970-01-01T00:00:00'));
    std.addPropertyWithValue('tzoffsetfrom', off);
    std.addPropertyWithValue('tzoffsetto', off);
    vtz.addSubcomponent(std);
    return vtz;
  }
  for (const c of changes) {
    const comp = new ICAL.Component(c.to > c.from ? 'daylight' : 'standard');
    // DTSTART is the local time of the change, on the clock in force before it.
    const local = new Date(c.at + c.from * 60_000);
    const y = local.getUTCFullYear();
    const mo = local.getUTCMonth() + 1;
    const d = local.getUTCDate();
    const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const nth = d + 7 > daysInMonth ? -1 : Math.ceil(d / 7);
    // The rule starts in 1970 so that it covers every date an event may have (ical.js reads
    // dates before the first DTSTART with no offset change at all).
    const day1970 = nthWeekdayOf(1970, mo, local.getUTCDay(), nth);
    const dtstart = `1970-${pad(mo)}-${pad(day1970)}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00`;
    comp.addPropertyWithValue('dtstart', ICAL.Time.fromDateTimeString(dtstart));
    comp.addPropertyWithValue('rrule', ICAL.Recur.fromString(`FREQ=YEARLY;BYMONTH=${mo};BYDAY=${nth}${DAY_NAMES[local.getUTCDay()]}`));
    comp.addPropertyWithValue('tzoffsetfrom', ICAL.UtcOffset.fromSeconds(c.from * 60));
    comp.addPropertyWithValue('tzoffsetto', ICAL.UtcOffset.fromSeconds(c.to * 60));
    vtz.addSubcomponent(comp);
  }
  return vtz;
}
