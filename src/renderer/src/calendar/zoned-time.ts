/**
 * Wall-clock time in an IANA zone and back, with nothing but Intl (the renderer has no tz
 * database of its own). The event dialog edits dates as the user reads them in the event's
 * zone; the API speaks epoch milliseconds. All-day dates travel as UTC midnight (the contract).
 */

export interface Wall {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The user's zone as the browser knows it. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** True for a zone name Intl understands ("Europe/Berlin", "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** What a clock in `timeZone` shows at `ms`. */
export function wallInZone(ms: number, timeZone: string): Wall {
  const parts = formatterFor(timeZone).formatToParts(ms);
  const get = (t: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === t)?.value ?? '0');
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute') };
}

function wallAsUtc(w: Wall): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
}

/**
 * The instant a clock in `timeZone` shows `wall`. In a DST gap (02:30 on a spring-forward day)
 * the result is the instant one offset later, as calendar apps do; in an overlap, the first.
 */
export function epochFromWall(wall: Wall, timeZone: string): number {
  const target = wallAsUtc(wall);
  const offsetAt = (ms: number) => wallAsUtc(wallInZone(ms, timeZone)) - ms;
  const o1 = offsetAt(target);
  const o2 = offsetAt(target - o1);
  const shows = (ms: number) => wallAsUtc(wallInZone(ms, timeZone)) === target;
  // Offsets change by at most an hour or so at a time: the answers are among these.
  const candidates = [target - o1, target - o2].flatMap((c) => [c, c - 3_600_000]).filter(shows);
  if (candidates.length > 0) return Math.min(...candidates);
  // A gap: the clock jumps over this time; take the instant with the offset from before the jump.
  return target - Math.min(o1, o2);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "2026-03-29" for an <input type="date">. */
export function dateInputValue(w: Pick<Wall, 'year' | 'month' | 'day'>): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** "09:30" for an <input type="time">. */
export function timeInputValue(w: Pick<Wall, 'hour' | 'minute'>): string {
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** Reads date and time inputs back; null when either is not a real date or time. */
export function parseWall(date: string, time: string): Wall | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const wall = { year: Number(d[1]), month: Number(d[2]), day: Number(d[3]), hour: Number(t[1]), minute: Number(t[2]) };
  if (wall.hour > 23 || wall.minute > 59) return null;
  const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  if (check.getUTCFullYear() !== wall.year || check.getUTCMonth() !== wall.month - 1 || check.getUTCDate() !== wall.day) return null;
  return wall;
}

/** UTC midnight of a "YYYY-MM-DD" date (how all-day dates travel), or null. */
export function utcMidnightOf(date: string): number | null {
  const w = parseWall(date, '00:00');
  return w ? Date.UTC(w.year, w.month - 1, w.day) : null;
}

/** "YYYY-MM-DD" of an all-day instant (UTC midnight). */
export function utcDateString(ms: number): string {
  const d = new Date(ms);
  return dateInputValue({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/**
 * FullCalendar (in the local zone) hands all-day dates as local midnights; the API wants UTC
 * midnight of the same calendar date.
 */
export function localDateToUtcMidnight(d: Date): number {
  return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
}

export function addDays(ms: number, days: number): number {
  return ms + days * DAY_MS;
}
