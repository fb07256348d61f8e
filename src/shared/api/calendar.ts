import { z } from 'zod';
import { method } from './contract';

const Id = z.number().int().positive();
/** Epoch milliseconds. All-day events use UTC midnight of their date; `allDay` says so. */
const Time = z.number().int();

export const Calendar = z.object({
  id: Id,
  accountId: Id,
  name: z.string(),
  /** CSS colour from the server (Apple calendar-color), or one PMSync picked. */
  color: z.string(),
  readOnly: z.boolean(),
  visible: z.boolean(),
  /** Components the server accepts in it; a calendar that takes only VTODO is not offered for events. */
  components: z.array(z.string()),
});
export type Calendar = z.infer<typeof Calendar>;

export const PartStat = z.enum(['NEEDS-ACTION', 'ACCEPTED', 'TENTATIVE', 'DECLINED', 'DELEGATED']);
export type PartStat = z.infer<typeof PartStat>;

export const Attendee = z.object({
  name: z.string(),
  email: z.string(),
  partstat: PartStat,
  role: z.enum(['REQ-PARTICIPANT', 'OPT-PARTICIPANT', 'NON-PARTICIPANT', 'CHAIR']),
});
export type Attendee = z.infer<typeof Attendee>;

/** One occurrence as shown in a view: recurring events are expanded by the core. */
export const EventInstance = z.object({
  eventId: Id,
  calendarId: Id,
  uid: z.string(),
  /** Original start of this occurrence (its RECURRENCE-ID); equals `start` for single events. */
  instanceStart: Time,
  title: z.string(),
  start: Time,
  end: Time,
  allDay: z.boolean(),
  /** Floating time: the same wall-clock time in any zone (no TZID). */
  floating: z.boolean(),
  location: z.string(),
  recurring: z.boolean(),
  status: z.enum(['CONFIRMED', 'TENTATIVE', 'CANCELLED']),
  /** The user's own participation when they are an attendee. */
  myPartstat: PartStat.nullable(),
  /** Overlaps another busy event in a visible calendar. */
  conflict: z.boolean(),
  color: z.string(),
  /** Local change not yet on the server, or a 412 waiting for the user's choice. */
  syncState: z.enum(['synced', 'pending', 'conflict']),
});
export type EventInstance = z.infer<typeof EventInstance>;

export const Alarm = z.object({ minutesBefore: z.number().int().min(0).max(40320) });

export const EventFields = z.object({
  title: z.string().max(1000),
  start: Time,
  end: Time,
  allDay: z.boolean(),
  /** IANA zone for timed events (the user's zone when absent); ignored for all-day and floating. */
  timeZone: z.string().max(100).nullable().optional(),
  location: z.string().max(2000).optional(),
  description: z.string().max(100_000).optional(),
  /** RRULE value without the "RRULE:" prefix, e.g. "FREQ=WEEKLY;BYDAY=MO". null removes it. */
  rrule: z.string().max(1000).nullable().optional(),
  attendees: z.array(z.object({ name: z.string().max(200), email: z.string().email() })).max(500).optional(),
  alarms: z.array(Alarm).max(10).optional(),
});
export type EventFields = z.infer<typeof EventFields>;

export const EventDetail = EventFields.extend({
  id: Id,
  calendarId: Id,
  uid: z.string(),
  timeZone: z.string().nullable(),
  location: z.string(),
  description: z.string(),
  rrule: z.string().nullable(),
  exdates: z.array(Time),
  organizer: z.object({ name: z.string(), email: z.string() }).nullable(),
  attendees: z.array(Attendee),
  alarms: z.array(Alarm),
  /** The occurrence asked for (instanceStart) when the event recurs. */
  instanceStart: Time.nullable(),
  syncState: z.enum(['synced', 'pending', 'conflict']),
});
export type EventDetail = z.infer<typeof EventDetail>;

export const EditScope = z.enum(['this', 'following', 'all']);
export type EditScope = z.infer<typeof EditScope>;

