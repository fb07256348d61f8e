import type ICAL from 'ical.js';
import type { WallClock } from './zones';

const DAY_MS = 86_400_000;
const WEEKDAYS: Record<string, number> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };

/** A DAILY or WEEKLY rule with at most INTERVAL, BYDAY (plain weekdays), WKST, COUNT: most real series. */
export interface SimpleRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  /** Weekdays (0 = Sunday), or null for every day (DAILY) / DTSTART's weekday (WEEKLY). */
  byDay: Set<number> | null;
  /** MONTHLY: BYDAY entries with their ordinal (0 = every such weekday; -1 = last…). */
  monthlyByDay: { nth: number; dow: number }[] | null;
  /** MONTHLY: BYMONTHDAY (negative = from the end). */
  byMonthDay: number[] | null;
  weekStart: number;
  count: number | null;
}

/** The rule as a SimpleRule, or null when it needs ical.js's general iterator. */
export function simpleRuleOf(rule: ICAL.Recur): SimpleRule | null {
  const freq = rule.freq;
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') return null;
  const parts = rule.parts as Record<string, unknown[] | undefined>;
  const allowed = freq === 'MONTHLY' ? ['BYDAY', 'BYMONTHDAY'] : freq === 'YEARLY' ? [] : ['BYDAY'];
  for (const key of Object.keys(parts)) if (!allowed.includes(key) && (parts[key]?.length ?? 0) > 0) return null;
  let byDay: Set<number> | null = null;
  let monthlyByDay: SimpleRule['monthlyByDay'] = null;
  if (parts.BYDAY && parts.BYDAY.length > 0) {
    byDay = new Set();
    monthlyByDay = [];
    for (const d of parts.BYDAY) {
      const m = typeof d === 'string' ? /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(d) : null;
      if (!m) return null;
      const nth = m[1] ? Number(m[1]) : 0;
      if (nth !== 0 && (freq !== 'MONTHLY' || Math.abs(nth) > 5)) return null; // "1MO" is positional: monthly only
      byDay.add(WEEKDAYS[m[2]]);
      monthlyByDay.push({ nth, dow: WEEKDAYS[m[2]] });
    }
  }
  let byMonthDay: number[] | null = null;
  if (parts.BYMONTHDAY && parts.BYMONTHDAY.length > 0) {
    byMonthDay = parts.BYMONTHDAY.map(Number);
    if (byMonthDay.some((n) => !Number.isInteger(n) || n === 0 || Math.abs(n) > 31)) return null;
  }
  // Both together: ical.js has its own rules for DTSTART there; leave the pair to it.
  if (byMonthDay && monthlyByDay) return null;
  const interval = Math.max(1, rule.interval || 1);
  const weekStart = Math.max(0, (Number(rule.wkst) || 2) - 1); // ical.js: SU = 1 … SA = 7
  return { freq, interval, byDay: freq === 'MONTHLY' ? null : byDay, monthlyByDay: freq === 'MONTHLY' ? monthlyByDay : null, byMonthDay, weekStart, count: rule.count ?? null };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The days of one month a MONTHLY (or plain YEARLY) rule picks, ascending. */
function daysOfMonth(rule: SimpleRule, year: number, month: number, startDayOfMonth: number): number[] {
  const dim = daysInMonth(year, month);
  let days: number[];
  if (rule.monthlyByDay) {
    const firstDow = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    const set = new Set<number>();
    for (const { nth, dow } of rule.monthlyByDay) {
      const first = 1 + ((dow - firstDow + 7) % 7);
      const all: number[] = [];
      for (let d = first; d <= dim; d += 7) all.push(d);
      if (nth === 0) all.forEach((d) => set.add(d));
      else {
        const d = nth > 0 ? all[nth - 1] : all[all.length + nth];
        if (d !== undefined) set.add(d);
      }
    }
    days = [...set];
    if (rule.byMonthDay) {
      const md = new Set(rule.byMonthDay.map((n) => (n > 0 ? n : dim + 1 + n)));
      days = days.filter((d) => md.has(d));
    }
  } else if (rule.byMonthDay) {
    days = [...new Set(rule.byMonthDay.map((n) => (n > 0 ? n : dim + 1 + n)).filter((d) => d >= 1 && d <= dim))];
  } else {
    days = startDayOfMonth <= dim ? [startDayOfMonth] : [];
  }
  return days.sort((a, b) => a - b);
}

/**
 * Wall-clock starts of a simple rule from DTSTART, exactly as ical.js yields them, by
 * date arithmetic: no ICAL.Time per step. `fromDay` (days since epoch) skips ahead when the
 * rule has no COUNT. Calls `visit` until it returns false or `steps` run out; true when cut by `steps`.
 */
export function walkSimpleRule(start: WallClock, rule: SimpleRule, fromDay: number, steps: number, visit: (w: WallClock) => boolean): boolean {
  const startDay = Math.floor(Date.UTC(start.year, start.month - 1, start.day) / DAY_MS);
  const startDow = (startDay + 4) % 7; // 1970-01-01 was a Thursday
  const days = rule.byDay ?? (rule.freq === 'WEEKLY' ? new Set([startDow]) : null);
  const weekOf = (day: number): number => Math.floor((day - ((startDay - ((startDow - rule.weekStart + 7) % 7)))) / 7);
  const at = (day: number): WallClock => {
    const d = new Date(day * DAY_MS);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: start.hour, minute: start.minute, second: start.second };
  };
  if (rule.freq === 'MONTHLY' || rule.freq === 'YEARLY') return walkMonths(start, rule, fromDay, steps, visit);
  // RFC 5545 leaves a DTSTART that does not match the rule undefined; ical.js counts it as an
  // instance for DAILY and skips it for WEEKLY, and so does this (both paths must agree).
  let emitted = 0;
  let day = startDay;
  if (rule.freq === 'DAILY') {
    if (!visit(start)) return false;
    emitted++;
    day++;
  }
  if (rule.count === null && fromDay > day) {
    // Whole periods only, so the INTERVAL phase is kept.
    const period = rule.interval * (rule.freq === 'WEEKLY' ? 7 : 1);
    day += Math.floor((fromDay - day) / period) * period;
  }
  for (let n = 0; n < steps; n++, day++) {
    if (rule.count !== null && emitted >= rule.count) return false;
    const dow = (day + 4) % 7;
    if (days && !days.has(dow)) continue;
    const phase = rule.freq === 'DAILY' ? (day - startDay) % rule.interval : weekOf(day) % rule.interval;
    if (phase !== 0) continue;
    emitted++;
    if (!visit(at(day))) return false;
  }
  return true;
}

