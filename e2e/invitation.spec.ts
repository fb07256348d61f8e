import { startDovecot } from '../src/sync/imap/test-support/dovecot';
import { startSmtpSink } from '../src/sync/smtp/test-support/smtp-sink';
import { calendarObjects, radicaleWithWorkCalendar, veventProp } from './dav-fixture';
import { expect, test } from './serve-fixture';
import { addAliceThroughUi, fetchBySubject } from './smtp-fixture';

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** A METHOD:REQUEST from bob to alice, as a calendar client would mail it. */
function invitation(start: number): Buffer {
  const ics = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//e2e//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'UID:e2e-roadmap-review', 'SEQUENCE:0',
    `DTSTAMP:${stamp(Date.now())}`, `DTSTART:${stamp(start)}`, `DTEND:${stamp(start + 3_600_000)}`, 'SUMMARY:Roadmap review', 'LOCATION:Room 4',
    'ORGANIZER;CN=Bob Builder:mailto:bob@example.test',
    'ATTENDEE;CN=Bob Builder;PARTSTAT=ACCEPTED:mailto:bob@example.test',
    'ATTENDEE;CN=Alice;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:alice@example.test',
    'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
  return Buffer.from([
    'From: Bob Builder <bob@example.test>', 'To: Alice <alice@example.test>', 'Subject: Invitation: Roadmap review',
    'Message-ID: <e2e-roadmap-invite@example.test>', `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"', '',
    '--b', 'Content-Type: text/plain; charset=utf-8', '', 'Join the roadmap review?',
    '--b', 'Content-Type: text/calendar; charset=utf-8; method=REQUEST', 'Content-Disposition: attachment; filename="invite.ics"', '', ics,
    '--b--', '',
  ].join('\r\n'));
}

test('an invitation mail answered with Accept: the event is on the CalDAV server with my answer and the organizer gets a REPLY', async ({ page, served }) => {
  test.setTimeout(180_000);
  const dovecot = await startDovecot();
  const smtp = await startSmtpSink({ lmtpPort: dovecot.lmtpPort });
  const dav = await radicaleWithWorkCalendar();
  try {
    const start = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 2 * 86_400_000;
    dovecot.seedMaildir('alice', 'INBOX', [{ raw: invitation(start) }]);
    await page.goto(served.url);
    await addAliceThroughUi(page, dovecot, smtp);

    // The calendar account, through the same dialog (CalDAV tab).
    await page.getByTestId('rail-calendar').click();
    await page.getByTestId('calendar-add-account').click();
    const dialog = page.getByTestId('add-account-dialog');
    await dialog.getByTestId('dav-url').fill(dav.server.url);
    await dialog.getByTestId('dav-user').fill(dav.server.user);
    await dialog.getByTestId('dav-password').fill(dav.server.password);
    await dialog.getByTestId('dav-add').click();
    await expect(dialog.getByTestId('dav-found')).toContainText('Work', { timeout: 30_000 });
    await dialog.getByTestId('dav-done').click();

    await page.getByTestId('rail-mail').click();
    await page.getByTestId('thread-row').filter({ hasText: 'Roadmap review' }).click();
    const card = page.getByTestId('invitation-card');
    await expect(card).toContainText('Roadmap review');
    await expect(card).toContainText('Bob Builder');
    await card.getByTestId('invitation-accepted').click();
    await expect(card.getByTestId('invitation-accepted')).toHaveAttribute('aria-pressed', 'true', { timeout: 20_000 });

    // On the server: the event with alice's answer (the write is a persisted task, soon after).
    await expect.poll(async () => {
      const objects = await calendarObjects(dav.server, dav.calendarUrl);
      const mine = objects.find((o) => veventProp(o.ics, 'UID')?.value === 'e2e-roadmap-review');
      return mine ? /ATTENDEE;[^\r\n]*PARTSTAT=ACCEPTED[^\r\n]*:mailto:alice@example\.test/i.test(mine.ics.replace(/\r?\n[ \t]/g, '')) : false;
    }, { timeout: 30_000 }).toBe(true);

    // In bob's INBOX (after the undo-send window): a METHOD:REPLY with alice ACCEPTED, sent once.
    const bob = await dovecot.otherClient('bob');
    try {
      let replies: Awaited<ReturnType<typeof fetchBySubject>> = [];
      await expect.poll(async () => (replies = await fetchBySubject(bob, 'INBOX', 'Roadmap review')).length, { timeout: 60_000 }).toBe(1);
      const ics = replies[0].attachments.find((a) => a.contentType === 'text/calendar')?.content.toString('utf8') ?? '';
      expect(ics).toMatch(/METHOD:REPLY/);
      expect(ics.replace(/\r?\n[ \t]/g, '')).toMatch(/ATTENDEE;[^\r\n]*PARTSTAT=ACCEPTED[^\r\n]*:mailto:alice@example\.test/i);
    } finally {
      await bob.logout();
    }
  } finally {
    await dav.server.dispose();
    await smtp.stop();
    await dovecot.stop();
  }
});
