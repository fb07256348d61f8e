// Test helper: an SMTP server on loopback (npm smtp-server) that, when armed, keeps its reply to
// the next message body to itself until the test releases it: the client has sent DATA and the
// server has the message, but the client has not heard so. Released messages are relayed into
// Dovecot over LMTP like the regular sink (smtp-sink.ts) does, so delivery can be checked over IMAP.
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';

export interface HoldingSmtp {
  port: number;
  /** Bodies received (held or not), oldest first. */
  readonly received: Buffer[];
  /** The next body is held; resolves when it has fully arrived. */
  holdNext(): Promise<void>;
  /** Delivers the held message and answers 250 (to whoever still listens). */
  release(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHoldingSmtp(lmtpPort: number, users: Record<string, string> = { alice: 'alicepass' }, domain = 'example.test'): Promise<HoldingSmtp> {
  const lmtp = nodemailer.createTransport({ host: '127.0.0.1', port: lmtpPort, lmtp: true, secure: false, ignoreTLS: true });
  const received: Buffer[] = [];
  let armed: (() => void) | null = null;
  let held: (() => Promise<void>) | null = null;
  const deliver = (from: string, to: string[], raw: Buffer) =>
    lmtp.sendMail({ envelope: { from, to }, raw }).then((info) => (info.rejected.length > 0 ? new Error(`LMTP rejected ${info.rejected.join(', ')}`) : null));

  const server = new SMTPServer({
    name: 'localhost', authMethods: ['PLAIN', 'LOGIN'], allowInsecureAuth: true, disabledCommands: ['STARTTLS'], disableReverseLookup: true,
    onAuth(auth, _session, callback) {
      const name = (auth.username ?? '').toLowerCase().replace(`@${domain}`, '');
      if (users[name] !== auth.password) return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      callback(null, { user: name });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        received.push(raw);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => r.address);
        const answer = () => deliver(from, to, raw).then((e) => callback(e), (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))));
        if (armed) {
          const notify = armed;
          armed = null;
          held = answer;
          notify();
          return;
        }
        void answer();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    holdNext: () => new Promise<void>((resolve) => (armed = resolve)),
    async release() {
      const h = held;
      held = null;
      await h?.();
    },
    stop: () => new Promise<void>((resolve) => {
      lmtp.close();
      server.close(() => resolve());
    }),
  };
}