/** MONTHLY (and plain YEARLY, every `12 × interval` months): month by month, no ICAL.Time per step. */
function walkMonths(start: WallClock, rule: SimpleRule, fromDay: number, steps: number, visit: (w: WallClock) => boolean): boolean {
  const step = rule.freq === 'YEARLY' ? 12 * rule.interval : rule.interval;
  const startDay = Date.UTC(start.year, start.month - 1, start.day);
  let emitted = 0;
  let monthIndex = 0;
  if (rule.count === null) {
    const from = new Date(fromDay * DAY_MS);
    const monthsAhead = (from.getUTCFullYear() - start.year) * 12 + (from.getUTCMonth() + 1 - start.month) - 1;
    if (monthsAhead > step) monthIndex = Math.floor(monthsAhead / step) * step;
  }
  // Like ical.js, a DTSTART the BY parts do not pick is not an instance.
  for (let n = 0; n < steps; n++, monthIndex += step) {
    const y = start.year + Math.floor((start.month - 1 + monthIndex) / 12);
    const m = ((start.month - 1 + monthIndex) % 12) + 1;
    for (const d of daysOfMonth(rule, y, m, start.day)) {
      if (Date.UTC(y, m - 1, d) < startDay) continue;
      if (rule.count !== null && emitted >= rule.count) return false;
      emitted++;
      if (!visit({ year: y, month: m, day: d, hour: start.hour, minute: start.minute, second: start.second })) return false;
    }
  }
  return true;
}
