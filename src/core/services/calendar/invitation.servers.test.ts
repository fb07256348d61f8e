import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../sync/imap/test-support/messages';
import { startRadicale, startXandikos, type DavTestServer } from '../../../sync/dav/test-support/dav-servers';
import { parseMessage } from '../../mail/parse-message';
import { startOutboxEnv, type OutboxEnv } from '../outbox/test-support/outbox-env';
import { openCalendarEnv, type CalendarEnv } from './test-support/calendar-env';

/**
 * iMIP end to end: an invitation mail (parsed by the real parser) → Accept → the event on the
 * DAV server (Radicale and Xandikos) with PARTSTAT=ACCEPTED, and a METHOD:REPLY delivered through
 * the outbox (SMTP sink relaying into Dovecot) to the organizer's INBOX; then the organizer's
 * CANCEL removes it. Each server gets its own mail environment, so Bob's INBOX holds one REPLY.
 */
const servers = [['Radicale', startRadicale], ['Xandikos', startXandikos]] as const;

function invitationMail(method: 'REQUEST' | 'CANCEL', sequence: number, id: string, startLocal = '20270310T100000'): Buffer {
  const ics = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Organizer//EN', `METHOD:${method}`,
    'BEGIN:VEVENT', 'UID:planning-42@example.test', `SEQUENCE:${sequence}`, 'DTSTAMP:20270101T000000Z',
    `DTSTART;TZID=America/New_York:${startLocal}`, 'DURATION:PT1H',
    'SUMMARY:Planning', 'LOCATION:Room 7', 'ORGANIZER;CN=Bob:mailto:bob@example.test',
    'ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:bob@example.test',
    'ATTENDEE;CN=Alice;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:alice@example.test',
    ...(method === 'CANCEL' ? ['STATUS:CANCELLED'] : []),
    'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
  return Buffer.from([
    'From: Bob <bob@example.test>', 'To: alice@example.test', `Subject: Invitation: Planning`, `Message-ID: <${id}@example.test>`,
    'Date: Fri, 01 Jan 2027 10:00:00 +0000', 'MIME-Version: 1.0', 'Content-Type: multipart/alternative; boundary="b1"', '',
    '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'You are invited.', '',
    '--b1', `Content-Type: text/calendar; charset=utf-8; method=${method}`, '', ics, '--b1--', '',
  ].join('\r\n'));
}

  describe.each(servers)('invitations against %s', (_name, startServer) => {
  let mail: OutboxEnv;
  let server: DavTestServer;
  let env: CalendarEnv;
  let calUrl: string;

  async function deliver(raw: Buffer): Promise<number> {
    const parsed = await parseMessage(raw);
    const [id] = mail.t.store.insertMessages(mail.t.inbox.id, [parsed]).ids;
    if (!id) throw new Error('not stored');
    return id;
  }

  beforeAll(async () => {
    [mail, server] = await Promise.all([startOutboxEnv(), startServer()]);
    calUrl = await server.makeCalendar('personal', 'Personal');
    env = await openCalendarEnv({ store: mail.t, withOutbox: true, userZone: 'Europe/Berlin' });
    const davId = (await env.dav.accounts.addDav({ url: server.url, user: server.user, password: server.password })).id;
    await env.dav.supervisor.syncOnce(davId);
  }, 60_000);
  afterAll(async () => {
    await env?.close();
    await server?.dispose();
    await mail?.stop();
  });

  it('shows the invitation, accepts it into the calendar and mails METHOD:REPLY to the organizer', async () => {
    const messageId = await deliver(invitationMail('REQUEST', 0, 'inv-1'));
    const inv = env.cal.invitations.getInvitation(messageId);
    expect(inv).toMatchObject({
      method: 'REQUEST', uid: 'planning-42@example.test', sequence: 0, title: 'Planning', location: 'Room 7', allDay: false,
      start: Date.UTC(2027, 2, 10, 15), end: Date.UTC(2027, 2, 10, 16), organizer: { name: 'Bob', email: 'bob@example.test' },
      myPartstat: 'NEEDS-ACTION', eventId: null, outdated: false, recurring: false, conflicts: [],
    });

    const answer = await env.cal.invitations.respondInvitation(messageId, 'ACCEPTED');
    expect(answer.eventId).toBeGreaterThan(0);
    expect(answer.replyOutboxId).toBeGreaterThan(0);
    expect(await env.queue.drain({ timeoutMs: 30_000 })).toMatchObject({ failed: 0, pending: 0 });

    // On the server, as another client reads it.
    const listing = await server.request('PROPFIND', calUrl, undefined, { depth: '1' });
    const href = /<(?:\w+:)?href>([^<]+\.ics)</.exec(listing.text)?.[1];
    expect(href).toBeDefined();
    const stored = (await server.request('GET', new URL(href ?? '', server.url).toString())).text;
    expect(stored).toContain('UID:planning-42@example.test');
    expect(stored).toMatch(/ATTENDEE;[^\r\n]*PARTSTAT=ACCEPTED[^\r\n]*:mailto:alice@example\.test/);
    expect(stored).not.toContain('METHOD:');
    expect(env.cal.invitations.getInvitation(messageId)).toMatchObject({ eventId: answer.eventId, myPartstat: 'ACCEPTED' });

    // The reply in Bob's INBOX.
    let copies: Buffer[] = [];
    await waitFor(async () => {
      const c = await mail.dovecot.otherClient('bob');
      try {
        await c.mailboxOpen('INBOX', { readOnly: true });
        const uids = await c.search({ subject: 'Accepted: Planning' }, { uid: true });
        copies = [];
        if (Array.isArray(uids) && uids.length > 0) for await (const m of c.fetch(uids, { source: true }, { uid: true })) if (m.source) copies.push(m.source);
      } finally {
        await c.logout();
      }
      return copies.length === 1;
    }, 'the REPLY in bob INBOX');
    const reply = await simpleParser(copies[0]);
    const part = reply.attachments.find((a) => a.contentType === 'text/calendar');
    expect(part).toBeDefined();
    const replyIcs = part?.content.toString('utf8') ?? '';
    expect(copies[0].toString('latin1')).toMatch(/Content-Type: text\/calendar;[^\r\n]*method=REPLY/i);
    expect(replyIcs).toContain('METHOD:REPLY');
    expect(replyIcs).toMatch(/ATTENDEE;[^\r\n]*PARTSTAT=ACCEPTED[^\r\n]*:mailto:alice@example\.test/);
    expect(replyIcs).not.toContain('mailto:bob@example.test\r\nATTENDEE');
    expect(replyIcs.match(/^ATTENDEE/gm)).toHaveLength(1);
  }, 60_000);

  it('applies the organizer\'s newer REQUEST (keeping the answer) and marks the older one outdated', async () => {
    const first = await deliver(invitationMail('REQUEST', 0, 'inv-1b'));
    const moved = await deliver(invitationMail('REQUEST', 1, 'inv-2', '20270311T140000'));
    const before = env.cal.invitations.getInvitation(moved);
    expect(before).toMatchObject({ sequence: 1, outdated: false, myPartstat: 'ACCEPTED' });
    expect(env.cal.invitations.applyInvitation(moved)).toEqual({ eventId: before?.eventId, removed: false });
    expect(await env.queue.drain({ timeoutMs: 20_000 })).toMatchObject({ failed: 0, pending: 0 });
    const [stored] = env.cal.calendar.listEvents(Date.UTC(2027, 2, 1), Date.UTC(2027, 3, 1));
    // 14:00 in New York on 11 March 2027 is still EST (UTC-5; DST starts on the 14th): 19:00Z.
    expect(stored).toMatchObject({ title: 'Planning', start: Date.UTC(2027, 2, 11, 19), myPartstat: 'ACCEPTED', syncState: 'synced' });
    expect(env.cal.invitations.getInvitation(first)).toMatchObject({ sequence: 0, outdated: true });
    await expect(env.cal.invitations.respondInvitation(first, 'DECLINED')).rejects.toThrow(/outdated/);
  }, 60_000);

  it('applies the organizer\'s CANCEL: the event leaves the calendar and the server', async () => {
    const messageId = await deliver(invitationMail('CANCEL', 2, 'cancel-1'));
    expect(env.cal.invitations.getInvitation(messageId)).toMatchObject({ method: 'CANCEL', outdated: false });
    expect(env.cal.invitations.applyInvitation(messageId)).toEqual({ eventId: null, removed: true });
    expect(await env.queue.drain({ timeoutMs: 20_000 })).toMatchObject({ failed: 0, pending: 0 });
    const listing = await server.request('PROPFIND', calUrl, undefined, { depth: '1' });
    expect(listing.text).not.toMatch(/\.ics</);
    expect(env.cal.calendar.listEvents(Date.UTC(2027, 2, 1), Date.UTC(2027, 3, 1))).toEqual([]);
  }, 60_000);
});
