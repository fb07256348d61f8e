import { epochFromWall, wallInZone, dateInputValue, parseWall, type Wall } from './zoned-time';

/** The repeat choices the event dialog offers; anything else is kept as a custom RRULE. */
export const PRESETS = ['none', 'daily', 'weekdays', 'weekly', 'monthly', 'yearly', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export type Ends = { kind: 'never' } | { kind: 'count'; count: number } | { kind: 'until'; date: string };

export interface Recurrence {
  preset: Preset;
  /** The full RRULE when preset is 'custom' (ends are part of it then). */
  custom: string;
  ends: Ends;
}

export const NO_RECURRENCE: Recurrence = { preset: 'none', custom: '', ends: { kind: 'never' } };

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const FREQS = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
const KNOWN_KEYS = new Set(['FREQ', 'UNTIL', 'COUNT', 'INTERVAL', 'BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYDAY', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYMONTH', 'BYSETPOS', 'WKST']);

export function presetLabel(preset: Preset, start: Wall): string {
  const weekday = new Date(Date.UTC(start.year, start.month - 1, start.day)).toLocaleDateString(undefined, { weekday: 'long', timeZone: 'UTC' });
  switch (preset) {
    case 'none': return 'Does not repeat';
    case 'daily': return 'Every day';
    case 'weekdays': return 'Every weekday (Mon–Fri)';
    case 'weekly': return `Every week on ${weekday}`;
    case 'monthly': return `Every month on day ${start.day}`;
    case 'yearly': return 'Every year';
    case 'custom': return 'Custom (RRULE)…';
  }
}

function weekdayOf(start: Wall): string {
  return WEEKDAYS[new Date(Date.UTC(start.year, start.month - 1, start.day)).getUTCDay()]!;
}

/** The preset's rule for an event starting at `start` (without COUNT/UNTIL). */
function presetBase(preset: Exclude<Preset, 'none' | 'custom'>, start: Wall): string {
  switch (preset) {
    case 'daily': return 'FREQ=DAILY';
    case 'weekdays': return 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';
    case 'weekly': return `FREQ=WEEKLY;BYDAY=${weekdayOf(start)}`;
    case 'monthly': return `FREQ=MONTHLY;BYMONTHDAY=${start.day}`;
    case 'yearly': return 'FREQ=YEARLY';
  }
}

function parts(rrule: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of rrule.replace(/^RRULE:/i, '').split(';')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    map.set(part.slice(0, eq === -1 ? part.length : eq).trim().toUpperCase(), eq === -1 ? '' : part.slice(eq + 1).trim().toUpperCase());
  }
  return map;
}

function sameRule(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * The RRULE value (no "RRULE:" prefix) for the dialog's choice, or null for no repetition.
 * UNTIL is inclusive of the whole chosen day: a date for all-day events, else the end of that
 * day in the event's zone, in UTC as RFC 5545 requires when DTSTART has a zone.
 */
export function buildRrule(rec: Recurrence, start: Wall, allDay: boolean, timeZone: string): string | null {
  if (rec.preset === 'none') return null;
  if (rec.preset === 'custom') return rec.custom.trim().replace(/^RRULE:/i, '');
  const base = presetBase(rec.preset, start);
  if (rec.ends.kind === 'count') return `${base};COUNT=${rec.ends.count}`;
  if (rec.ends.kind === 'until') {
    const day = parseWall(rec.ends.date, '23:59');
    if (!day) return base;
    if (allDay) return `${base};UNTIL=${rec.ends.date.replace(/-/g, '')}`;
    return `${base};UNTIL=${utcStamp(epochFromWall(day, timeZone))}`;
  }
  return base;
}

function untilDate(value: string, timeZone: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!m) return null;
  if (!m[4]) return `${m[1]}-${m[2]}-${m[3]}`;
  if (m[7] !== 'Z') return `${m[1]}-${m[2]}-${m[3]}`;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return dateInputValue(wallInZone(ms, timeZone));
}

/** Reads a stored RRULE back into the dialog's choice; what no preset expresses stays custom. */
export function parseRrule(rrule: string | null, start: Wall, timeZone: string): Recurrence {
  if (!rrule || !rrule.trim()) return NO_RECURRENCE;
  const map = parts(rrule);
  const custom: Recurrence = { preset: 'custom', custom: rrule.replace(/^RRULE:/i, ''), ends: { kind: 'never' } };
  let ends: Ends = { kind: 'never' };
  const count = map.get('COUNT');
  const until = map.get('UNTIL');
  if (count !== undefined && until !== undefined) return custom;
  if (count !== undefined) {
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1) return custom;
    ends = { kind: 'count', count: n };
  } else if (until !== undefined) {
    const date = untilDate(until, timeZone);
    if (!date) return custom;
    ends = { kind: 'until', date };
  }
  map.delete('COUNT');
  map.delete('UNTIL');
  if (map.get('INTERVAL') === '1') map.delete('INTERVAL');
  for (const preset of ['daily', 'weekdays', 'weekly', 'monthly', 'yearly'] as const) {
    if (sameRule(map, parts(presetBase(preset, start)))) return { preset, custom: '', ends };
  }
  // A plain weekly rule (no BYDAY) repeats on the start's weekday too.
  if (map.size === 1 && map.get('FREQ') === 'WEEKLY') return { preset: 'weekly', custom: '', ends };
  if (map.size === 1 && map.get('FREQ') === 'MONTHLY') return { preset: 'monthly', custom: '', ends };
  return custom;
}

const BYDAY = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const INT_LIST = /^[+-]?\d{1,3}(,[+-]?\d{1,3})*$/;

/** What is wrong with a hand-written RRULE, in words; null when it looks valid. */
export function rruleProblem(rrule: string): string | null {
  const text = rrule.trim().replace(/^RRULE:/i, '');
  if (!text) return 'Enter a rule, for example FREQ=WEEKLY;BYDAY=MO,WE.';
  const map = new Map<string, string>();
  for (const part of text.split(';')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) return `"${part}" is not KEY=VALUE.`;
    const key = part.slice(0, eq).toUpperCase();
    if (!KNOWN_KEYS.has(key)) return `${key} is not an RRULE part (RFC 5545).`;
    if (map.has(key)) return `${key} appears twice.`;
    map.set(key, part.slice(eq + 1).toUpperCase());
  }
  const freq = map.get('FREQ');
  if (!freq) return 'The rule needs FREQ, for example FREQ=DAILY.';
  if (!FREQS.has(freq)) return `FREQ=${freq} is not a frequency (DAILY, WEEKLY, MONTHLY, YEARLY…).`;
  if (map.has('COUNT') && map.has('UNTIL')) return 'Use COUNT or UNTIL, not both.';
  const count = map.get('COUNT');
  if (count !== undefined && !/^[1-9]\d{0,4}$/.test(count)) return 'COUNT must be a whole number of times, 1 or more.';
  const interval = map.get('INTERVAL');
  if (interval !== undefined && !/^[1-9]\d{0,3}$/.test(interval)) return 'INTERVAL must be a whole number, 1 or more.';
  const until = map.get('UNTIL');
  if (until !== undefined && !/^\d{8}(T\d{6}Z?)?$/.test(until)) return 'UNTIL must look like 20261231 or 20261231T235900Z.';
  const byday = map.get('BYDAY');
  if (byday !== undefined && !byday.split(',').every((d) => BYDAY.test(d))) return 'BYDAY takes days like MO,WE or 1MO, -1FR.';
  for (const key of ['BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'BYYEARDAY', 'BYWEEKNO', 'BYHOUR', 'BYMINUTE', 'BYSECOND']) {
    const v = map.get(key);
    if (v !== undefined && !INT_LIST.test(v)) return `${key} takes numbers separated by commas.`;
  }
  return null;
}
