import ICAL from 'ical.js';
import type { Attendee } from '../../shared/api/calendar';
import {
  emailOfCalAddress, normalizePartstat, type AlarmSpec, type ParsedCalendar, type ParsedEvent, type ParsedSeries, type Person, type TimeValue,
} from './model';
import { resolveZone, timezonesOf, wallOfTime, wallToEpoch } from './zones';

/** Bigger than any real calendar object; a hostile one stops here instead of eating memory. */
export const MAX_ICS_BYTES = 4 * 1024 * 1024;
const MAX_EVENTS = 2000;
const MAX_LIST = 1000;
const DAY_MS = 86_400_000;

type Warn = (w: string) => void;

/** Reads a VCALENDAR text; never throws (hostile or invalid input gives no series and a warning). */
export function parseCalendar(text: string): ParsedCalendar {
  const warnings: string[] = [];
  const root = parseComponent(text, warnings);
  if (!root) return { method: null, series: [], warnings };
  const zones = timezonesOf(root);
  const warn: Warn = (w) => { if (!warnings.includes(w) && warnings.length < 50) warnings.push(w); };
  const byUid = new Map<string, ParsedSeries>();
  for (const vevent of root.getAllSubcomponents('vevent').slice(0, MAX_EVENTS)) {
    let ev: ParsedEvent | null = null;
    try {
      ev = readEvent(vevent, zones, warn);
    } catch (err) {
      warn(`An event could not be read (${err instanceof Error ? err.message.slice(0, 100) : 'invalid'}); it was skipped.`);
    }
    if (!ev) continue;
    const series = byUid.get(ev.uid) ?? { uid: ev.uid, master: null, overrides: [] };
    byUid.set(ev.uid, series);
    if (ev.recurrenceId) series.overrides.push(ev);
    else if (!series.master) series.master = ev;
    else warn(`Two events share the UID "${ev.uid.slice(0, 80)}"; the second was ignored.`);
  }
  const method = root.getFirstPropertyValue('method');
  return { method: typeof method === 'string' ? method.toUpperCase() : null, series: [...byUid.values()], warnings };
}

/** The VCALENDAR component, or null (with a warning) when the text is not iCalendar. */
export function parseComponent(text: string, warnings: string[] = []): ICAL.Component | null {
  if (text.length > MAX_ICS_BYTES) {
    warnings.push('The calendar data is too large to read.');
    return null;
  }
  try {
    const root = new ICAL.Component(ICAL.parse(text) as unknown[]);
    if (root.name !== 'vcalendar') {
      warnings.push('The data is not a VCALENDAR.');
      return null;
    }
    return root;
  } catch (err) {
    warnings.push(`The calendar data is not valid iCalendar (${err instanceof Error ? err.message.slice(0, 100) : 'parse error'}).`);
    return null;
  }
}

/** A DTSTART-like property as a TimeValue. */
export function timeOf(prop: ICAL.Property | null, zones: Map<string, ICAL.Timezone>, warn: Warn): TimeValue | null {
  if (!prop) return null;
  const value = prop.getFirstValue();
  if (!(value instanceof ICAL.Time)) return null;
  return timeValueOf(value, prop.getParameter('tzid'), zones, warn);
}

function timeValueOf(value: ICAL.Time, tzidParam: unknown, zones: Map<string, ICAL.Timezone>, warn: Warn): TimeValue | null {
  if (!Number.isFinite(value.year) || value.year < 1 || value.year > 9999) return null;
  if (value.isDate) return { wall: wallOfTime(value), allDay: true, zone: { kind: 'floating' } };
  const isUtc = value.zone === ICAL.Timezone.utcTimezone || (value as unknown as { timezone?: string }).timezone === 'Z';
  const tzid = typeof tzidParam === 'string' ? tzidParam : null;
  const { zone, warning } = resolveZone(tzid, isUtc, zones);
  if (warning) warn(warning);
  return { wall: wallOfTime(value), allDay: false, zone };
}

/** Every value of every EXDATE/RDATE property (each may list several). */
function timeList(comp: ICAL.Component, name: string, zones: Map<string, ICAL.Timezone>, warn: Warn): TimeValue[] {
  const out: TimeValue[] = [];
  for (const prop of comp.getAllProperties(name)) {
    const tzid = prop.getParameter('tzid');
    for (const v of prop.getValues()) {
      if (out.length >= MAX_LIST) return out;
      const t = v instanceof ICAL.Time ? v : v instanceof ICAL.Period ? v.start : null;
      const tv = t ? timeValueOf(t, tzid, zones, warn) : null;
      if (tv) out.push(tv);
    }
  }
  return out;
}

function text(comp: ICAL.Component, name: string, max = 100_000): string {
  const v = comp.getFirstPropertyValue(name);
  return typeof v === 'string' ? v.slice(0, max) : '';
}

