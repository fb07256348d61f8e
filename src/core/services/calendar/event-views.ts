import type { EventDetail, EventInstance, PartStat } from '../../../shared/api/calendar';
import { alarmsForApi } from '../../calendar/alarms';
import { instantOf, type Occurrence } from '../../calendar/expand';
import type { ParsedEvent, ParsedSeries } from '../../calendar/model';
import type { CachedResource } from './series-cache';

/** The user's PARTSTAT in an event, when one of their addresses is an attendee. */
export function myPartstatOf(ev: ParsedEvent, myAddresses: ReadonlySet<string>): PartStat | null {
  return ev.attendees.find((a) => myAddresses.has(a.email))?.partstat ?? null;
}

export function toInstance(o: Occurrence, resourceId: number, res: Pick<CachedResource, 'calendarId' | 'color' | 'syncState'>, myAddresses: ReadonlySet<string>): EventInstance {
  return {
    eventId: resourceId, calendarId: res.calendarId, uid: o.uid, instanceStart: o.instanceStart,
    title: o.event.summary, start: o.start, end: o.end, allDay: o.allDay, floating: o.floating,
    location: o.event.location, recurring: o.recurring, status: o.event.status,
    myPartstat: myPartstatOf(o.event, myAddresses), conflict: false, color: res.color, syncState: res.syncState,
  };
}

/** Busy time: timed, opaque, not cancelled and not declined by the user. */
export function isBusy(i: EventInstance, transparent: boolean): boolean {
  return !i.allDay && !transparent && i.status !== 'CANCELLED' && i.myPartstat !== 'DECLINED';
}

function zoneName(ev: ParsedEvent): string | null {
  const z = ev.start.zone;
  if (ev.start.allDay || z.kind === 'floating') return null;
  return z.kind === 'utc' ? 'UTC' : z.tzid;
}

/** The API's view of one event (the occurrence asked for, when `occurrence` is given). */
export function toDetail(resourceId: number, res: CachedResource, series: ParsedSeries, occurrence: Occurrence | null, userZone: string): EventDetail {
  const master = series.master;
  const ev = occurrence?.event ?? master ?? series.overrides[0];
  const start = occurrence?.start ?? instantOf(ev.start, userZone);
  return {
    id: resourceId, calendarId: res.calendarId, uid: series.uid,
    title: ev.summary, start, end: occurrence?.end ?? start + ev.durationMs, allDay: ev.start.allDay,
    timeZone: zoneName(ev), location: ev.location, description: ev.description,
    rrule: master?.rrule ? master.rrule.toString() : null,
    exdates: (master?.exdates ?? []).map((x) => instantOf(x, userZone)),
    organizer: ev.organizer, attendees: ev.attendees, alarms: alarmsForApi(ev.alarms),
    instanceStart: occurrence && occurrence.recurring ? occurrence.instanceStart : null,
    syncState: res.syncState,
  };
}
