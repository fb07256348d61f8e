import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import type { EventFields } from '../../shared/api/calendar';
import { ensureVtimezone, setTimeProperty, type TimeShape } from './write-time';
import { isIanaZone, type ZoneRef } from './zones';

/** A change the calendar data cannot take (bad RRULE, end before start…); the service turns it into INVALID_INPUT. */
export class CalendarEditError extends Error {
  constructor(message: string, readonly hint: string) {
    super(message);
  }
}

export const PRODID = '-//PMSync//PMSync Calendar//EN';

export function zoneForNewTimes(timeZone: string | null | undefined, userZone: string): ZoneRef {
  const name = timeZone ?? userZone;
  if (name === 'UTC' || name === 'Etc/UTC') return { kind: 'utc' };
  if (!isIanaZone(name)) throw new CalendarEditError(`"${name.slice(0, 100)}" is not a time zone PMSync knows.`, 'Use an IANA zone name such as Europe/Berlin.');
  return { kind: 'iana', tzid: name };
}

export function checkRrule(rrule: string): ICAL.Recur {
  let recur: ICAL.Recur;
  try {
    recur = ICAL.Recur.fromString(rrule.replace(/^RRULE:/i, ''));
  } catch {
    recur = null as unknown as ICAL.Recur;
  }
  if (!recur || !recur.freq || !['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(recur.freq)) {
    throw new CalendarEditError(`"${rrule.slice(0, 100)}" is not a valid recurrence rule.`, 'Use an RRULE such as FREQ=WEEKLY;BYDAY=MO.');
  }
  if (recur.freq === 'SECONDLY' || recur.freq === 'MINUTELY') {
    throw new CalendarEditError('Events cannot repeat every second or minute.', 'Use an hourly, daily, weekly, monthly or yearly rule.');
  }
  return recur;
}

function setText(vevent: ICAL.Component, name: string, value: string | undefined): void {
  if (value === undefined) return;
  vevent.removeAllProperties(name);
  if (value !== '') vevent.addPropertyWithValue(name, value);
}

function touch(vevent: ICAL.Component, now: number, bumpSequence: boolean): void {
  const stamp = ICAL.Time.fromJSDate(new Date(now), true);
  vevent.updatePropertyWithValue('dtstamp', stamp);
  vevent.updatePropertyWithValue('last-modified', stamp);
  if (bumpSequence) {
    const seq = Number(vevent.getFirstPropertyValue('sequence') ?? 0);
    vevent.updatePropertyWithValue('sequence', (Number.isInteger(seq) ? seq : 0) + 1);
  }
}

export interface ApplyContext {
  vcalendar: ICAL.Component;
  /** Current time shape of the event (kept unless allDay or timeZone change). */
  shape: TimeShape;
  userZone: string;
  now: number;
}

/** The time shape after a change: all-day, the zone given, or the event's own zone. */
export function shapeAfter(changes: Partial<EventFields>, current: TimeShape, userZone: string): TimeShape {
  const allDay = changes.allDay ?? current.allDay;
  if (allDay) return { allDay: true, zone: { kind: 'floating' } };
  if (changes.timeZone !== undefined && changes.timeZone !== null) {
    // The event's own zone sent back unchanged (it may be a VTIMEZONE name no IANA database knows).
    const own = current.zone.kind === 'vtimezone' || current.zone.kind === 'iana' ? current.zone.tzid : null;
    if (!current.allDay && own === changes.timeZone) return { allDay: false, zone: current.zone };
    return { allDay: false, zone: zoneForNewTimes(changes.timeZone, userZone) };
  }
  // An all-day event becoming timed gets the user's zone; a timed one keeps its own (floating stays floating).
  if (current.allDay || changes.timeZone === null) return { allDay: false, zone: zoneForNewTimes(null, userZone) };
  return { allDay: false, zone: current.zone };
}

/**
 * Writes the given fields into a VEVENT (absent fields stay). `start`/`end` must come
 * together with each other when either changes the length; the caller computes both.
 */
export function applyFields(vevent: ICAL.Component, changes: Partial<EventFields>, ctx: ApplyContext): void {
  setText(vevent, 'summary', changes.title);
  setText(vevent, 'location', changes.location);
  setText(vevent, 'description', changes.description);
  let timesChanged = false;
  if (changes.start !== undefined || changes.end !== undefined || changes.allDay !== undefined || changes.timeZone !== undefined) {
    const shape = shapeAfter(changes, ctx.shape, ctx.userZone);
    const start = changes.start;
    const end = changes.end;
    if (start === undefined || end === undefined) throw new CalendarEditError('A time change needs both start and end.', 'Send start and end together.');
    if (end < start) throw new CalendarEditError('The event ends before it starts.', 'Choose an end after the start.');
    setTimeProperty(vevent, 'dtstart', start, shape, ctx.userZone);
    vevent.removeAllProperties('duration');
    const endAt = shape.allDay && end - start < 86_400_000 ? start + 86_400_000 : end;
    setTimeProperty(vevent, 'dtend', endAt, shape, ctx.userZone);
    ensureVtimezone(ctx.vcalendar, shape.zone, new Date(start).getUTCFullYear());
    timesChanged = true;
  }
  if (changes.rrule !== undefined) {
    vevent.removeAllProperties('rrule');
    if (changes.rrule !== null) vevent.addPropertyWithValue('rrule', checkRrule(changes.rrule));
    timesChanged = true;
  }
  if (changes.attendees !== undefined) setAttendees(vevent, changes.attendees);
  if (changes.alarms !== undefined) {
    for (const a of vevent.getAllSubcomponents('valarm')) vevent.removeSubcomponent(a);
    for (const alarm of changes.alarms) vevent.addSubcomponent(displayAlarm(alarm.minutesBefore, vevent));
  }
  touch(vevent, ctx.now, timesChanged);
}

function displayAlarm(minutesBefore: number, vevent: ICAL.Component): ICAL.Component {
  const valarm = new ICAL.Component('valarm');
  valarm.addPropertyWithValue('action', 'DISPLAY');
  valarm.addPropertyWithValue('description', String(vevent.getFirstPropertyValue('summary') ?? 'Reminder'));
  const trigger = ICAL.Duration.fromSeconds(-minutesBefore * 60);
  valarm.addPropertyWithValue('trigger', trigger);
  return valarm;
}

/** Replaces ATTENDEEs; people already invited keep their PARTSTAT. */
function setAttendees(vevent: ICAL.Component, attendees: { name: string; email: string }[]): void {
  const known = new Map<string, ICAL.Property>();
  for (const p of vevent.getAllProperties('attendee')) {
    known.set(String(p.getFirstValue()).replace(/^mailto:/i, '').toLowerCase(), p);
    vevent.removeProperty(p);
  }
  for (const a of attendees) {
    const prop = known.get(a.email.toLowerCase()) ?? new ICAL.Property('attendee');
    if (!known.has(a.email.toLowerCase())) {
      prop.setValue(`mailto:${a.email}`);
      prop.setParameter('partstat', 'NEEDS-ACTION');
      prop.setParameter('role', 'REQ-PARTICIPANT');
      prop.setParameter('rsvp', 'TRUE');
    }
    if (a.name) prop.setParameter('cn', a.name.replace(/[\r\n"]/g, ' '));
    vevent.addProperty(prop);
  }
}

/** A new VCALENDAR holding one VEVENT built from the fields (with the VTIMEZONE it uses). */
export function buildNewEvent(fields: EventFields, ctx: { userZone: string; now: number; uid?: string; organizer?: { name: string; email: string } }): { uid: string; ics: string } {
  // No "@": some servers percent-encode it in hrefs (Radicale lists a%40b.ics), which trips href matching.
  const uid = ctx.uid ?? `pmsync-${randomUUID()}`;
  const vcalendar = new ICAL.Component('vcalendar');
  vcalendar.addPropertyWithValue('version', '2.0');
  vcalendar.addPropertyWithValue('prodid', PRODID);
  const vevent = new ICAL.Component('vevent');
  vevent.addPropertyWithValue('uid', uid);
  vcalendar.addSubcomponent(vevent);
  const shape = shapeAfter(fields, { allDay: fields.allDay, zone: { kind: 'floating' } }, ctx.userZone);
  const timed = fields.allDay ? shape : { allDay: false, zone: zoneForNewTimes(fields.timeZone, ctx.userZone) };
  applyFields(vevent, { ...fields, timeZone: fields.allDay ? undefined : (fields.timeZone ?? ctx.userZone) }, { vcalendar, shape: timed, userZone: ctx.userZone, now: ctx.now });
  vevent.updatePropertyWithValue('sequence', 0);
  if (ctx.organizer && (fields.attendees?.length ?? 0) > 0) {
    const org = new ICAL.Property('organizer');
    org.setValue(`mailto:${ctx.organizer.email}`);
    if (ctx.organizer.name) org.setParameter('cn', ctx.organizer.name.replace(/[\r\n"]/g, ' '));
    vevent.addProperty(org);
  }
  return { uid, ics: vcalendar.toString() };
}
