import ICAL from 'ical.js';
import type { Attendee } from '../../shared/api/calendar';
import { normalizePartstat, type ParsedCalendar, type ParsedEvent, type ParsedSeries, type TimeValue } from './model';
import { simpleRuleOf } from './simple-rules';
import { timezoneFromText, timezoneText, type ZoneRef } from './zones';

/**
 * A "series plan": what listing a resource's series needs (times with their zones, durations,
 * RRULE, RDATE/EXDATE, overrides, and the fields an EventInstance shows), stored by the
 * calendar index beside the resource. The first view of a calendar then expands plans with the
 * same expandSeries instead of running ical.js over every raw iCalendar object, which is most
 * of the cost of a cold view.
 *
 * Only series the date-arithmetic fast path expands (no RRULE, or a SimpleRule) get a plan;
 * anything else has none and is read from its raw data as before. The series rebuilt from a
 * plan carry ONLY the listing fields (no description, organizer, alarms, attendee names):
 * they must never serve getEvent or edits.
 */
export const SERIES_PLAN_VERSION = 1;

/** [year, month, day, hour, minute, second, zone]; zone: D all-day, U utc, F floating, I:tzid IANA, V:tzid VTIMEZONE. */
type PlanTime = [number, number, number, number, number, number, string];

interface PlanEvent {
  s: PlanTime;
  d: number;
  r?: PlanTime;
  rr?: string;
  rd?: PlanTime[];
  ex?: PlanTime[];
  t: string;
  l: string;
  st: ParsedEvent['status'];
  tp?: 1;
  /** Attendees as [email, PARTSTAT]: enough for the user's own answer. */
  a?: [string, string][];
}

interface Plan {
  v: number;
  /** VTIMEZONE texts by TZID, for times in a zone the resource defines itself. */
  z: Record<string, string>;
  s: { u: string; m: PlanEvent | null; o: PlanEvent[] }[];
}

class NoPlan extends Error {}

function zoneCode(t: TimeValue, zones: Record<string, string>): string {
  if (t.allDay) return 'D';
  const z = t.zone;
  switch (z.kind) {
    case 'utc': return 'U';
    case 'floating': return 'F';
    case 'iana': return `I:${z.tzid}`;
    case 'vtimezone': {
      const text = timezoneText(z.tz);
      if (text === undefined) throw new NoPlan();
      zones[z.tzid] = text;
      return `V:${z.tzid}`;
    }
  }
}

function planTime(t: TimeValue, zones: Record<string, string>): PlanTime {
  const w = t.wall;
  return [w.year, w.month, w.day, w.hour, w.minute, w.second, zoneCode(t, zones)];
}

function planEvent(ev: ParsedEvent, zones: Record<string, string>): PlanEvent {
  const out: PlanEvent = { s: planTime(ev.start, zones), d: ev.durationMs, t: ev.summary, l: ev.location, st: ev.status };
  if (ev.recurrenceId) out.r = planTime(ev.recurrenceId, zones);
  if (ev.rrule) {
    const rule = ev.rrule.clone();
    rule.until = null;
    if (!simpleRuleOf(rule)) throw new NoPlan();
    out.rr = ev.rrule.toString();
  }
  if (ev.rdates.length > 0) out.rd = ev.rdates.map((x) => planTime(x, zones));
  if (ev.exdates.length > 0) out.ex = ev.exdates.map((x) => planTime(x, zones));
  if (ev.transparent) out.tp = 1;
  if (ev.attendees.length > 0) out.a = ev.attendees.map((a) => [a.email, a.partstat]);
  return out;
}

/** The plan of a parsed resource as JSON, or null when a series needs the full parser to list. */
export function seriesPlanOf(parsed: ParsedCalendar): string | null {
  if (parsed.series.length === 0) return null;
  const zones: Record<string, string> = {};
  try {
    const s = parsed.series.map((x) => ({ u: x.uid, m: x.master ? planEvent(x.master, zones) : null, o: x.overrides.map((o) => planEvent(o, zones)) }));
    const plan: Plan = { v: SERIES_PLAN_VERSION, z: zones, s };
    return JSON.stringify(plan);
  } catch {
    // NoPlan, or anything odd in hostile data: no plan just means "parse the raw data".
    return null;
  }
}

function timeOfPlan(p: PlanTime, zones: Map<string, ICAL.Timezone>): TimeValue {
  const [year, month, day, hour, minute, second, code] = p;
  const wall = { year, month, day, hour, minute, second };
  if (code === 'D') return { wall, allDay: true, zone: { kind: 'floating' } };
  let zone: ZoneRef;
  if (code === 'U') zone = { kind: 'utc' };
  else if (code === 'F') zone = { kind: 'floating' };
  else if (code.startsWith('I:')) zone = { kind: 'iana', tzid: code.slice(2) };
  else if (code.startsWith('V:')) {
    const tzid = code.slice(2);
    const tz = zones.get(tzid);
    if (!tz) throw new Error(`plan names an unknown zone ${tzid}`);
    zone = { kind: 'vtimezone', tzid, tz };
  } else throw new Error(`plan has an unknown zone code ${code}`);
  return { wall, allDay: false, zone };
}

function eventOfPlan(uid: string, p: PlanEvent, zones: Map<string, ICAL.Timezone>): ParsedEvent {
  const attendees: Attendee[] = (p.a ?? []).map(([email, partstat]) => ({ name: '', email, partstat: normalizePartstat(partstat), role: 'REQ-PARTICIPANT' }));
  return {
    uid, recurrenceId: p.r ? timeOfPlan(p.r, zones) : null, start: timeOfPlan(p.s, zones), durationMs: p.d,
    summary: p.t, location: p.l, description: '', status: p.st, transparent: p.tp === 1, sequence: 0,
    organizer: null, attendees, alarms: [],
    rrule: p.rr ? ICAL.Recur.fromString(p.rr) : null,
    rdates: (p.rd ?? []).map((x) => timeOfPlan(x, zones)),
    exdates: (p.ex ?? []).map((x) => timeOfPlan(x, zones)),
  };
}

/** The series of a stored plan (listing fields only), or null when it cannot be read: then parse the raw data. */
export function seriesFromPlan(json: string): ParsedSeries[] | null {
  try {
    const plan = JSON.parse(json) as Plan;
    if (plan.v !== SERIES_PLAN_VERSION || !Array.isArray(plan.s)) return null;
    const zones = new Map<string, ICAL.Timezone>();
    for (const [tzid, text] of Object.entries(plan.z ?? {})) zones.set(tzid, timezoneFromText(text));
    return plan.s.map((x) => ({ uid: x.u, master: x.m ? eventOfPlan(x.u, x.m, zones) : null, overrides: x.o.map((o) => eventOfPlan(x.u, o, zones)) }));
  } catch {
    return null;
  }
}
