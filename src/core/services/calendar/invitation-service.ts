import type { Invitation, PartStat } from '../../../shared/api/calendar';
import { PmsyncError } from '../../../shared/errors';
import { instantOf } from '../../calendar/expand';
import { buildReply, eventDataForCalendar, readInvitation, type InvitationData } from '../../calendar/imip';
import type { CalendarIndex } from '../../store/calendar-index';
import type { ProfileStore } from '../../store/types';
import type { OutboxService } from '../outbox/outbox-service';
import type { CalendarService } from './calendar-service';
import { myPartstatOf } from './event-views';

export interface InvitationServiceOptions {
  store: ProfileStore;
  index: CalendarIndex;
  calendar: CalendarService;
  /** Sends METHOD:REPLY; absent without IMAP accounts (the event is still stored). */
  outbox?: OutboxService;
  userZone: () => string;
  now?: () => number;
}

const MAX_ICS = 2 * 1024 * 1024;
const RESPONSE_WORD: Record<string, string> = { ACCEPTED: 'Accepted', TENTATIVE: 'Tentative', DECLINED: 'Declined' };

/** calendar.getInvitation / respondInvitation / applyInvitation: iMIP (RFC 6047) from mail. */
export class InvitationService {
  private readonly now: () => number;

  constructor(private readonly o: InvitationServiceOptions) {
    this.now = o.now ?? Date.now;
  }

  /** The text/calendar part of a message (mailparser stores it as an attachment), or null. */
  calendarPartOf(messageId: number): string | null {
    const message = this.o.store.getMessage(messageId);
    if (!message) throw new PmsyncError('NOT_FOUND', `There is no message ${messageId}.`, 'It may have been deleted; reload the folder.');
    const part = message.attachments.find((a) => /^(text\/calendar|application\/ics)\b/i.test(a.contentType))
      ?? message.attachments.find((a) => /\.ics$/i.test(a.filename));
    if (!part || part.size > MAX_ICS) return null;
    const content = this.o.store.getAttachment(part.id)?.content;
    return content ? content.toString('utf8') : null;
  }

  private read(messageId: number): { text: string; inv: InvitationData } | null {
    const text = this.calendarPartOf(messageId);
    const inv = text ? readInvitation(text) : null;
    return text && inv ? { text, inv } : null;
  }

  getInvitation(messageId: number): Invitation | null {
    const found = this.read(messageId);
    if (!found) return null;
    const { inv } = found;
    const zone = this.o.userZone();
    const mine = this.o.calendar.myAddresses();
    const stored = this.o.index.resourceByUid(inv.uid);
    const start = instantOf(inv.event.start, zone);
    const end = start + inv.event.durationMs;
    let myPartstat: PartStat | null = myPartstatOf(inv.event, mine);
    if (stored) {
      const ev = this.o.calendar.cache.get(stored.resourceId)?.parsed.series.find((s) => s.uid === inv.uid)?.master;
      if (ev) myPartstat = myPartstatOf(ev, mine) ?? myPartstat;
    }
    const conflicts = inv.event.start.allDay ? [] : this.o.calendar.listEvents(start, Math.max(end, start + 1))
      .filter((i) => i.uid !== inv.uid && !i.allDay && i.status !== 'CANCELLED' && i.myPartstat !== 'DECLINED')
      .map((i) => ({ title: i.title, start: i.start, end: i.end }));
    return {
      method: inv.method, uid: inv.uid, sequence: inv.event.sequence, title: inv.event.summary, start, end,
      allDay: inv.event.start.allDay, location: inv.event.location, organizer: inv.event.organizer, attendees: inv.event.attendees,
      myPartstat, eventId: stored?.resourceId ?? null, conflicts,
      outdated: stored !== undefined && inv.event.sequence < stored.sequence, recurring: inv.recurring,
    };
  }

  /** Which of the user's addresses the invitation is for (the first of theirs among the attendees). */
  private me(inv: InvitationData): string {
    const mine = this.o.calendar.myAddresses();
    const invited = inv.event.attendees.find((a) => mine.has(a.email));
    const me = invited?.email ?? [...mine][0];
    if (!me) throw new PmsyncError('INVALID_INPUT', 'PMSync does not know your email address, so it cannot answer this invitation.', 'Add your mail account first.');
    return me;
  }

