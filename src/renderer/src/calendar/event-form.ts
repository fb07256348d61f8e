import type { EventDetail, EventFields } from '../../../shared/api/calendar';
import { buildRrule, NO_RECURRENCE, parseRrule, rruleProblem, type Recurrence } from './recurrence';
import { addDays, dateInputValue, epochFromWall, isValidTimeZone, parseWall, timeInputValue, utcDateString, utcMidnightOf, wallInZone } from './zoned-time';

export interface AttendeeInput {
  name: string;
  email: string;
}

/** What the event dialog edits: strings as the inputs hold them, checked only on save. */
export interface EventForm {
  calendarId: number | null;
  title: string;
  allDay: boolean;
  startDate: string;
  startTime: string;
  /** For all-day events the LAST day (inclusive), as people read it; the API's end is exclusive. */
  endDate: string;
  endTime: string;
  timeZone: string;
  location: string;
  description: string;
  recurrence: Recurrence;
  attendees: AttendeeInput[];
  /** Minutes before the start. */
  alarms: number[];
}

export type FormField = 'calendar' | 'title' | 'start' | 'end' | 'timeZone' | 'recurrence' | 'attendees' | 'alarms';
export type FormErrors = Partial<Record<FormField, string>>;
export type Validated = { ok: true; calendarId: number; fields: EventFields } | { ok: false; errors: FormErrors };

export const ALARM_CHOICES = [0, 5, 10, 15, 30, 60, 120, 1440, 2880, 10080] as const;
export const MAX_ALARM_MINUTES = 40320;

