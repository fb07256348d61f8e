// Test helper: a fresh Dovecot per test file on free loopback ports, under a temp folder.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import type { ImapAccountConfig } from '../account';

const run = promisify(execFile);
const scripts = fileURLToPath(new URL('../../../../scripts/testenv', import.meta.url));
const DOMAIN = 'example.test';

export interface SeedMessage {
  raw: Buffer;
  flags?: string[];
  date?: Date;
}

export interface DovecotServer {
  root: string;
  host: string;
  imapPort: number;
  imapsPort: number;
  lmtpPort: number;
  /** PEM of the self-signed certificate, to trust for the TLS port. */
  caPem: string;
  /** Plain IMAP (no STARTTLS) connection settings for alice/bob/carol. */
  account(user?: string, overrides?: Partial<ImapAccountConfig>): ImapAccountConfig;
  /** Writes messages straight into a folder's Maildir (fast); ASCII folder names only. */
  seedMaildir(user: string, folder: string, messages: SeedMessage[]): void;
  /** Delivers one message over LMTP, as an MTA would: new mail arriving in INBOX. */
  deliver(user: string, raw: Buffer): Promise<void>;
  /** A connected ImapFlow playing "another client" that changes things behind our back. */
  otherClient(user?: string): Promise<ImapFlow>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startDovecot(options: { disableCapabilities?: string[] } = {}): Promise<DovecotServer> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pmsync-dovecot-'));
  const [imapPort, imapsPort, lmtpPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    ...process.env, DC_HOST: '127.0.0.1', IMAP_PORT: String(imapPort), IMAPS_PORT: String(imapsPort),
    LMTP_PORT: String(lmtpPort), DC_DISABLE_CAPS: (options.disableCapabilities ?? []).join(' '),
  };
  const { stdout } = await run('bash', [path.join(scripts, 'start-dovecot.sh'), '--prepare-only', root], { env });
  const conf = stdout.trim();
  // Foreground (-F) under a small bash guard: SIGTERM to the guard stops Dovecot, and the guard
  // also stops it when this test process dies without cleaning up (no orphaned servers).
  const guard = [
    'dovecot -F -c "$1" & d=$!',
    'trap \'kill -TERM $d 2>/dev/null; wait $d; exit 0\' TERM INT',
    'while kill -0 "$2" 2>/dev/null && kill -0 $d 2>/dev/null; do sleep 0.3; done',
    'kill -TERM $d 2>/dev/null; wait $d',
  ].join('\n');
  const child = spawn('bash', ['-c', guard, 'dovecot-guard', conf, String(process.pid)], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForGreeting(imapPort, child);
  const mailUid = process.getuid?.() === 0 ? 65534 : process.getuid?.() ?? 0;
  const mailGid = process.getuid?.() === 0 ? 65534 : process.getgid?.() ?? 0;
  const others: ImapFlow[] = [];

  const server: DovecotServer = {
    root, host: '127.0.0.1', imapPort, imapsPort, lmtpPort,
    caPem: readFileSync(path.join(root, 'dovecot/tls/cert.pem'), 'utf8'),
    account: (user = 'alice', overrides = {}) => ({
      host: '127.0.0.1', port: imapPort, security: 'none', user: `${user}@${DOMAIN}`, password: `${user}pass`, ...overrides,
    }),
    seedMaildir(user, folder, messages) {
      if (!/^[\x20-\x7e]+$/.test(folder)) throw new Error('seedMaildir: ASCII folder names only (use APPEND for others)');
      const home = path.join(root, 'mail', `${user}@${DOMAIN}`, 'Maildir');
      // Maildir++: INBOX is the Maildir itself, "A/B" lives in ".A.B".
      const dir = folder.toUpperCase() === 'INBOX' ? home : path.join(home, '.' + folder.split('/').join('.'));
      for (const d of [home, dir, path.join(dir, 'cur'), path.join(dir, 'new'), path.join(dir, 'tmp')]) {
        mkdirSync(d, { recursive: true });
        chownSync(d, mailUid, mailGid);
      }
      const letters: Record<string, string> = { '\\Draft': 'D', '\\Flagged': 'F', '\\Answered': 'R', '\\Seen': 'S' };
      messages.forEach((m, i) => {
        const date = m.date ?? new Date(Date.UTC(2024, 0, 1) + i * 60_000);
        const info = (m.flags ?? []).map((f) => letters[f] ?? '').sort().join('');
        const file = path.join(dir, 'cur', `${Math.floor(date.getTime() / 1000)}.M${i}P${process.pid}R${Math.random().toString(36).slice(2, 8)}.pmsync,S=${m.raw.length}:2,${info}`);
        writeFileSync(file, m.raw);
        utimesSync(file, date, date); // Dovecot takes INTERNALDATE from the mtime
        chownSync(file, mailUid, mailGid);
      });
    },
    deliver: (user, raw) => deliverLmtp(lmtpPort, `${user}@${DOMAIN}`, raw),
    async otherClient(user = 'alice') {
      const client = new ImapFlow({
        host: '127.0.0.1', port: imapPort, secure: false, doSTARTTLS: false,
        auth: { user: `${user}@${DOMAIN}`, pass: `${user}pass` }, logger: false, disableAutoIdle: true,
      });
      client.on('error', () => undefined);
      await client.connect();
      others.push(client);
      return client;
    },
    async stop() {
      await Promise.all(others.map((c) => c.logout().catch(() => c.close())));
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => {
        child.kill('SIGKILL');
        const master = Number(readFileSync(path.join(root, 'dovecot/run/master.pid'), 'utf8'));
        if (master > 0) process.kill(master, 'SIGKILL');
      }, 3_000);
      await exited;
      clearTimeout(killer);
      rmSync(root, { recursive: true, force: true });
    },
  };
  return server;
}