  async respondInvitation(messageId: number, response: 'ACCEPTED' | 'TENTATIVE' | 'DECLINED', calendarId?: number, comment?: string): Promise<{ eventId: number | null; replyOutboxId: number | null }> {
    const found = this.read(messageId);
    if (!found) throw new PmsyncError('NOT_FOUND', 'This message carries no invitation.', 'Only messages with a calendar invitation can be answered.');
    const { text, inv } = found;
    if (inv.method !== 'REQUEST') throw new PmsyncError('INVALID_INPUT', `This is a ${inv.method}, not an invitation to answer.`, 'Use "apply" for updates and cancellations.');
    const me = this.me(inv);
    const stored = this.o.index.resourceByUid(inv.uid);
    if (stored && inv.event.sequence < stored.sequence) {
      throw new PmsyncError('INVALID_INPUT', 'This invitation is outdated: the organizer has sent a newer version.', 'Answer the newest invitation for this event.');
    }
    const data = eventDataForCalendar(text, [me], response);
    if (!data) throw new PmsyncError('INVALID_INPUT', 'The invitation cannot be read.', 'Ask the organizer to send it again.');
    let eventId: number;
    if (stored) {
      eventId = this.o.calendar.writable(stored.calendarId).update(stored.resourceId, data).id;
    } else {
      const target = calendarId ?? this.defaultCalendar();
      eventId = this.o.calendar.writable(target).create(target, inv.uid, data).id;
    }
    this.o.calendar.cache.invalidate(eventId);
    return { eventId, replyOutboxId: await this.sendReply(text, inv, me, response, comment) };
  }

  private async sendReply(text: string, inv: InvitationData, me: string, response: PartStat, comment?: string): Promise<number | null> {
    const organizer = inv.event.organizer;
    if (!organizer || !this.o.outbox || organizer.email === me) return null;
    const account = this.o.store.listAccounts().find((a) => a.kind === 'imap' && a.email?.toLowerCase() === me)
      ?? this.o.store.listAccounts().find((a) => a.kind === 'imap');
    if (!account) return null;
    const reply = buildReply(text, me, response, this.now(), comment);
    if (!reply) return null;
    const word = RESPONSE_WORD[response] ?? response;
    const body = `${word}: ${inv.event.summary}${comment ? `\n\n${comment}` : ''}`;
    const sent = await this.o.outbox.send(
      { accountId: account.id, to: [organizer.name ? `${organizer.name} <${organizer.email}>` : organizer.email], subject: `${word}: ${inv.event.summary}`, text: body },
      { immediate: true, calendar: { method: 'REPLY', content: reply } },
    );
    return sent.outboxId;
  }

  /** CANCEL removes the stored event; a REQUEST at least as new as the stored one replaces it (keeping the user's answer). */
  applyInvitation(messageId: number): { eventId: number | null; removed: boolean } {
    const found = this.read(messageId);
    if (!found) throw new PmsyncError('NOT_FOUND', 'This message carries no invitation.', 'Only messages with a calendar invitation can be applied.');
    const { text, inv } = found;
    const stored = this.o.index.resourceByUid(inv.uid);
    if (!stored) return { eventId: null, removed: false };
    if (inv.event.sequence < stored.sequence) return { eventId: stored.resourceId, removed: false };
    const writer = this.o.calendar.writable(stored.calendarId);
    if (inv.method === 'CANCEL') {
      writer.remove(stored.resourceId);
      this.o.calendar.cache.invalidate(stored.resourceId);
      return { eventId: null, removed: true };
    }
    if (inv.method !== 'REQUEST') return { eventId: stored.resourceId, removed: false };
    const mine = this.o.calendar.myAddresses();
    const previous = this.o.calendar.cache.get(stored.resourceId)?.parsed.series.find((s) => s.uid === inv.uid)?.master;
    const partstat = (previous ? myPartstatOf(previous, mine) : null) ?? 'NEEDS-ACTION';
    const data = eventDataForCalendar(text, [...mine], partstat);
    if (!data) return { eventId: stored.resourceId, removed: false };
    writer.update(stored.resourceId, data);
    this.o.calendar.cache.invalidate(stored.resourceId);
    return { eventId: stored.resourceId, removed: false };
  }

  private defaultCalendar(): number {
    const writer = this.o.calendar.writer();
    const calendars = writer.listCollections('calendar').filter((c) => !c.readOnly && (c.components.length === 0 || c.components.includes('VEVENT')));
    const pick = calendars.find((c) => c.visible) ?? calendars[0];
    if (!pick) throw new PmsyncError('INVALID_INPUT', 'There is no calendar to put the event in.', 'Add a CalDAV account with a writable calendar.');
    return pick.id;
  }
}
