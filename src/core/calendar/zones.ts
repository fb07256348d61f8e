import ICAL from 'ical.js';

/**
 * How a wall-clock time in an iCalendar object maps to an instant. Times are kept as wall
 * clocks plus one of these, and turned into epoch ms only when a view needs instants, so
 * all-day and floating events stay what they are.
 */
export type ZoneRef =
  | { kind: 'utc' }
  /** No TZID: the same wall-clock time wherever the user is. */
  | { kind: 'floating' }
  /** A VTIMEZONE carried by the resource itself (honoured first: it is what the organizer meant). */
  | { kind: 'vtimezone'; tzid: string; tz: ICAL.Timezone }
  /** An IANA zone without VTIMEZONE (RFC 7809 servers omit them): resolved through Intl. */
  | { kind: 'iana'; tzid: string };

/** A wall-clock date-time: month 1-12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when the platform knows the IANA zone name. */
export function isIanaZone(name: string): boolean {
  if (name.length === 0 || name.length > 100) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's wall clock at an instant (seconds resolution). */
export function wallClockAt(epochMs: number, zone: string): WallClock {
  const parts = formatterFor(zone).formatToParts(new Date(epochMs));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

function utcOfWall(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

// Offsets only change on whole seconds; caching per (zone, hour) makes expanding a year cheap.
const offsetCache = new Map<string, number>();

function ianaOffsetMs(epochMs: number, zone: string): number {
  const hourKey = `${zone}|${Math.floor(epochMs / 3_600_000)}`;
  const cached = offsetCache.get(hourKey);
  if (cached !== undefined) return cached;
  const floored = Math.floor(epochMs / 1000) * 1000;
  const offset = utcOfWall(wallClockAt(floored, zone)) - floored;
  if (offsetCache.size > 50_000) offsetCache.clear();
  offsetCache.set(hourKey, offset);
  return offset;
}

/**
 * The instant of a wall-clock time in an IANA zone. In a gap (spring forward) the time is
 * moved forward by the gap, as RFC 5545 §3.3.5 asks; in an overlap the first instant wins.
 */
export function ianaWallToEpoch(w: WallClock, zone: string): number {
  const guess = utcOfWall(w);
  const o1 = ianaOffsetMs(guess, zone);
  let t = guess - o1;
  const o2 = ianaOffsetMs(t, zone);
  if (o2 !== o1) {
    const t2 = guess - o2;
    // In an overlap both candidates map back to the wall clock: take the earlier.
    t = ianaOffsetMs(t2, zone) === o2 ? Math.min(t, t2) : Math.max(t, t2);
  }
  return t;
}

// Offsets of a VTIMEZONE by wall-clock hour: ical.js's utcOffset costs microseconds per call,
// and expanding a year of series asks it tens of thousands of times for a few hundred hours.
const vtimezoneOffsets = new WeakMap<ICAL.Timezone, Map<number, number>>();

function vtimezoneWallToEpoch(w: WallClock, tz: ICAL.Timezone): number {
  const wallMs = utcOfWall(w);
  let byHour = vtimezoneOffsets.get(tz);
  if (!byHour) {
    byHour = new Map();
    vtimezoneOffsets.set(tz, byHour);
  }
  // Changes happen on whole minutes; only hours that hold one (rare) are keyed by minute.
  const hourKey = Math.floor(wallMs / 3_600_000);
  let offset = byHour.get(hourKey);
  if (offset === undefined) {
    const at = (ms: number): number => {
      const x = wallOfUtc(ms);
      return tz.utcOffset(new ICAL.Time({ ...x, isDate: false }, ICAL.Timezone.localTimezone)) * 1000;
    };
    const startOfHour = hourKey * 3_600_000;
    const a = at(startOfHour);
    const b = at(startOfHour + 3_599_000);
    if (a !== b) return wallMs - at(wallMs);
    offset = a;
    if (byHour.size > 100_000) byHour.clear();
    byHour.set(hourKey, offset);
  }
  return wallMs - offset;
}

/** Instant of a wall-clock time; floating times are read in `floatingZone` (the user's zone). */
export function wallToEpoch(w: WallClock, zone: ZoneRef, floatingZone: string): number {
  switch (zone.kind) {
    case 'utc': return utcOfWall(w);
    case 'vtimezone': return vtimezoneWallToEpoch(w, zone.tz);
    case 'iana': return ianaWallToEpoch(w, zone.tzid);
    case 'floating': return ianaWallToEpoch(w, floatingZone);
  }
}

/** The wall clock of an instant in a zone (for writing DTSTART back in the series' own zone). */
export function epochToWall(epochMs: number, zone: ZoneRef, floatingZone: string): WallClock {
  switch (zone.kind) {
    case 'utc': return wallOfUtc(epochMs);
    case 'iana': return wallClockAt(epochMs, zone.tzid);
    case 'floating': return wallClockAt(epochMs, floatingZone);
    case 'vtimezone': {
      // The zone's offset is defined on wall times: start from UTC's and correct once.
      const offsetOf = (w: WallClock): number => utcOfWall(w) - vtimezoneWallToEpoch(w, zone.tz);
      const first = wallOfUtc(epochMs + offsetOf(wallOfUtc(epochMs)));
      return wallOfUtc(epochMs + offsetOf(first));
    }
  }
}

export function wallOfUtc(epochMs: number): WallClock {
  const d = new Date(epochMs);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

export function wallOfTime(t: ICAL.Time): WallClock {
  return { year: t.year, month: t.month, day: t.day, hour: t.isDate ? 0 : t.hour, minute: t.isDate ? 0 : t.minute, second: t.isDate ? 0 : t.second };
}

const sharedTimezones = new Map<string, ICAL.Timezone>();
// The VTIMEZONE text each shared zone was built from: the calendar index stores it beside a
// series so the series can be expanded later without parsing its whole resource again.
const textOfTimezone = new WeakMap<ICAL.Timezone, string>();

/** The VTIMEZONE text a zone of timezonesOf was built from. */
export function timezoneText(tz: ICAL.Timezone): string | undefined {
  return textOfTimezone.get(tz);
}

/** The shared zone for a VTIMEZONE text (from timezoneText); throws when the text is not one. */
export function timezoneFromText(text: string): ICAL.Timezone {
  let tz = sharedTimezones.get(text);
  if (!tz) {
    const c = ICAL.Component.fromString(text);
    if (c.name !== 'vtimezone') throw new Error('not a VTIMEZONE');
    tz = new ICAL.Timezone(c);
    if (sharedTimezones.size > 500) sharedTimezones.clear();
    sharedTimezones.set(text, tz);
    textOfTimezone.set(tz, text);
  }
  return tz;
}

/** The VTIMEZONEs of one VCALENDAR, by TZID. Kept per resource: two servers may define one TZID differently. */
export function timezonesOf(vcalendar: ICAL.Component): Map<string, ICAL.Timezone> {
  const out = new Map<string, ICAL.Timezone>();
  for (const c of vcalendar.getAllSubcomponents('vtimezone')) {
    const tzid = c.getFirstPropertyValue('tzid');
    if (typeof tzid !== 'string' || tzid === '') continue;
    try {
      // One object per distinct definition, shared by every resource that carries it, so the
      // offset cache above serves them all (servers repeat the same VTIMEZONE in each object).
      const text = c.toString();
      let tz = sharedTimezones.get(text);
      if (!tz) {
        tz = new ICAL.Timezone(c);
        if (sharedTimezones.size > 500) sharedTimezones.clear();
        sharedTimezones.set(text, tz);
        textOfTimezone.set(tz, text);
      }
      out.set(tzid, tz);
    } catch {
      // A broken VTIMEZONE: the TZID falls back to IANA or floating below.
    }
  }
  return out;
}

/** Windows and Outlook spell zones their own way; the common ones map to IANA. */
const WINDOWS_ZONES: Record<string, string> = {
  'W. Europe Standard Time': 'Europe/Berlin', 'Romance Standard Time': 'Europe/Paris', 'GMT Standard Time': 'Europe/London',
  'Central Europe Standard Time': 'Europe/Budapest', 'Eastern Standard Time': 'America/New_York', 'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver', 'Pacific Standard Time': 'America/Los_Angeles', 'UTC': 'UTC', 'Tokyo Standard Time': 'Asia/Tokyo',
};

/**
 * Resolves a property's TZID. Returns the zone and, when the TZID could not be honoured, a
 * warning saying what was done instead (read as floating, i.e. in the user's zone).
 */
export function resolveZone(tzid: string | null, isUtc: boolean, zones: Map<string, ICAL.Timezone>): { zone: ZoneRef; warning?: string } {
  if (isUtc) return { zone: { kind: 'utc' } };
  if (tzid === null || tzid === '') return { zone: { kind: 'floating' } };
  const own = zones.get(tzid);
  if (own) return { zone: { kind: 'vtimezone', tzid, tz: own } };
  const stripped = tzid.replace(/^\/+/, '').replace(/^(?:[^/]+\.(?:org|com)\/)?(?:tzone\.alias\/|olson\/)?/i, '');
  if (isIanaZone(stripped)) return { zone: { kind: 'iana', tzid: stripped } };
  const windows = WINDOWS_ZONES[tzid];
  if (windows) return { zone: { kind: 'iana', tzid: windows } };
  return { zone: { kind: 'floating' }, warning: `Unknown time zone "${tzid.slice(0, 80)}": the time is shown as local time.` };
}
