import type { AddressInfo } from 'node:net';
import type { ImapFlow } from 'imapflow';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Page } from '@playwright/test';
import type { DovecotServer } from '../src/sync/imap/test-support/dovecot';
import type { SmtpSink } from '../src/sync/smtp/test-support/smtp-sink';
import { expect } from './serve-fixture';

/** Adds alice's IMAP account through the UI, pointed at the loopback Dovecot and SMTP sink. */
export async function addAliceThroughUi(page: Page, dovecot: DovecotServer, smtp: Pick<SmtpSink, 'port'>): Promise<void> {
  await page.getByTestId('add-account-button').click();
  await page.getByTestId('account-email').fill('alice@example.test');
  await page.getByTestId('account-password').fill('alicepass');
  await page.getByTestId('account-continue').click();
  await expect(page.getByTestId('settings-source')).toBeVisible({ timeout: 20_000 });
  await page.getByTestId('imap-host').fill('127.0.0.1');
  await page.getByTestId('imap-port').fill(String(dovecot.imapPort));
  await page.getByTestId('imap-tls').selectOption('none');
  await page.getByTestId('smtp-host').fill('127.0.0.1');
  await page.getByTestId('smtp-port').fill(String(smtp.port));
  await page.getByTestId('smtp-tls').selectOption('none');
  await page.getByTestId('account-add').click();
  await expect(page.getByTestId('add-account-dialog')).toBeHidden({ timeout: 20_000 });
  // The composer offers accounts once the app has listed the new one.
  await expect(page.getByTestId('account').filter({ hasText: 'alice@example.test' })).toBeVisible({ timeout: 20_000 });
}

/** The raw messages in a user's folder whose subject contains `subject`, parsed (read over IMAP, as another client would). */
export async function fetchBySubject(client: ImapFlow, folder: string, subject: string): Promise<ParsedMail[]> {
  const lock = await client.getMailboxLock(folder);
  try {
    const uids = await client.search({ subject }, { uid: true });
    if (!Array.isArray(uids) || uids.length === 0) return [];
    const out: ParsedMail[] = [];
    for await (const msg of client.fetch(uids, { source: true }, { uid: true })) {
      if (msg.source) out.push(await simpleParser(msg.source, { keepCidLinks: true }));
    }
    return out;
  } finally {
    lock.release();
  }
}

/** The header of a parsed message as one string (mailparser keeps structured values for some). */
export function headerText(mail: ParsedMail, name: string): string {
  const value = mail.headers.get(name.toLowerCase());
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(' ');
  return JSON.stringify(value);
}

/**
 * An SMTP server that refuses some recipients at RCPT TO with a permanent 550, as a real server
 * does for an unknown mailbox. Logins are accepted; nothing is delivered.
 */
export async function startRejectingSmtp(refuse: (address: string) => boolean): Promise<{ port: number; stop(): Promise<void> }> {
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onRcptTo: (address, _session, callback) => {
      if (refuse(address.address)) return callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      callback();
    },
    onData: (stream, _session, callback) => {
      stream.resume();
      stream.on('end', () => callback(null));
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
