// The mail half of `npm run demo`: a throw-away Dovecot (IMAP + LMTP) and an SMTP sink that
// relays into it, on fixed loopback ports, so the demo profile can really send, reply and
// receive. "You" are alice@example.test; bob and carol write to you and receive what you send.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_MAIL = { email: 'alice@example.test', password: 'alicepass', imapPort: 4782, lmtpPort: 4783, smtpPort: 4784 };

export function dovecotInstalled() {
  return spawnSync('sh', ['-c', 'command -v dovecot'], { stdio: 'ignore' }).status === 0;
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Starts Dovecot and the SMTP sink under `dir`; resolves with stop(). Throws with a reason. */
export async function startDemoMail(dir) {
  for (const port of [DEMO_MAIL.imapPort, DEMO_MAIL.lmtpPort, DEMO_MAIL.smtpPort]) {
    if (!(await portFree(port))) throw new Error(`port ${port} is in use (another demo running?)`);
  }
  fs.mkdirSync(dir, { recursive: true });
  const env = { ...process.env, IMAP_PORT: String(DEMO_MAIL.imapPort), IMAPS_PORT: '4785', LMTP_PORT: String(DEMO_MAIL.lmtpPort) };
  // Output to a file, not a pipe: the daemon inherits the descriptors and would hold a pipe open.
  const logFile = path.join(dir, 'start-dovecot.log');
  const log = fs.openSync(logFile, 'w');
  const started = spawnSync('bash', [path.join(repo, 'scripts/testenv/start-dovecot.sh'), dir], { env, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  if (started.status !== 0) throw new Error(`Dovecot did not start: ${fs.readFileSync(logFile, 'utf8').trim()}`);

  const bundle = path.join(dir, 'smtp-sink.cjs');
  buildSync({
    entryPoints: [path.join(repo, 'src/sync/smtp/test-support/smtp-sink-main.ts')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'error', packages: 'external',
  });
  const sink = spawn(process.execPath, [bundle], {
    env: { ...process.env, NODE_PATH: path.join(repo, 'node_modules'), LMTP_PORT: String(DEMO_MAIL.lmtpPort), SMTP_PORT: String(DEMO_MAIL.smtpPort) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    sink.stdout.on('data', (d) => String(d).includes('port=') && resolve());
    sink.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code})`)));
  });
  return {
    stop() {
      sink.kill('SIGTERM');
      spawnSync('bash', [path.join(repo, 'scripts/testenv/stop-dovecot.sh'), dir], { stdio: 'ignore' });
    },
  };
}

const crlf = (lines) => lines.join('\r\n') + '\r\n';
const p2 = (n) => String(n).padStart(2, '0');
const icsTime = (d) => `${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}T${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}00Z`;

function welcome(now) {
  return crlf([
    'From: Bob Example <bob@example.test>', 'To: Alice <alice@example.test>', `Date: ${now.toUTCString()}`,
    `Message-ID: <demo-welcome-${now.getTime()}@example.test>`, 'Subject: Welcome to the PMSync demo server',
    'Content-Type: text/plain; charset=utf-8', '',
    'Hi Alice,', '', 'This mail came from a real IMAP server running on your machine for the demo.',
    'Press r to reply: your answer goes out through a local SMTP server and lands in my mailbox,',
    'and a copy appears in your Sent folder.', '', 'Bob',
  ]);
}

function invitation(now) {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 2, 14));
  const end = new Date(start.getTime() + 3600e3);
  const ics = crlf([
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//PMSync demo//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT',
    `UID:demo-invite-${now.getTime()}@example.test`, `DTSTAMP:${icsTime(now)}`, `DTSTART:${icsTime(start)}`, `DTEND:${icsTime(end)}`,
    'SEQUENCE:0', 'SUMMARY:Roadmap review', 'LOCATION:Room 4',
    'ORGANIZER;CN=Carol Example:mailto:carol@example.test',
    'ATTENDEE;CN=Alice;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;ROLE=REQ-PARTICIPANT:mailto:alice@example.test',
    'END:VEVENT', 'END:VCALENDAR',
  ]);
  return crlf([
    'From: Carol Example <carol@example.test>', 'To: Alice <alice@example.test>', `Date: ${now.toUTCString()}`,
    `Message-ID: <demo-invite-${now.getTime()}@example.test>`, 'Subject: Invitation: Roadmap review', 'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="demo-b"', '',
    '--demo-b', 'Content-Type: text/plain; charset=utf-8', '', 'Carol invites you to the roadmap review. Answer with the buttons above.', '',
    '--demo-b', 'Content-Type: text/calendar; charset=utf-8; method=REQUEST', 'Content-Disposition: attachment; filename="invite.ics"', '',
    ics, '--demo-b--',
  ]);
}

/** Delivers a welcome mail and an invitation to alice over LMTP. */
export async function seedDemoMail(now = new Date()) {
  const { default: nodemailer } = await import('nodemailer');
  const lmtp = nodemailer.createTransport({ host: '127.0.0.1', port: DEMO_MAIL.lmtpPort, lmtp: true, ignoreTLS: true });
  for (const raw of [welcome(now), invitation(now)]) {
    await lmtp.sendMail({ envelope: { from: 'bob@example.test', to: ['alice@example.test'] }, raw });
  }
  lmtp.close();
}
