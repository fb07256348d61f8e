import { startDovecot } from '../src/sync/imap/test-support/dovecot';
import { startSmtpSink } from '../src/sync/smtp/test-support/smtp-sink';
import { expect, test } from './serve-fixture';

function message(i: number, subject: string): Buffer {
  return Buffer.from(
    [
      'From: Dana Sender <dana@example.test>',
      'To: Alice <alice@example.test>',
      `Subject: ${subject}`,
      `Message-ID: <e2e-imap-${i}@example.test>`,
      `Date: ${new Date(Date.UTC(2025, 0, 1, 9, i)).toUTCString()}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Body of ${subject}.`,
      '',
    ].join('\r\n'),
  );
}

test('add an IMAP account through the UI, see mail arrive, archive with e, and it is gone from the server INBOX', async ({ page, served }) => {
  test.setTimeout(90_000);
  const dovecot = await startDovecot();
  const smtp = await startSmtpSink({ lmtpPort: dovecot.lmtpPort });
  try {
    dovecot.seedMaildir('alice', 'INBOX', [message(1, 'Lunch on Thursday'), message(2, 'Quarterly numbers'), message(3, 'Trip photos')].map((raw) => ({ raw })));
    await page.goto(served.url);

    // Add the account as a user would: address and password, then the (corrected) server.
    await page.getByTestId('add-account-button').click();
    await page.getByTestId('account-email').fill('alice@example.test');
    await page.getByTestId('account-password').fill('wrong password');
    await page.getByTestId('account-continue').click();
    await expect(page.getByTestId('settings-source')).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('imap-host').fill('127.0.0.1');
    await page.getByTestId('imap-port').fill(String(dovecot.imapPort));
    await page.getByTestId('imap-tls').selectOption('none');
    await page.getByTestId('smtp-host').fill('127.0.0.1');
    await page.getByTestId('smtp-port').fill(String(smtp.port));
    await page.getByTestId('smtp-tls').selectOption('none');
    await page.getByTestId('account-add').click();
    // A wrong password is reported next to the password field, and nothing is saved.
    await expect(page.getByTestId('error-password')).toBeVisible({ timeout: 20_000 });
    await page.getByTestId('account-password').fill('alicepass');
    await page.getByTestId('account-add').click();
    await expect(page.getByTestId('add-account-dialog')).toBeHidden({ timeout: 20_000 });

    // The account shows in the sidebar with its sync state, and its mail arrives.
    const account = page.getByTestId('account').filter({ hasText: 'alice@example.test' });
    await expect(account).toBeVisible();
    await expect(account.getByTestId('sync-status')).toBeVisible({ timeout: 20_000 });
    const rows = page.getByTestId('thread-row');
    await expect(rows.filter({ hasText: 'Quarterly numbers' })).toBeVisible({ timeout: 20_000 });
    await expect(rows).toHaveCount(3);

    // New mail delivered to the server arrives by itself.
    await dovecot.deliver('alice', message(4, 'Fresh delivery'));
    await expect(rows.filter({ hasText: 'Fresh delivery' })).toBeVisible({ timeout: 20_000 });

    // Open one conversation and archive it with `e`: it leaves the list at once, with Undo offered.
    await rows.filter({ hasText: 'Quarterly numbers' }).click();
    await expect(page.getByTestId('reader')).toContainText('Body of Quarterly numbers.');
    await page.keyboard.press('e');
    await expect(rows.filter({ hasText: 'Quarterly numbers' })).toHaveCount(0);
    await expect(page.getByTestId('undo-toast')).toContainText('Archived 1 conversation');

    // The server agrees: gone from INBOX, kept in the archive.
    const other = await dovecot.otherClient('alice');
    const inInbox = async () => {
      const lock = await other.getMailboxLock('INBOX');
      try {
        const uids = await other.search({ subject: 'Quarterly numbers' }, { uid: true });
        return Array.isArray(uids) ? uids.length : 0;
      } finally {
        lock.release();
      }
    };
    await expect.poll(inInbox, { timeout: 20_000 }).toBe(0);
    const inboxStatus = await other.status('INBOX', { messages: true });
    expect(inboxStatus === false ? null : inboxStatus.messages).toBe(3);
    const archive = (await other.list()).find((m) => m.specialUse === '\\Archive' || m.path === 'Archive');
    expect(archive).toBeDefined();
    const lock = await other.getMailboxLock(archive!.path);
    try {
      const archived = await other.search({ subject: 'Quarterly numbers' }, { uid: true });
      expect(Array.isArray(archived) ? archived.length : 0).toBe(1);
    } finally {
      lock.release();
    }
  } finally {
    // Stop PMSync while its server is still there (a serve whose IMAP server vanished has been seen
    // to hang on SIGTERM, see the I3 notes), then the server. The fixture's own stop is then a no-op.
    await served.stop();
    await smtp.stop();
    await dovecot.stop();
  }
});
