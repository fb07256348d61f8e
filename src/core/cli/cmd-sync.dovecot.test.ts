import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../sync/imap/test-support/dovecot';
import { testMessages } from '../../sync/imap/test-support/messages';
import { startSmtpSinkProcess, type SmtpSinkProcess } from '../../sync/smtp/test-support/smtp-sink-process';
import { openProfile } from '../store/index';
import { imapSyncStoreFor } from '../store/imap-sync-store';
import { openCore } from '../app';

/** `pmsync account` and `pmsync sync` as a user runs them (the built bundle), against Dovecot. */
const repo = path.resolve(__dirname, '..', '..', '..');
const bin = path.join(repo, 'bin', 'pmsync.mjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pmsync-cli-sync-'));
const profile = path.join(tmp, 'profile');
const PASS = 'sync test passphrase';
const INBOX = 3000;
const WORK = 400;
let dovecot: DovecotServer;
/** In its own process: pmsync runs under spawnSync, which blocks this one. */
let smtp: SmtpSinkProcess;

interface Run { code: number | null; stdout: string; stderr: string }

function pmsync(args: string[], extraEnv: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [bin, '--profile', profile, ...args], {
    encoding: 'utf8', env: { PATH: process.env.PATH, HOME: tmp, PMSYNC_PASSPHRASE: PASS, ...extraEnv }, timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function addArgs(passwordVar: string): string[] {
  return ['account', 'add', 'imap', '--email', 'alice@example.test', '--imap-host', '127.0.0.1', '--imap-port', String(dovecot.imapPort),
    '--smtp-host', '127.0.0.1', '--smtp-port', String(smtp.port), '--tls', 'none', '--password-env', passwordVar];
}

/** Server UIDs per folder, from another client. */
async function serverUids(folders: string[]): Promise<Map<string, number[]>> {
  const client = await dovecot.otherClient();
  const out = new Map<string, number[]>();
  for (const f of folders) {
    await client.mailboxOpen(f);
    const uids = await client.search({ all: true }, { uid: true });
    out.set(f, Array.isArray(uids) ? uids.sort((a, b) => a - b) : []);
  }
  await client.logout();
  return out;
}

/** Opens the profile in this process and checks the sync invariants. */
async function checkProfile(server: Map<string, number[]>, expectComplete: boolean): Promise<void> {
  const store = await openProfile({ profileDir: profile, unlock: { kind: 'passphrase', passphrase: PASS } });
  try {
    const imap = imapSyncStoreFor(store);
    const [account] = imap.listImapAccounts();
    for (const [folder, uids] of server) {
      const cursor = imap.folderCursor(account.accountId, folder);
      const local = imap.localUids(account.accountId, folder);
      // No cursor ahead of data: every server UID below the committed UIDNEXT is stored.
      if (cursor?.uidNext != null) {
        const uidNext = cursor.uidNext;
        const missing = uids.filter((u) => u < uidNext && !local.has(u));
        expect(missing, `${folder}: UIDs below UIDNEXT ${uidNext} not stored`).toEqual([]);
      } else {
        expect(expectComplete, `${folder} incomplete`).toBe(false);
      }
      // Nothing stored that the server does not have.
      expect([...local.keys()].filter((u) => !uids.includes(u))).toEqual([]);
      if (expectComplete) {
        expect([...local.keys()].sort((a, b) => a - b)).toEqual(uids);
        const f = store.listFolders(account.accountId).find((x) => x.path === folder);
        expect(f?.totalCount).toBe(uids.length);
      }
    }
    const db = (store as unknown as { connection: import('../store/connection').Db }).connection;
    const dupes = db.prepare('SELECT count(*) FROM (SELECT folder_id, message_id FROM messages GROUP BY folder_id, message_id HAVING count(*) > 1)').pluck().get();
    expect(dupes).toBe(0);
    const counters = db.prepare(`SELECT count(*) FROM folders f WHERE total_count != (SELECT count(*) FROM messages m WHERE m.folder_id = f.id)
      OR unread_count != (SELECT count(*) FROM messages m WHERE m.folder_id = f.id AND unread = 1)`).pluck().get();
    expect(counters).toBe(0);
  } finally {
    store.close();
  }
}

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(repo, 'scripts', 'build-core.mjs')], { cwd: repo, stdio: 'pipe' });
  dovecot = await startDovecot();
  smtp = await startSmtpSinkProcess({ lmtpPort: dovecot.lmtpPort });
  dovecot.seedMaildir('alice', 'INBOX', testMessages(INBOX, 'inbox', 1500).map((raw, i) => ({ raw, flags: i % 4 === 0 ? [] : ['\\Seen'] })));
  dovecot.seedMaildir('alice', 'Work', testMessages(WORK, 'work', 600).map((raw) => ({ raw, flags: ['\\Seen'] })));
  expect(pmsync(['init']).code).toBe(0);
}, 120_000);
afterAll(async () => {
  await smtp?.stop();
  await dovecot?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('pmsync account + sync against Dovecot', { timeout: 180_000 }, () => {
  it('checks the login before saving: a wrong password is refused plainly and nothing is saved', () => {
    const bad = pmsync(addArgs('PW'), { PW: 'not-the-password' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^pmsync: Could not sign in to alice@example\.test: .*refused the user name or password/);
    expect(bad.stderr).toMatch(/^hint: /m);
    expect(bad.stderr).not.toContain('not-the-password');
    const list = JSON.parse(pmsync(['account', 'list', '--json']).stdout) as Array<{ kind: string }>;
    expect(list.filter((a) => a.kind === 'imap')).toEqual([]);
    expect(pmsync(addArgs('UNSET_VAR')).code).toBe(2);
  });

  it('survives SIGKILL mid-sync: profile intact, no cursor ahead of data, then completes with exact counts', async () => {
    const added = pmsync(addArgs('PW'), { PW: 'alicepass' });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const list = JSON.parse(pmsync(['account', 'list', '--json']).stdout) as Array<{ id: number; kind: string; email: string }>;
    expect(list.find((a) => a.kind === 'imap')).toMatchObject({ email: 'alice@example.test' });

    const child = spawn(process.execPath, [bin, '--profile', profile, 'sync', '--once'], {
      env: { PATH: process.env.PATH, HOME: tmp, PMSYNC_PASSPHRASE: PASS }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Kill once the first chunks are committed (progress printed), well before the end.
    const deadline = Date.now() + 30_000;
    while (!/INBOX headers \d+/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    expect(await exited).toBe(null);
    expect(stderr).not.toMatch(/up to date/);

    const server = await serverUids(['INBOX', 'Work']);
    expect(server.get('INBOX')).toHaveLength(INBOX);
    const doctor = pmsync(['doctor', '--json']);
    expect(doctor.code).toBe(0);
    expect(JSON.parse(doctor.stdout)).toMatchObject({ ok: true, integrity: ['ok'] });
    await checkProfile(server, false);

    const resumed = pmsync(['sync', '--once']);
    expect(resumed.stderr).toMatch(/account \d+: up to date/);
    expect(resumed.code).toBe(0);
    await checkProfile(server, true);
    expect(JSON.parse(pmsync(['doctor', '--json']).stdout)).toMatchObject({ ok: true, messages: INBOX + WORK });

    // The read commands work over the IMAP account.
    const folders = JSON.parse(pmsync(['folders', '--json']).stdout) as Array<{ path: string; totalCount: number; unreadCount: number }>;
    expect(folders.find((f) => f.path === 'INBOX')).toMatchObject({ totalCount: INBOX, unreadCount: INBOX / 4 });
    expect(folders.find((f) => f.path === 'Work')).toMatchObject({ totalCount: WORK, unreadCount: 0 });
    const hits = JSON.parse(pmsync(['search', '--json', '"Body of work 123"']).stdout) as { total: number; items: Array<{ subject: string }> };
    expect(hits.items.map((h) => h.subject)).toEqual(['work number 123']);

    // A second pass with nothing new changes nothing.
    const again = pmsync(['sync', '--once', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ accounts: [expect.objectContaining({ ok: true, added: 0, bodies: 0 })], tasks: { done: 0, failed: 0, pending: 0 } });
  });

  it('sends changes made while offline on the next `sync --once`: an archived thread leaves the server INBOX', async () => {
    // Archive in the app with no sync running (as when offline): applied here, queued as a task.
    const core = await openCore({ profileDir: profile, unlock: { kind: 'passphrase', passphrase: PASS }, startSync: false });
    let messageIds: string[];
    try {
      const imapAccount = (await core.handlers['mail.listAccounts']({})).find((a) => a.kind === 'imap')!;
      const inbox = (await core.handlers['mail.listFolders']({ accountId: imapAccount.id })).find((f) => f.role === 'inbox')!;
      const page = await core.handlers['mail.listThreads']({ folderId: inbox.id, offset: 0, limit: 1 });
      const thread = await core.handlers['mail.getThread']({ threadId: page.items[0].id, folderId: inbox.id });
      messageIds = thread.messages.map((m) => m.messageId);
      const archived = await core.handlers['mail.archive']({ messageIds: thread.messages.map((m) => m.id) });
      expect(archived.changed).toBe(thread.messages.length);
    } finally {
      await core.close();
    }
    const searchServer = async (folder: string) => {
      const client = await dovecot.otherClient();
      try {
        await client.mailboxOpen(folder);
        let found = 0;
        for (const id of messageIds) {
          const uids = await client.search({ header: { 'message-id': `<${id}>` } }, { uid: true });
          found += Array.isArray(uids) ? uids.length : 0;
        }
        return found;
      } finally {
        await client.logout();
      }
    };
    expect(await searchServer('INBOX')).toBe(messageIds.length);

    const run = pmsync(['sync', '--once', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { tasks: { done: number; failed: number; pending: number } };
    expect(out.tasks.done).toBeGreaterThanOrEqual(1);
    expect(out.tasks).toMatchObject({ failed: 0, pending: 0 });
    expect(await searchServer('INBOX')).toBe(0);
    expect(await searchServer('Archive')).toBe(messageIds.length);
  });

  it('removes the account and all of its mail', () => {
    const list = JSON.parse(pmsync(['account', 'list', '--json']).stdout) as Array<{ id: number; kind: string }>;
    const id = list.find((a) => a.kind === 'imap')?.id;
    expect(pmsync(['account', 'remove', String(id)]).code).toBe(0);
    expect(JSON.parse(pmsync(['doctor', '--json']).stdout)).toMatchObject({ ok: true, messages: 0 });
  });
});
