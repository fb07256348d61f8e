import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../sync/imap/test-support/dovecot';
import { waitFor } from '../../sync/imap/test-support/messages';
import { startSmtpSinkProcess, type SmtpSinkProcess } from '../../sync/smtp/test-support/smtp-sink-process';

/** `pmsync send` and `pmsync outbox` as a user runs them (the built bundle), through a real SMTP sink into Dovecot. */
const repo = path.resolve(__dirname, '..', '..', '..');
const bin = path.join(repo, 'bin', 'pmsync.mjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pmsync-cli-send-'));
const profile = path.join(tmp, 'profile');
const PASS = 'send test passphrase';
let dovecot: DovecotServer;
/** In its own process: pmsync runs under spawnSync, which blocks this one. */
let smtp: SmtpSinkProcess;

function pmsync(args: string[], extraEnv: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, '--profile', profile, ...args], {
    encoding: 'utf8', env: { PATH: process.env.PATH, HOME: tmp, PMSYNC_PASSPHRASE: PASS, ...extraEnv }, timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function imapAccounts(): { id: number }[] {
  const list = JSON.parse(pmsync(['account', 'list', '--json']).stdout) as { id: number; kind?: string; email?: string | null }[];
  return list.filter((a) => a.kind === 'imap' || a.email === 'alice@example.test');
}

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(repo, 'scripts', 'build-core.mjs')], { cwd: repo, stdio: 'pipe' });
  dovecot = await startDovecot();
  smtp = await startSmtpSinkProcess({ lmtpPort: dovecot.lmtpPort });
  expect(pmsync(['init']).code).toBe(0);
  const add = pmsync(['account', 'add', 'imap', '--email', 'alice@example.test', '--imap-host', '127.0.0.1', '--imap-port', String(dovecot.imapPort),
    '--smtp-host', '127.0.0.1', '--smtp-port', String(smtp.port), '--tls', 'none', '--password-env', 'ALICE_PW'], { ALICE_PW: 'alicepass' });
  expect(add.code, add.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await smtp?.stop();
  await dovecot?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

it('sends with a body and an attachment, lists it as sent, and the recipient reads it over IMAP', async () => {
  const accounts = imapAccounts();
  const body = path.join(tmp, 'body.txt');
  const attachment = path.join(tmp, 'notes.csv');
  writeFileSync(body, 'Hello from the command line\n');
  writeFileSync(attachment, 'a,b\n1,2\n');
  const sent = pmsync(['send', '--account', String(accounts[0].id), '--to', 'bob@example.test', '--subject', 'CLI send', '--body-file', body,
    '--attach', attachment, '--in-reply-to', '<thread-root@example.test>', '--json']);
  expect(sent.code, sent.stderr).toBe(0);
  const result = JSON.parse(sent.stdout) as { messageId: string; state: string };
  expect(result.state).toBe('sent');

  const outbox = JSON.parse(pmsync(['outbox', '--json']).stdout) as { messageId: string; state: string; reason: string | null }[];
  expect(outbox).toEqual([expect.objectContaining({ messageId: result.messageId, state: 'sent', reason: null })]);
  expect(pmsync(['outbox']).stdout).toMatch(/sent\s+.*CLI send/);

  const bob = await dovecot.otherClient('bob');
  let source: Buffer | undefined;
  await waitFor(async () => {
    await bob.mailboxOpen('INBOX');
    const uids = await bob.search({ header: { 'message-id': result.messageId } }, { uid: true });
    if (!Array.isArray(uids) || uids.length !== 1) return false;
    const fetched = await bob.fetchOne(String(uids[0]), { source: true }, { uid: true });
    source = fetched ? fetched.source : undefined;
    return source !== undefined;
  }, 'the message in bob INBOX');
  await bob.logout();
  const parsed = await simpleParser(source!);
  expect(parsed.subject).toBe('CLI send');
  expect(parsed.inReplyTo).toBe('<thread-root@example.test>');
  expect(parsed.text?.trim()).toBe('Hello from the command line');
  expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['notes.csv', 'a,b\n1,2\n']]);
});

it('refuses a bad address before anything is queued', () => {
  const accounts = imapAccounts();
  const r = pmsync(['send', '--account', String(accounts[0].id), '--to', 'not-an-address', '--subject', 'x']);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(/not a valid email address/i);
  expect(JSON.parse(pmsync(['outbox', '--json']).stdout)).toHaveLength(1);
});

it('--at schedules; `sync --once` sends it once the time has come', async () => {
  const [account] = imapAccounts();
  const at = new Date(Date.now() + 1500).toISOString();
  const queued = pmsync(['send', '--account', String(account.id), '--to', 'bob@example.test', '--subject', 'Scheduled from CLI', '--at', at, '--json']);
  expect(queued.code, queued.stderr).toBe(0);
  const result = JSON.parse(queued.stdout) as { messageId: string; state: string; undoUntil: number };
  expect(result).toMatchObject({ state: 'scheduled', undoUntil: Date.parse(at) });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(at) - Date.now()) + 200));
  const sync = pmsync(['sync', '--once', '--account', String(account.id)]);
  expect(sync.code, sync.stderr).toBe(0);
  const outbox = JSON.parse(pmsync(['outbox', '--json']).stdout) as { messageId: string; state: string }[];
  expect(outbox.find((r) => r.messageId === result.messageId)).toMatchObject({ state: 'sent' });
});
