import type { Invitation } from '../../../shared/api/calendar';
import type { Message } from '../../../shared/api/mail';

const DAY = 86_400_000;

/**
 * An invitation's time as the user reads it: in their zone for timed events (named, since the
 * organizer may be elsewhere), as plain dates for all-day ones (no zone shift).
 */
export function invitationWhen(inv: Pick<Invitation, 'start' | 'end' | 'allDay'>, opts: { locale?: string; timeZone?: string } = {}): string {
  if (inv.allDay) {
    const fmt = new Intl.DateTimeFormat(opts.locale, { timeZone: 'UTC', weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
    const last = Math.max(inv.start, inv.end - DAY);
    return last === inv.start ? `${fmt.format(inv.start)} (all day)` : `${fmt.format(inv.start)} – ${fmt.format(last)} (all day)`;
  }
  const zone = opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const day = new Intl.DateTimeFormat(opts.locale, { timeZone: zone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });
  const time = new Intl.DateTimeFormat(opts.locale, { timeZone: zone, hour: 'numeric', minute: '2-digit' });
  const sameDay = day.format(inv.start) === day.format(inv.end);
  const range = sameDay
    ? `${day.format(inv.start)}, ${time.format(inv.start)} – ${time.format(inv.end)}`
    : `${day.format(inv.start)}, ${time.format(inv.start)} – ${day.format(inv.end)}, ${time.format(inv.end)}`;
  return `${range} (${zone})`;
}

export const RESPONSE_WORDS = { ACCEPTED: 'Accepted', TENTATIVE: 'Maybe', DECLINED: 'Declined' } as const;

/** What the card says about the state of this invitation, or null when nothing special. */
export function invitationNotice(inv: Invitation): string | null {
  if (inv.outdated) return 'This invitation is out of date: your calendar already has a newer version of this event.';
  if (inv.method === 'CANCEL') return inv.eventId !== null ? 'The organizer cancelled this event.' : 'The organizer cancelled this event; it is not in your calendar.';
  if (inv.method === 'COUNTER') return 'An attendee proposes a different time.';
  return null;
}

/** Only messages with a calendar part can carry an invitation: others never ask the core. */
export function mayCarryInvitation(message: Pick<Message, 'attachments'>): boolean {
  return message.attachments.some((a) => /^(text\/calendar|application\/ics)\b/i.test(a.contentType) || /\.ics$/i.test(a.filename));
}