export function alarmLabel(minutes: number): string {
  if (minutes === 0) return 'At the start';
  if (minutes % 10080 === 0) return `${minutes / 10080} week${minutes === 10080 ? '' : 's'} before`;
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'} before`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'} before`;
  return `${minutes} minutes before`;
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** "Ann Lee <ann@example.org>" or a bare address; null when no address can be read. */
export function parseAttendee(text: string): AttendeeInput | null {
  const t = text.trim();
  const angle = /^(.*?)<([^>]+)>$/.exec(t);
  const email = (angle ? angle[2]! : t).trim();
  const name = angle ? angle[1]!.trim().replace(/^"|"$/g, '') : '';
  return EMAIL.test(email) ? { name, email } : null;
}

/** An empty form for a new event over [start, end) (from a click or a drag on the grid). */
export function newEventForm(range: { start: number; end: number; allDay: boolean }, calendarId: number | null, zone: string): EventForm {
  const base = { calendarId, title: '', timeZone: zone, location: '', description: '', recurrence: NO_RECURRENCE, attendees: [], alarms: [] };
  return { ...base, ...datesOf(range, zone) };
}

function datesOf(range: { start: number; end: number; allDay: boolean }, zone: string): Pick<EventForm, 'allDay' | 'startDate' | 'startTime' | 'endDate' | 'endTime'> {
  if (range.allDay) {
    const lastDay = Math.max(range.start, addDays(range.end, -1));
    return { allDay: true, startDate: utcDateString(range.start), startTime: '09:00', endDate: utcDateString(lastDay), endTime: '10:00' };
  }
  const s = wallInZone(range.start, zone);
  const e = wallInZone(range.end, zone);
  return { allDay: false, startDate: dateInputValue(s), startTime: timeInputValue(s), endDate: dateInputValue(e), endTime: timeInputValue(e) };
}

/** The dialog's view of a stored event (or the occurrence asked for). */
export function formFromDetail(detail: EventDetail, userZone: string): EventForm {
  const zone = detail.timeZone && isValidTimeZone(detail.timeZone) ? detail.timeZone : userZone;
  const dates = datesOf(detail, zone);
  const startWall = detail.allDay ? { ...wallInZone(detail.start, 'UTC') } : wallInZone(detail.start, zone);
  return {
    calendarId: detail.calendarId,
    title: detail.title,
    ...dates,
    timeZone: zone,
    location: detail.location,
    description: detail.description,
    recurrence: parseRrule(detail.rrule, startWall, zone),
    attendees: detail.attendees.map((a) => ({ name: a.name, email: a.email })),
    alarms: [...detail.alarms.map((a) => a.minutesBefore)].sort((a, b) => a - b),
  };
}

/** The fields of a stored event in the shape the dialog produces, for a change-only update. */
export function fieldsOfDetail(detail: EventDetail, userZone: string): EventFields {
  // No TZID means "the user's zone" to the dialog, which always names one: not a change.
  const timeZone = detail.allDay ? null : detail.timeZone && isValidTimeZone(detail.timeZone) ? detail.timeZone : userZone;
  return {
    title: detail.title, start: detail.start, end: detail.end, allDay: detail.allDay, timeZone,
    location: detail.location, description: detail.description, rrule: detail.rrule,
    attendees: detail.attendees.map((a) => ({ name: a.name, email: a.email })),
    alarms: detail.alarms.map((a) => ({ minutesBefore: a.minutesBefore })),
  };
}

function times(form: EventForm, errors: FormErrors): { start: number; end: number } | null {
  if (form.allDay) {
    const start = utcMidnightOf(form.startDate);
    const last = utcMidnightOf(form.endDate);
    if (start === null) errors.start = 'Enter a valid start date.';
    if (last === null) errors.end = 'Enter a valid end date.';
    if (start === null || last === null) return null;
    if (last < start) {
      errors.end = 'The event ends before it starts.';
      return null;
    }
    return { start, end: addDays(last, 1) };
  }
  const s = parseWall(form.startDate, form.startTime);
  const e = parseWall(form.endDate, form.endTime);
  if (!s) errors.start = 'Enter a valid start date and time.';
  if (!e) errors.end = 'Enter a valid end date and time.';
  if (!s || !e || errors.timeZone) return null;
  const start = epochFromWall(s, form.timeZone);
  const end = epochFromWall(e, form.timeZone);
  if (end < start) {
    errors.end = 'The event ends before it starts.';
    return null;
  }
  return { start, end };
}

/** Checks the whole form and builds the API fields; every problem is named next to its field. */
export function validateForm(form: EventForm): Validated {
  const errors: FormErrors = {};
  if (form.calendarId === null) errors.calendar = 'Choose a calendar for the event.';
  const title = form.title.trim();
  if (title.length > 1000) errors.title = 'The title is too long (1,000 characters at most).';
  if (!form.allDay && !isValidTimeZone(form.timeZone)) errors.timeZone = `"${form.timeZone}" is not a time zone name, like Europe/Berlin.`;
  const when = times(form, errors);
  let rrule: string | null = null;
  if (form.recurrence.preset === 'custom') {
    const problem = rruleProblem(form.recurrence.custom);
    if (problem) errors.recurrence = problem;
  } else if (form.recurrence.ends.kind === 'count' && (!Number.isInteger(form.recurrence.ends.count) || form.recurrence.ends.count < 1 || form.recurrence.ends.count > 99999)) {
    errors.recurrence = 'Repeat at least once (a whole number of times).';
  } else if (form.recurrence.ends.kind === 'until') {
    const until = utcMidnightOf(form.recurrence.ends.date);
    const first = utcMidnightOf(form.startDate);
    if (until === null) errors.recurrence = 'Enter the date the repetition ends.';
    else if (first !== null && until < first) errors.recurrence = 'The repetition ends before the event first happens.';
  }
  const startWall = parseWall(form.startDate, form.allDay ? '00:00' : form.startTime);
  if (!errors.recurrence && startWall) rrule = buildRrule(form.recurrence, startWall, form.allDay, form.timeZone);
  const badAttendee = form.attendees.find((a) => !EMAIL.test(a.email.trim()));
  if (badAttendee) errors.attendees = `${badAttendee.email || '(empty)'} is not an email address.`;
  const alarms = [...new Set(form.alarms)].sort((a, b) => a - b);
  if (alarms.some((m) => !Number.isInteger(m) || m < 0 || m > MAX_ALARM_MINUTES)) errors.alarms = 'Reminders can be from the start up to four weeks before.';
  else if (alarms.length > 10) errors.alarms = 'At most ten reminders per event.';
  if (Object.keys(errors).length > 0 || !when || form.calendarId === null) return { ok: false, errors };
  const seen = new Set<string>();
  const attendees = form.attendees
    .map((a) => ({ name: a.name.trim(), email: a.email.trim() }))
    .filter((a) => !seen.has(a.email.toLowerCase()) && seen.add(a.email.toLowerCase()));
  return {
    ok: true,
    calendarId: form.calendarId,
    fields: {
      title, start: when.start, end: when.end, allDay: form.allDay, timeZone: form.allDay ? null : form.timeZone,
      location: form.location.trim(), description: form.description, rrule, attendees,
      alarms: alarms.map((minutesBefore) => ({ minutesBefore })),
    },
  };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Only what the user changed, so an update of one occurrence does not rewrite the rest. */
export function changedFields(before: EventFields, after: EventFields): Partial<EventFields> {
  const out: Partial<EventFields> = {};
  const keys = Object.keys(after) as Array<keyof EventFields>;
  for (const key of keys) {
    if (key === 'timeZone' && after.allDay && before.allDay) continue;
    if (!same(before[key], after[key])) (out as Record<string, unknown>)[key] = after[key];
  }
  return out;
}
