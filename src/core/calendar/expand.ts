import ICAL from 'ical.js';
import type { ParsedEvent, ParsedSeries, TimeValue } from './model';
import { simpleRuleOf, walkSimpleRule } from './simple-rules';
import { wallToEpoch, type WallClock } from './zones';

/** One occurrence of a series in a window. */
export interface Occurrence {
  uid: string;
  /** Original start (the RECURRENCE-ID); equals `start` unless an override moved it. */
  instanceStart: number;
  start: number;
  end: number;
  allDay: boolean;
  floating: boolean;
  recurring: boolean;
  /** The VEVENT whose fields this occurrence shows: the master or its override. */
  event: ParsedEvent;
}

export interface ExpandOptions {
  /** IANA zone floating times are read in (the user's zone). */
  floatingZone: string;
  /** Hard cap of occurrences returned per series (default 3000). */
  maxInstances?: number;
}

/** Rule steps walked per series and call, at most: a hostile RRULE (FREQ=SECONDLY…) stops here. */
export const MAX_RULE_STEPS = 20_000;
const DEFAULT_MAX_INSTANCES = 3000;
const DAY_MS = 86_400_000;
/** An open-ended series ends here for indexing (year 9999). */
export const OPEN_END = Date.UTC(9999, 11, 31);
/** Floating times move with the user's zone: bounds are widened by the largest UTC offset. */
const FLOATING_SLACK_MS = 14 * 3_600_000;

/** The instant of a value: all-day → UTC midnight of its date (the API's convention). */
export function instantOf(t: TimeValue, floatingZone: string): number {
  if (t.allDay) return Date.UTC(t.wall.year, t.wall.month - 1, t.wall.day);
  return wallToEpoch(t.wall, t.zone, floatingZone);
}

function occurrenceOf(ev: ParsedEvent, instanceStart: number, start: number, recurring: boolean): Occurrence {
  return {
    uid: ev.uid, instanceStart, start, end: start + ev.durationMs, allDay: ev.start.allDay,
    floating: !ev.start.allDay && ev.start.zone.kind === 'floating', recurring, event: ev,
  };
}

function overlaps(start: number, end: number, from: number, to: number): boolean {
  return end > start ? start < to && end > from : start >= from && start < to;
}

export function isRecurring(master: ParsedEvent): boolean {
  return master.rrule !== null || master.rdates.length > 0;
}

/**
 * Occurrences of a series overlapping [from, to), sorted by start: RRULE and RDATE instances
 * minus EXDATEs, with RECURRENCE-ID overrides in place of the instances they replace (and
 * wherever they were moved to). Returns `truncated` when a cap cut the expansion short.
 */
export function expandSeries(series: ParsedSeries, from: number, to: number, options: ExpandOptions): { occurrences: Occurrence[]; truncated: boolean } {
  const { floatingZone } = options;
  const maxInstances = options.maxInstances ?? DEFAULT_MAX_INSTANCES;
  const out: Occurrence[] = [];
  const master = series.master;
  const recurring = master !== null && (isRecurring(master) || series.overrides.length > 0);
  const overridden = new Set<number>();
  for (const ov of series.overrides) {
    if (!ov.recurrenceId) continue;
    const rid = instantOf(ov.recurrenceId, floatingZone);
    overridden.add(rid);
    const start = instantOf(ov.start, floatingZone);
    if (overlaps(start, start + ov.durationMs, from, to)) out.push(occurrenceOf(ov, rid, start, true));
  }
  let truncated = false;
  if (master) {
    const excluded = new Set(master.exdates.map((x) => instantOf(x, floatingZone)));
    const emit = (start: number): boolean => {
      if (excluded.has(start) || overridden.has(start)) return true;
      if (!overlaps(start, start + master.durationMs, from, to)) return true;
      if (out.length >= maxInstances) { truncated = true; return false; }
      out.push(occurrenceOf(master, start, start, recurring));
      return true;
    };
    if (!isRecurring(master)) {
      emit(instantOf(master.start, floatingZone));
    } else {
      const seen = new Set<number>();
      const once = (start: number): boolean => {
        if (seen.has(start)) return true;
        seen.add(start);
        return emit(start);
      };
      truncated = walkRule(master, from - master.durationMs, to, floatingZone, once) || truncated;
      for (const r of master.rdates) once(instantOf(r, floatingZone));
    }
  }
  out.sort((a, b) => a.start - b.start || a.instanceStart - b.instanceStart);
  return { occurrences: out, truncated };
}

const FAST_FORWARD_DAYS: Record<string, number> = { DAILY: 1, WEEKLY: 7 };

function floatingTime(w: WallClock, isDate: boolean): ICAL.Time {
  return new ICAL.Time({ year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second, isDate }, ICAL.Timezone.localTimezone);
}

/**
 * Starts the rule later than DTSTART when that cannot change the result: no COUNT (which
 * counts from DTSTART) and a fixed period (DAILY/WEEKLY), moved by whole INTERVALs so every
 * BYxxx part keeps its phase. The moved start itself lies before the window, so an instance
 * that only exists because it is DTSTART is never shown twice or wrongly.
 */