function person(prop: ICAL.Property | null): Person | null {
  if (!prop) return null;
  const email = emailOfCalAddress(prop.getFirstValue());
  if (!email) return null;
  const cn = prop.getParameter('cn');
  return { name: typeof cn === 'string' ? cn.slice(0, 200) : '', email };
}

function attendeesOf(comp: ICAL.Component): Attendee[] {
  const out: Attendee[] = [];
  for (const prop of comp.getAllProperties('attendee').slice(0, MAX_LIST)) {
    const p = person(prop);
    if (!p) continue;
    const role = String(prop.getParameter('role') ?? 'REQ-PARTICIPANT').toUpperCase();
    out.push({
      ...p,
      partstat: normalizePartstat(prop.getParameter('partstat')),
      role: role === 'OPT-PARTICIPANT' || role === 'NON-PARTICIPANT' || role === 'CHAIR' ? role : 'REQ-PARTICIPANT',
    });
  }
  return out;
}

function alarmsOf(comp: ICAL.Component, zones: Map<string, ICAL.Timezone>, warn: Warn): AlarmSpec[] {
  const out: AlarmSpec[] = [];
  for (const valarm of comp.getAllSubcomponents('valarm').slice(0, 20)) {
    const trigger = valarm.getFirstProperty('trigger');
    const value = trigger?.getFirstValue();
    if (value instanceof ICAL.Duration) {
      const related = String(trigger?.getParameter('related') ?? 'START').toUpperCase() === 'END' ? 'END' : 'START';
      out.push({ kind: 'relative', offsetMs: value.toSeconds() * 1000, related });
    } else if (value instanceof ICAL.Time) {
      const tv = timeValueOf(value, null, zones, warn);
      if (tv) out.push({ kind: 'absolute', at: wallToEpoch(tv.wall, tv.zone, 'UTC') });
    }
  }
  return out;
}

function statusOf(comp: ICAL.Component): ParsedEvent['status'] {
  const s = text(comp, 'status').toUpperCase();
  return s === 'TENTATIVE' || s === 'CANCELLED' ? s : 'CONFIRMED';
}

/** Length of the event: DTEND, else DURATION, else RFC 5545's defaults (a day for DATE, zero otherwise). */
function durationOf(comp: ICAL.Component, start: TimeValue, zones: Map<string, ICAL.Timezone>, warn: Warn): number {
  const end = timeOf(comp.getFirstProperty('dtend'), zones, warn);
  if (end) {
    const ms = start.allDay
      ? Date.UTC(end.wall.year, end.wall.month - 1, end.wall.day) - Date.UTC(start.wall.year, start.wall.month - 1, start.wall.day)
      // Floating start and end are read in one zone, so UTC gives their wall-clock difference.
      : wallToEpoch(end.wall, end.zone, 'UTC') - wallToEpoch(start.wall, start.zone, 'UTC');
    if (ms > 0) return ms;
    if (ms < 0) warn('An event ends before it starts; it is shown with no length.');
    return start.allDay ? DAY_MS : 0;
  }
  const duration = comp.getFirstPropertyValue('duration');
  if (duration instanceof ICAL.Duration) return Math.max(0, duration.toSeconds() * 1000);
  return start.allDay ? DAY_MS : 0;
}

function readEvent(comp: ICAL.Component, zones: Map<string, ICAL.Timezone>, warn: Warn): ParsedEvent | null {
  const uid = text(comp, 'uid', 1000);
  const start = timeOf(comp.getFirstProperty('dtstart'), zones, warn);
  if (!uid || !start) {
    warn('An event without UID or DTSTART was skipped.');
    return null;
  }
  const recurrenceId = timeOf(comp.getFirstProperty('recurrence-id'), zones, warn);
  const rruleValue = recurrenceId ? null : comp.getFirstPropertyValue('rrule');
  const sequence = Number(comp.getFirstPropertyValue('sequence') ?? 0);
  return {
    uid,
    recurrenceId,
    start,
    durationMs: durationOf(comp, start, zones, warn),
    summary: text(comp, 'summary', 1000),
    location: text(comp, 'location', 2000),
    description: text(comp, 'description'),
    status: statusOf(comp),
    transparent: text(comp, 'transp').toUpperCase() === 'TRANSPARENT',
    sequence: Number.isInteger(sequence) ? sequence : 0,
    organizer: person(comp.getFirstProperty('organizer')),
    attendees: attendeesOf(comp),
    alarms: alarmsOf(comp, zones, warn),
    rrule: rruleValue instanceof ICAL.Recur ? rruleValue : null,
    rdates: recurrenceId ? [] : timeList(comp, 'rdate', zones, warn),
    exdates: recurrenceId ? [] : timeList(comp, 'exdate', zones, warn),
  };
}
