import type { ApiHandlers } from '../../shared/api/index';
import type { CalendarParts } from '../services/calendar/calendar-parts';

type CalendarMethod =
  | 'calendar.listEvents' | 'calendar.getEvent' | 'calendar.createEvent' | 'calendar.updateEvent' | 'calendar.deleteEvent'
  | 'calendar.getInvitation' | 'calendar.respondInvitation' | 'calendar.applyInvitation';

/** calendar.* served by the calendar services (the DAV side serves calendars and conflicts). */
export function createCalendarHandlers({ calendar, invitations }: Pick<CalendarParts, 'calendar' | 'invitations'>): Pick<ApiHandlers, CalendarMethod> {
  return {
    'calendar.listEvents': async ({ from, to, calendarIds }) => calendar.listEvents(from, to, calendarIds),
    'calendar.getEvent': async ({ eventId, instanceStart }) => calendar.getEvent(eventId, instanceStart),
    'calendar.createEvent': async ({ calendarId, ...fields }) => calendar.createEvent(calendarId, fields),
    'calendar.updateEvent': async ({ eventId, instanceStart, scope, changes, calendarId }) => calendar.updateEvent(eventId, scope, instanceStart, changes, calendarId),
    'calendar.deleteEvent': async ({ eventId, instanceStart, scope }) => calendar.deleteEvent(eventId, scope, instanceStart),
    'calendar.getInvitation': async ({ messageId }) => invitations.getInvitation(messageId),
    'calendar.respondInvitation': async ({ messageId, response, calendarId, comment }) => invitations.respondInvitation(messageId, response, calendarId, comment),
    'calendar.applyInvitation': async ({ messageId }) => invitations.applyInvitation(messageId),
  };
}