/** A 412 on write: the server's copy changed since we read it. Nothing is overwritten until the user picks. */
export const SyncConflict = z.object({
  id: Id,
  kind: z.enum(['event', 'contact']),
  collectionId: Id,
  title: z.string(),
  localSummary: z.string(),
  serverSummary: z.string(),
  /** Raw iCalendar / vCard of both versions, for a detailed comparison. */
  localData: z.string(),
  serverData: z.string().nullable(),
  createdAt: Time,
});
export type SyncConflict = z.infer<typeof SyncConflict>;

export const Invitation = z.object({
  method: z.enum(['REQUEST', 'CANCEL', 'REPLY', 'PUBLISH', 'COUNTER']),
  uid: z.string(),
  sequence: z.number().int(),
  title: z.string(),
  start: Time,
  end: Time,
  allDay: z.boolean(),
  location: z.string(),
  organizer: z.object({ name: z.string(), email: z.string() }).nullable(),
  attendees: z.array(Attendee),
  /** The user's PARTSTAT in this invitation (or in the stored event, when already answered). */
  myPartstat: PartStat.nullable(),
  /** The stored event with this UID, when the invitation was already applied. */
  eventId: Id.nullable(),
  /** Busy events in the user's calendars overlapping this one. */
  conflicts: z.array(z.object({ title: z.string(), start: Time, end: Time })),
  /** The invitation is older (lower SEQUENCE) than what the calendar holds. */
  outdated: z.boolean(),
  recurring: z.boolean(),
});
export type Invitation = z.infer<typeof Invitation>;

export const calendarMethods = {
  listCalendars: method(z.object({}), z.array(Calendar)),
  setCalendarVisible: method(z.object({ calendarId: Id, visible: z.boolean() }), z.object({ ok: z.literal(true) })),
  /** Expanded occurrences overlapping [from, to) in the visible (or given) calendars. */
  listEvents: method(
    z.object({ from: Time, to: Time, calendarIds: z.array(Id).optional() }),
    z.array(EventInstance),
  ),
  getEvent: method(z.object({ eventId: Id, instanceStart: Time.optional() }), EventDetail),
  /** Written locally at once and PUT to the server by a persisted task (If-None-Match: *). */
  createEvent: method(EventFields.extend({ calendarId: Id }), EventDetail),
  /** `scope` applies to recurring events: one occurrence, this and following, or the series. */
  updateEvent: method(
    z.object({ eventId: Id, instanceStart: Time.optional(), scope: EditScope.default('all'), changes: EventFields.partial(), calendarId: Id.optional() }),
    EventDetail,
  ),
  deleteEvent: method(z.object({ eventId: Id, instanceStart: Time.optional(), scope: EditScope.default('all') }), z.object({ ok: z.literal(true) })),
  listConflicts: method(z.object({}), z.array(SyncConflict)),
  /** Keep ours (written again with the server's new ETag) or take the server's version. */
  resolveConflict: method(z.object({ conflictId: Id, keep: z.enum(['local', 'server']) }), z.object({ ok: z.literal(true) })),
  /** The iMIP invitation carried by a mail message (text/calendar part), or null. */
  getInvitation: method(z.object({ messageId: Id }), Invitation.nullable()),
  /** Accept / tentative / decline: writes the event with the user's PARTSTAT and mails METHOD:REPLY to the organizer. */
  respondInvitation: method(
    z.object({ messageId: Id, response: z.enum(['ACCEPTED', 'TENTATIVE', 'DECLINED']), calendarId: Id.optional(), comment: z.string().max(2000).optional() }),
    z.object({ eventId: Id.nullable(), replyOutboxId: Id.nullable() }),
  ),
  /** CANCEL removes the event; an updated REQUEST from the organizer replaces the stored one. */
  applyInvitation: method(z.object({ messageId: Id }), z.object({ eventId: Id.nullable(), removed: z.boolean() })),
};

export const calendarEvents = {
  /** Events changed (sync, local edit, invitation); views reload their range. */
  changed: z.object({ calendarIds: z.array(Id) }),
  /** A VALARM is due: the shells show a desktop notification. */
  reminder: z.object({ eventId: Id, instanceStart: Time, title: z.string(), start: Time, location: z.string() }),
};
