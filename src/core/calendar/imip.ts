import ICAL from 'ical.js';
import type { PartStat } from '../../shared/api/calendar';
import { PRODID } from './fields';
import { emailOfCalAddress, type ParsedEvent } from './model';
import { parseCalendar, parseComponent } from './parse';

/** An iMIP message read from a text/calendar part. */
export interface InvitationData {
  method: 'REQUEST' | 'CANCEL' | 'REPLY' | 'PUBLISH' | 'COUNTER';
  uid: string;
  /** The master, or the single occurrence the message is about. */
  event: ParsedEvent;
  recurring: boolean;
}

const METHODS = new Set(['REQUEST', 'CANCEL', 'REPLY', 'PUBLISH', 'COUNTER']);

export function readInvitation(text: string): InvitationData | null {
  const cal = parseCalendar(text);
  const method = cal.method ?? 'PUBLISH';
  if (!METHODS.has(method)) return null;
  const series = cal.series[0];
  const event = series?.master ?? series?.overrides[0];
  if (!series || !event) return null;
  return { method: method as InvitationData['method'], uid: series.uid, event, recurring: series.master !== null && (series.master.rrule !== null || series.master.rdates.length > 0) };
}

function attendeeEmail(p: ICAL.Property): string {
  return emailOfCalAddress(p.getFirstValue());
}

/** Sets the user's PARTSTAT on every VEVENT of the invitation; the copy that goes into the calendar (no METHOD). */
export function eventDataForCalendar(text: string, myEmails: string[], partstat: PartStat): string | null {
  const root = parseComponent(text);
  if (!root) return null;
  root.removeAllProperties('method');
  const mine = new Set(myEmails.map((e) => e.toLowerCase()));
  for (const vevent of root.getAllSubcomponents('vevent')) {
    for (const p of vevent.getAllProperties('attendee')) {
      if (mine.has(attendeeEmail(p))) {
        p.setParameter('partstat', partstat);
        p.removeParameter('rsvp');
      }
    }
  }
  return root.toString();
}

/**
 * A METHOD:REPLY for the organizer (RFC 5546 §3.2.3): per VEVENT the UID, SEQUENCE, DTSTAMP,
 * RECURRENCE-ID, ORGANIZER and only the replying attendee with their PARTSTAT.
 */
export function buildReply(text: string, me: string, partstat: PartStat, now: number, comment?: string): string | null {
  const root = parseComponent(text);
  if (!root) return null;
  const reply = new ICAL.Component('vcalendar');
  reply.addPropertyWithValue('prodid', PRODID);
  reply.addPropertyWithValue('version', '2.0');
  reply.addPropertyWithValue('method', 'REPLY');
  for (const vtz of root.getAllSubcomponents('vtimezone')) reply.addSubcomponent(new ICAL.Component(vtz.toJSON() as unknown[]));
  const keep = ['uid', 'sequence', 'recurrence-id', 'organizer', 'summary', 'dtstart', 'dtend', 'duration'];
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const out = new ICAL.Component('vevent');
    for (const name of keep) for (const p of vevent.getAllProperties(name)) out.addProperty(new ICAL.Property(p.toJSON() as unknown[]));
    out.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(now), true));
    const own = vevent.getAllProperties('attendee').find((p) => attendeeEmail(p) === me.toLowerCase());
    const attendee = own ? new ICAL.Property(own.toJSON() as unknown[]) : new ICAL.Property('attendee');
    if (!own) attendee.setValue(`mailto:${me}`);
    attendee.setParameter('partstat', partstat);
    attendee.removeParameter('rsvp');
    out.addProperty(attendee);
    if (comment) out.addPropertyWithValue('comment', comment);
    reply.addSubcomponent(out);
  }
  return reply.toString();
}
