// Test helper: a real SMTP server on loopback (npm smtp-server) that accepts AUTH PLAIN/LOGIN for
// the test users (alice/alicepass, also as alice@example.test) and relays every accepted message
// into Dovecot over LMTP, so sent mail lands in the recipients' INBOX (issue 4 sends through it).
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface SmtpSinkOptions {
  /** Dovecot's LMTP port; without it messages are only captured. */
  lmtpPort?: number;
  host?: string;
  /** Port to listen on; default a free one (the demo uses a fixed port its account points at). */
  port?: number;
  /** Users that may log in, as name → password; default alice/bob/carol with "<name>pass". */
  users?: Record<string, string>;
  /** Mail domain of the test users: "alice@example.test" logs in as "alice" too. */
  domain?: string;
}

export interface CapturedMessage {
  from: string;
  to: string[];
  /** Who logged in to send it. */
  user: string | null;
  raw: Buffer;
}

export interface SmtpSink {
  host: string;
  port: number;
  /** Messages accepted so far, oldest first. */
  readonly messages: CapturedMessage[];
  /** Logins tried, with their outcome (the password never recorded). */
  readonly logins: { user: string; method: string; ok: boolean }[];
  stop(): Promise<void>;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const host = options.host ?? '127.0.0.1';
  const domain = options.domain ?? 'example.test';
  const users = options.users ?? { alice: 'alicepass', bob: 'bobpass', carol: 'carolpass' };
  const messages: CapturedMessage[] = [];
  const logins: SmtpSink['logins'] = [];
  const lmtp = options.lmtpPort
    ? nodemailer.createTransport({ host, port: options.lmtpPort, lmtp: true, secure: false, ignoreTLS: true })
    : undefined;

  const server = new SMTPServer({
    name: 'localhost',
    banner: 'pmsync test smtp sink',
    authMethods: ['PLAIN', 'LOGIN'],
    // Plain loopback: AUTH is offered without TLS (smtp-server hides it otherwise).
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    size: 50 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      const name = (auth.username ?? '').toLowerCase();
      const local = name.endsWith(`@${domain}`) ? name.slice(0, -domain.length - 1) : name;
      const ok = Object.hasOwn(users, local) && users[local] === auth.password;
      logins.push({ user: auth.username ?? '', method: auth.method, ok });
      if (!ok) return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      callback(null, { user: `${local}@${domain}` });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((r) => r.address);
        messages.push({ from, to, user: typeof session.user === 'string' ? session.user : null, raw });
        if (!lmtp) return callback(null);
        lmtp.sendMail({ envelope: { from, to }, raw }).then(
          (info) => callback(info.rejected.length > 0 ? new Error(`LMTP rejected ${info.rejected.join(', ')}`) : null),
          (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
        );
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return {
    host,
    port: address.port,
    messages,
    logins,
    stop: () => new Promise<void>((resolve) => {
      lmtp?.close();
      server.close(() => resolve());
    }),
  };
}
