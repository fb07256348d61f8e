import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startDovecot, type DovecotServer } from '../imap/test-support/dovecot';
import { testMessage, waitFor } from '../imap/test-support/messages';
import { checkSmtpLogin } from './check';
import { startSmtpSink, type SmtpSink } from './test-support/smtp-sink';

/** The SMTP login check against a real SMTP server on loopback that relays into Dovecot. */
let dovecot: DovecotServer;
let sink: SmtpSink;
beforeAll(async () => {
  dovecot = await startDovecot();
  sink = await startSmtpSink({ lmtpPort: dovecot.lmtpPort });
});
afterAll(async () => {
  await sink?.stop();
  await dovecot?.stop();
});

const settings = (overrides: Partial<Parameters<typeof checkSmtpLogin>[0]> = {}) => ({
  host: sink.host, port: sink.port, tls: 'none' as const, user: 'alice@example.test', password: 'alicepass', timeoutMs: 3_000, ...overrides,
});

describe('checkSmtpLogin', () => {
  it('logs in with the right password (AUTH advertised), sending nothing', async () => {
    const before = sink.messages.length;
    await expect(checkSmtpLogin(settings())).resolves.toEqual({ authenticated: true, maxMessageBytes: 50 * 1024 * 1024 });
    expect(sink.logins.at(-1)).toMatchObject({ user: 'alice@example.test', ok: true });
    expect(sink.messages).toHaveLength(before);
  });

  it('says plainly when the password is wrong', async () => {
    await expect(checkSmtpLogin(settings({ password: 'wrong' }))).rejects.toMatchObject({
      code: 'LOGIN_FAILED', message: expect.stringContaining('refused the user name or password'),
    });
    expect(sink.logins.at(-1)).toMatchObject({ ok: false });
  });

  it('reports a closed port as CONNECTION_REFUSED', async () => {
    const closed = await freePort();
    await expect(checkSmtpLogin(settings({ port: closed }))).rejects.toMatchObject({
      code: 'CONNECTION_REFUSED', message: expect.stringContaining(`127.0.0.1:${closed} refused the connection`), hint: expect.stringContaining('587'),
    });
  });

  it('fails plainly when the port is not an SMTP server (IMAP there) instead of hanging', async () => {
    const started = Date.now();
    const err = await checkSmtpLogin(settings({ port: dovecot.imapPort })).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ code: expect.stringMatching(/^(CONNECTION_LOST|SERVER_ERROR|TIMEOUT)$/) });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('requires STARTTLS when the account says so (the sink offers none)', async () => {
    await expect(checkSmtpLogin(settings({ tls: 'starttls' }))).rejects.toMatchObject({ code: expect.stringMatching(/^(TLS_FAILED|CONNECTION_LOST|SERVER_ERROR)$/) });
  });
});

describe('smtp sink', () => {
  it('relays an accepted message into the recipient INBOX over LMTP', async () => {
    const transport = nodemailer.createTransport({ host: sink.host, port: sink.port, secure: false, ignoreTLS: true, auth: { user: 'alice', pass: 'alicepass' } });
    const raw = testMessage({ n: 1, tag: 'relayed', subject: 'Relayed through the sink' });
    await transport.sendMail({ envelope: { from: 'alice@example.test', to: ['bob@example.test'] }, raw });
    transport.close();
    expect(sink.messages.at(-1)).toMatchObject({ from: 'alice@example.test', to: ['bob@example.test'], user: 'alice@example.test' });
    const bob = await dovecot.otherClient('bob');
    await waitFor(async () => {
      const status = await bob.status('INBOX', { messages: true });
      return status !== false && (status.messages ?? 0) >= 1;
    }, 'the relayed message in bob INBOX');
    await bob.mailboxOpen('INBOX');
    const found = await bob.search({ subject: 'Relayed through the sink' }, { uid: true });
    expect(Array.isArray(found) ? found.length : 0).toBe(1);
  });
});
