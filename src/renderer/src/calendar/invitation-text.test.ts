import { describe, expect, it } from 'vitest';
import type { Invitation } from '../../../shared/api/calendar';
import { invitationNotice, invitationWhen, mayCarryInvitation } from './invitation-text';
import { writableCalendars } from './useCalendars';

const base: Invitation = {
  method: 'REQUEST', uid: 'u', sequence: 0, title: 'Kickoff', start: Date.UTC(2026, 11, 1, 13), end: Date.UTC(2026, 11, 1, 14), allDay: false,
  location: '', organizer: null, attendees: [], myPartstat: 'NEEDS-ACTION', eventId: null, conflicts: [], outdated: false, recurring: false,
};

describe('invitation card text', () => {
  it('shows the time in the user’s zone and names it', () => {
    expect(invitationWhen(base, { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe('Tue, 1 Dec 2026, 14:00 – 15:00 (Europe/Berlin)');
    expect(invitationWhen(base, { locale: 'en-GB', timeZone: 'Asia/Tokyo' })).toBe('Tue, 1 Dec 2026, 22:00 – 23:00 (Asia/Tokyo)');
    // Crossing midnight in the user's zone shows both days.
    const late = { ...base, start: Date.UTC(2026, 11, 1, 22, 30), end: Date.UTC(2026, 11, 1, 23, 30) };
    expect(invitationWhen(late, { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe('Tue, 1 Dec 2026, 23:30 – Wed, 2 Dec 2026, 0:30 (Europe/Berlin)');
  });
  it('keeps all-day dates as dates', () => {
    const allDay = { start: Date.UTC(2026, 11, 1), end: Date.UTC(2026, 11, 3), allDay: true };
    expect(invitationWhen(allDay, { locale: 'en-GB', timeZone: 'America/Los_Angeles' })).toBe('Tue, 1 Dec 2026 – Wed, 2 Dec 2026 (all day)');
    expect(invitationWhen({ ...allDay, end: Date.UTC(2026, 11, 2) }, { locale: 'en-GB' })).toBe('Tue, 1 Dec 2026 (all day)');
  });
  it('explains outdated, cancelled and counter invitations', () => {
    expect(invitationNotice(base)).toBeNull();
    expect(invitationNotice({ ...base, outdated: true })).toMatch(/out of date/);
    expect(invitationNotice({ ...base, method: 'CANCEL', eventId: 5 })).toBe('The organizer cancelled this event.');
    expect(invitationNotice({ ...base, method: 'CANCEL' })).toMatch(/not in your calendar/);
  });
});

describe('which messages and calendars qualify', () => {
  const att = (contentType: string, filename: string) => ({ id: 1, contentType, filename, size: 1, inline: false, contentId: null });
  it('asks for an invitation only when the message has a calendar part', () => {
    expect(mayCarryInvitation({ attachments: [att('text/calendar; method=REQUEST', 'attachment.ics')] })).toBe(true);
    expect(mayCarryInvitation({ attachments: [att('application/octet-stream', 'invite.ICS')] })).toBe(true);
    expect(mayCarryInvitation({ attachments: [att('application/pdf', 'calendar.pdf')] })).toBe(false);
    expect(mayCarryInvitation({ attachments: [] })).toBe(false);
  });
  it('offers writable event calendars for new events, visible ones first', () => {
    const cal = (id: number, extra: object) => ({ id, accountId: 1, name: `c${id}`, color: '#000', readOnly: false, visible: true, components: ['VEVENT'], ...extra });
    const list = [cal(1, { visible: false }), cal(2, { readOnly: true }), cal(3, { components: ['VTODO'] }), cal(4, {}), cal(5, { components: [] })];
    expect(writableCalendars(list).map((c) => c.id)).toEqual([4, 5, 1]);
  });
});