async function waitForGreeting(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode} before listening`);
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setTimeout(500);
      socket.once('data', (d) => {
        socket.destroy();
        resolve(d.toString().includes('ready.'));
      });
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
    });
    if (greeted) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  throw new Error('dovecot did not greet within 10 s');
}

/** A minimal LMTP client (RFC 2033): LHLO, MAIL, RCPT, DATA with dot-stuffing, QUIT. */
export async function deliverLmtp(port: number, recipient: string, raw: Buffer): Promise<void> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  let buffer = '';
  const waiters: ((line: string) => void)[] = [];
  socket.on('data', (chunk) => {
    buffer += chunk.toString('latin1');
    let nl: number;
    while ((nl = buffer.indexOf('\r\n')) !== -1) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 2);
      if (/^\d{3} /.test(line)) waiters.shift()?.(line);
    }
  });
  const reply = (): Promise<string> => new Promise((resolve) => waiters.push(resolve));
  const expect = async (code: string, what: string): Promise<void> => {
    const line = await reply();
    if (!line.startsWith(code)) throw new Error(`LMTP ${what}: ${line}`);
  };
  await expect('220', 'greeting');
  socket.write(`LHLO pmsync.test\r\n`);
  await expect('250', 'LHLO');
  socket.write(`MAIL FROM:<sender@${DOMAIN}>\r\n`);
  await expect('250', 'MAIL');
  socket.write(`RCPT TO:<${recipient}>\r\n`);
  await expect('250', 'RCPT');
  socket.write('DATA\r\n');
  await expect('354', 'DATA');
  const body = raw.toString('latin1').replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
  socket.write(Buffer.from(body.endsWith('\r\n') ? body : body + '\r\n', 'latin1'));
  socket.write('.\r\n');
  await expect('250', 'delivery');
  socket.end('QUIT\r\n');
}

/** The raw messages with this Message-ID in a user's mailbox, read as another client would. */
export async function messagesWithId(dovecot: DovecotServer, user: string, mailbox: string, messageId: string): Promise<Buffer[]> {
  const client = await dovecot.otherClient(user);
  try {
    if (!(await client.list()).some((m) => m.path === mailbox)) return [];
    await client.mailboxOpen(mailbox, { readOnly: true });
    const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
    if (!Array.isArray(uids) || uids.length === 0) return [];
    const out: Buffer[] = [];
    for await (const m of client.fetch(uids, { source: true }, { uid: true })) if (m.source) out.push(m.source);
    return out;
  } finally {
    await client.logout();
  }
}
