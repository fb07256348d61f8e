import ICAL from 'ical.js';
import { vtimezoneFor } from './vtimezone';
import { epochToWall, wallOfUtc, type ZoneRef } from './zones';

/** How a time is written: as a DATE, or as a DATE-TIME in a zone. */
export interface TimeShape {
  allDay: boolean;
  zone: ZoneRef;
}

/** An instant as an ICAL.Time in the shape given (wall clock of the zone; DATE for all-day). */
export function icalTime(epochMs: number, shape: TimeShape, floatingZone: string): { time: ICAL.Time; tzid: string | null } {
  if (shape.allDay) {
    const w = wallOfUtc(epochMs);
    return { time: new ICAL.Time({ year: w.year, month: w.month, day: w.day, isDate: true }, ICAL.Timezone.localTimezone), tzid: null };
  }
  const w = epochToWall(epochMs, shape.zone, floatingZone);
  const data = { year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second, isDate: false };
  if (shape.zone.kind === 'utc') return { time: new ICAL.Time(data, ICAL.Timezone.utcTimezone), tzid: null };
  if (shape.zone.kind === 'floating') return { time: new ICAL.Time(data, ICAL.Timezone.localTimezone), tzid: null };
  return { time: new ICAL.Time(data, ICAL.Timezone.localTimezone), tzid: shape.zone.tzid };
}

/** Replaces property `name` on `comp` with the instant in the given shape. */
export function setTimeProperty(comp: ICAL.Component, name: string, epochMs: number, shape: TimeShape, floatingZone: string): void {
  comp.removeAllProperties(name);
  comp.addProperty(timeProperty(name, epochMs, shape, floatingZone));
}

export function timeProperty(name: string, epochMs: number, shape: TimeShape, floatingZone: string): ICAL.Property {
  const { time, tzid } = icalTime(epochMs, shape, floatingZone);
  const prop = new ICAL.Property(name);
  if (shape.allDay) prop.resetType('date');
  prop.setValue(time);
  if (tzid) prop.setParameter('tzid', tzid);
  return prop;
}

/** Adds a VTIMEZONE for an IANA TZID the calendar uses but does not define. */
export function ensureVtimezone(vcalendar: ICAL.Component, zone: ZoneRef, year: number): void {
  if (zone.kind !== 'iana' || zone.tzid === 'UTC') return;
  const has = vcalendar.getAllSubcomponents('vtimezone').some((c) => c.getFirstPropertyValue('tzid') === zone.tzid);
  if (has) return;
  const vtz = vtimezoneFor(zone.tzid, year);
  // VTIMEZONEs go before the events that use them, as most producers write them.
  const first = vcalendar.getFirstSubcomponent('vevent');
  vcalendar.addSubcomponent(vtz);
  if (first) {
    vcalendar.removeSubcomponent(first);
    vcalendar.addSubcomponent(first);
    for (const other of vcalendar.getAllSubcomponents('vevent').filter((c) => c !== first)) {
      vcalendar.removeSubcomponent(other);
      vcalendar.addSubcomponent(other);
    }
  }
}