function fastForwardStart(master: ParsedEvent, rule: ICAL.Recur, notBefore: number): WallClock {
  const w = master.start.wall;
  const periodDays = FAST_FORWARD_DAYS[rule.freq];
  if (!periodDays || rule.count) return w;
  const stepDays = periodDays * Math.max(1, rule.interval || 1);
  const startDay = Date.UTC(w.year, w.month - 1, w.day);
  // Two days of margin cover any zone offset between the wall date and the instant.
  const gapDays = Math.floor((notBefore - startDay) / DAY_MS) - 2;
  if (gapDays < stepDays) return w;
  const moved = new Date(startDay + Math.floor(gapDays / stepDays) * stepDays * DAY_MS);
  return { ...w, year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** The instant after which the rule stops (UNTIL), checked here so that zones never confuse ical.js. */
function untilInstant(rule: ICAL.Recur, master: ParsedEvent, floatingZone: string): number {
  const until = rule.until;
  if (!until) return Infinity;
  if (until.isDate) return Date.UTC(until.year, until.month - 1, until.day) + (master.start.allDay ? 0 : DAY_MS - 1);
  const utc = until.zone === ICAL.Timezone.utcTimezone || (until as unknown as { timezone?: string }).timezone === 'Z';
  const w = { year: until.year, month: until.month, day: until.day, hour: until.hour, minute: until.minute, second: until.second };
  return utc ? Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) : wallToEpoch(w, master.start.zone, floatingZone);
}

/** Calls `visit` with each RRULE instant (DTSTART first) until past `to`; true when the step cap was hit. */
export function walkRule(master: ParsedEvent, notBefore: number, to: number, floatingZone: string, visit: (start: number) => boolean): boolean {
  const tz = master.start;
  if (!master.rrule) {
    visit(instantOf(tz, floatingZone));
    return false;
  }
  const rule = master.rrule.clone();
  const until = untilInstant(rule, master, floatingZone);
  rule.until = null;
  const simple = simpleRuleOf(rule);
  if (simple) {
    // Most series: plain date arithmetic, an order of magnitude faster than ical.js's iterator.
    let stopped = false;
    const cut = walkSimpleRule(tz.wall, simple, Math.floor(notBefore / DAY_MS) - 2, MAX_RULE_STEPS, (w) => {
      if (Date.UTC(w.year, w.month - 1, w.day + 2) + master.durationMs < notBefore) return true;
      const start = instantOf({ wall: w, allDay: tz.allDay, zone: tz.zone }, floatingZone);
      if (start > until || start >= to) { stopped = true; return false; }
      return visit(start);
    });
    return cut && !stopped;
  }
  const first = fastForwardStart(master, rule, notBefore);
  const startsAtDtstart = first === tz.wall;
  let iterator: ICAL.RecurIterator;
  try {
    iterator = rule.iterator(floatingTime(first, tz.allDay));
  } catch {
    visit(instantOf(tz, floatingZone));
    return false;
  }
  if (!startsAtDtstart) visit(instantOf(tz, floatingZone)); // DTSTART is always an instance (RFC 5545 §3.8.5.3)
  for (let steps = 0; steps < MAX_RULE_STEPS; steps++) {
    let next: ICAL.Time | null;
    try {
      next = iterator.next();
    } catch {
      return false;
    }
    if (!next) return false;
    // Clearly before the window (wall clock, with a day to spare for any zone): no instant needed.
    if (Date.UTC(next.year, next.month - 1, next.day + 2) + master.durationMs < notBefore) continue;
    const start = instantOf({ wall: { year: next.year, month: next.month, day: next.day, hour: next.hour, minute: next.minute, second: next.second }, allDay: tz.allDay, zone: tz.zone }, floatingZone);
    if (start > until || start >= to) return false;
    if (!visit(start)) return false;
  }
  return true;
}

/**
 * The span a series can occupy, for the index: its first start and last end, or OPEN_END for
 * a rule without COUNT or UNTIL. Floating series are widened by ±14 h (the user's zone is not
 * known when indexing).
 */
export function seriesBounds(series: ParsedSeries): { start: number; end: number } {
  const zone = 'UTC';
  let start = Infinity;
  let end = -Infinity;
  const add = (s: number, e: number): void => { start = Math.min(start, s); end = Math.max(end, e); };
  let floating = false;
  const events = series.master ? [series.master, ...series.overrides] : series.overrides;
  for (const ev of events) {
    if (!ev.start.allDay && ev.start.zone.kind === 'floating') floating = true;
    const s = instantOf(ev.start, zone);
    add(s, s + ev.durationMs);
  }
  const m = series.master;
  if (m && isRecurring(m)) {
    for (const r of m.rdates) { const s = instantOf(r, zone); add(s, s + m.durationMs); }
    if (m.rrule && !m.rrule.count && !m.rrule.until) end = OPEN_END;
    else if (m.rrule?.until) end = Math.max(end, untilInstant(m.rrule, m, zone) + m.durationMs + DAY_MS);
    else if (m.rrule?.count) {
      let last = start;
      walkRule(m, -Infinity, OPEN_END, zone, (s) => { last = Math.max(last, s); return true; });
      end = Math.max(end, last + m.durationMs);
    }
  }
  if (!Number.isFinite(start)) return { start: 0, end: 0 };
  return floating ? { start: start - FLOATING_SLACK_MS, end: end === OPEN_END ? end : end + FLOATING_SLACK_MS } : { start, end };
}
