import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/api/index';
import { freePort, startDovecot, type DovecotServer } from '../../../sync/imap/test-support/dovecot';
import { testMessage, testMessages, waitFor } from '../../../sync/imap/test-support/messages';
import { startSmtpSink, type SmtpSink } from '../../../sync/smtp/test-support/smtp-sink';
import { EventHub } from '../../events';
import { imapSyncStoreFor, type ImapSyncStore } from '../../store/imap-sync-store';
import { openTestStore, type TestStore } from '../../store/test-support/test-store';
import { AccountService } from './account-service';
import { SyncSupervisor } from './sync-supervisor';

/** The store sink, the supervisor and the account service against a real Dovecot. */
let dovecot: DovecotServer;
let t: TestStore;
let imap: ImapSyncStore;
let events: EventHub;
let supervisor: SyncSupervisor;
let accounts: AccountService;
let accountId: number;
let smtp: SmtpSink;
/** An SMTP server that knows alice under another password: IMAP accepts, SMTP refuses. */
let smtpOtherPassword: SmtpSink;
const NON_ASCII = 'Reçus/Факты 日本';
// An mbox separator and no header at all: not a message; set aside under its UID.
const UNREADABLE = Buffer.from('From nobody\r\n\r\nno headers at all\r\n');
// Unclosed multipart, unknown charset, bad base64: read best effort, never stops the batch.
const BROKEN_MIME = readFileSync(fileURLToPath(new URL('../../mail/fixtures/broken-mime.eml', import.meta.url)));

beforeAll(async () => {
  dovecot = await startDovecot();
  dovecot.seedMaildir('alice', 'INBOX', testMessages(60, 'inbox', 300).map((raw, i) => ({ raw, flags: i % 2 === 0 ? ['\\Seen'] : [] })));
  dovecot.seedMaildir('alice', 'Archive', testMessages(20, 'archive').map((raw) => ({ raw, flags: ['\\Seen', '\\Flagged'] })));
  const other = await dovecot.otherClient();
  await other.mailboxCreate(NON_ASCII);
  await other.append(NON_ASCII, testMessage({ n: 1, tag: 'unicode', subject: 'Zürich Quittung' }), ['\\Seen']);
  await other.append('Archive', UNREADABLE, ['\\Seen']);
  await other.append('Archive', BROKEN_MIME, ['\\Seen']);
  await other.append('Archive', testMessage({ n: 99, tag: 'after-bad' }), ['\\Seen']);
  smtp = await startSmtpSink({ lmtpPort: dovecot.lmtpPort });
  smtpOtherPassword = await startSmtpSink({ users: { alice: 'not-the-imap-password' } });
  t = await openTestStore();
  imap = imapSyncStoreFor(t.store);
  events = new EventHub();
  supervisor = new SyncSupervisor({ store: t.store, imap, events, newMailDelayMs: 50, engine: { pollIntervalMs: 60_000, inlineBodyLimit: 5, headerChunk: 25 } });
  accounts = new AccountService({ store: t.store, imap, events, supervisor });
});
afterAll(async () => {
  await supervisor?.close();
  t?.cleanup();
  await smtp?.stop();
  await smtpOtherPassword?.stop();
  await dovecot?.stop();
});

const server = () => ({ host: dovecot.host, port: dovecot.imapPort, tls: 'none' as const });
const smtpServer = (sink = smtp) => ({ host: sink.host, port: sink.port, tls: 'none' as const });
const folder = (path: string) => t.store.listFolders(accountId).find((f) => f.path === path);

describe('IMAP account against Dovecot', () => {
  it('refuses a wrong password plainly and saves nothing', async () => {
    const before = t.store.listAccounts().length;
    await expect(accounts.addImap({ email: 'alice@example.test', imap: server(), smtp: smtpServer(), password: 'wrong' }))
      .rejects.toMatchObject({ code: 'LOGIN_FAILED', message: expect.stringContaining('refused the user name or password') });
    expect(t.store.listAccounts()).toHaveLength(before);
    expect(imap.listImapAccounts()).toHaveLength(0);
  });

  it('says the server refused the connection when nothing listens', async () => {
    await expect(accounts.addImap({ email: 'alice@example.test', imap: { host: '127.0.0.1', port: 1, tls: 'none' }, smtp: smtpServer(), password: 'alicepass' }))
      .rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
  });

  it('refuses a wrong SMTP password plainly and saves nothing, though IMAP accepted it', async () => {
    await expect(accounts.addImap({ email: 'alice@example.test', imap: server(), smtp: smtpServer(smtpOtherPassword), password: 'alicepass' }))
      .rejects.toMatchObject({ code: 'LOGIN_FAILED', message: expect.stringContaining('outgoing (SMTP) server') });
    expect(smtpOtherPassword.logins.at(-1)).toMatchObject({ user: 'alice@example.test', ok: false });
    expect(imap.listImapAccounts()).toHaveLength(0);
  });

  it('says the SMTP server refused the connection when its port is closed, and saves nothing', async () => {
    const closed = await freePort();
    await expect(accounts.addImap({ email: 'alice@example.test', imap: server(), smtp: { host: '127.0.0.1', port: closed, tls: 'none' }, password: 'alicepass' }))
      .rejects.toMatchObject({ code: 'CONNECTION_REFUSED', message: expect.stringContaining(`outgoing (SMTP) server 127.0.0.1:${closed}`) });
    expect(imap.listImapAccounts()).toHaveLength(0);
  });

  it('adds the account after a good login, then a full sync accounts for every message', async () => {
    // Added without the supervisor running it, so this test drives one pass itself.
    const quiet = new AccountService({ store: t.store, imap, events });
    const logins = smtp.logins.length;
    const account = await quiet.addImap({ email: 'alice@example.test', imap: server(), smtp: smtpServer(), user: 'alice@example.test', password: 'alicepass' });
    expect(smtp.logins.slice(logins)).toEqual([{ user: 'alice@example.test', method: expect.any(String), ok: true }]);
    accountId = account.id;
    expect(account).toMatchObject({ kind: 'imap', email: 'alice@example.test' });
    expect(imap.imapAccount(accountId)).toMatchObject({ password: 'alicepass', imap: server() });
    // The SIZE the SMTP server advertised (the sink says 50 MiB) is kept for the composer's warning.
    expect(imap.accountSettings(accountId).smtpMaxMessageBytes).toBe(50 * 1024 * 1024);

    const report = await supervisor.syncOnce(accountId);
    expect(report.folders.find((f) => f.path === 'INBOX')?.added).toBe(60);
    expect(folder('INBOX')).toMatchObject({ role: 'inbox', totalCount: 60, unreadCount: 30 });
    expect(folder('Archive')).toMatchObject({ role: 'archive', totalCount: 22, unreadCount: 0 });
    expect(folder(NON_ASCII)).toMatchObject({ name: 'Факты 日本', totalCount: 1 });
    for (const p of ['Sent', 'Drafts', 'Trash', 'Junk']) expect(folder(p)?.totalCount).toBe(0);
    // Headers first, then bodies: every body arrived and is searchable.
    expect(imap.pendingBodies(accountId, 'INBOX', 1000, 1e9)).toEqual([]);
    expect(t.store.search('"Body of inbox 17"', 0, 5).items.map((h) => h.subject)).toEqual(['inbox number 17']);
    expect(t.store.search('Zürich', 0, 5).total).toBe(1);
    // The unreadable message is set aside under its UID; the one after it is stored.
    expect(imap.quarantined(accountId)).toEqual([expect.objectContaining({ folderId: folder('Archive')?.id, reason: expect.stringContaining('no header fields') })]);
    expect(t.store.search('"after-bad number 99"', 0, 5).total).toBe(1);
    expect(t.store.search('subject:broken', 0, 5).total).toBe(1);
    expect(imap.localUids(accountId, 'Archive').size).toBe(23);
    // Thread summaries agree with the counters.
    expect(t.store.listThreads(folder('INBOX')!.id, 0, 500).items.reduce((n, th) => n + th.unreadCount, 0)).toBe(30);
    expect(t.store.doctor().ok).toBe(true);
  });

  it('picks up flags, moves and expunges made by another client', async () => {
    const other = await dovecot.otherClient();
    await other.mailboxOpen('INBOX');
    await other.messageFlagsAdd({ uid: '2' }, ['\\Seen', '\\Flagged'], { uid: true });
    await other.messageMove({ uid: '3' }, 'Archive', { uid: true });
    await other.messageDelete({ uid: '4' }, { uid: true });
    await other.mailboxClose();
    await supervisor.syncOnce(accountId);
    expect(folder('INBOX')).toMatchObject({ totalCount: 58 });
    // UID 2 (odd index 1: unread before) is read now; UID 4 was unread too and is gone.
    expect(folder('INBOX')?.unreadCount).toBe(28);
    expect(folder('Archive')?.totalCount).toBe(23);
    const uids = imap.localUids(accountId, 'INBOX');
    expect(uids.has(3)).toBe(false);
    expect(uids.has(4)).toBe(false);
    expect(uids.get(2)?.flags).toEqual(['\\Flagged', '\\Seen']);
    expect(t.store.search('"Body of inbox 4"', 0, 5).total).toBe(0);
    expect(t.store.search('"Body of inbox 3"', 0, 5).items.map((h) => h.folderId)).toEqual([folder('Archive')?.id]);
    const flagged = t.store.search('is:flagged in:INBOX', 0, 10).items;
    expect(flagged.map((h) => h.subject)).toEqual(['inbox number 2']);
    expect(t.store.doctor().ok).toBe(true);
  });

  it('announces new INBOX mail delivered over LMTP while the supervisor watches (IDLE)', async () => {
    const got: EventPayload<'sync.newMail'>[] = [];
    const statuses: string[] = [];
    const offMail = events.on('sync.newMail', (m) => got.push(m));
    const offStatus = events.on('sync.status', (s) => statuses.push(s.state));
    supervisor.startAccount(accountId);
    try {
      await waitFor(() => statuses.includes('watching'), 'the engine to watch the inbox');
      await dovecot.deliver('alice', testMessage({ n: 500, tag: 'fresh', subject: 'Fresh arrival' }));
      await dovecot.deliver('alice', testMessage({ n: 501, tag: 'fresh', subject: 'Second arrival' }));
      await waitFor(() => got.reduce((n, m) => n + m.count, 0) >= 2, 'sync.newMail for both messages', 15_000);
      expect(got.flatMap((m) => m.messages.map((x) => x.subject)).sort()).toEqual(['Fresh arrival', 'Second arrival']);
      expect(got[0]).toMatchObject({ accountId });
      expect(supervisor.status()[0]).toMatchObject({ accountId, state: 'watching', error: null });
      expect(supervisor.status()[0].lastSyncAt).toEqual(expect.any(Number));
    } finally {
      offMail();
      offStatus();
      await supervisor.stopAccount(accountId);
    }
    expect(folder('INBOX')?.totalCount).toBe(60);
  });

  it('refills a folder whose UIDVALIDITY changed, re-mapping rows by Message-ID', async () => {
    const archive = folder('Archive')!;
    const before = imap.folderCursor(accountId, 'Archive')!;
    const rowsBefore = t.store.listThreads(archive.id, 0, 500).items.length;
    const other = await dovecot.otherClient();
    // Delete and recreate with fewer messages: a new UIDVALIDITY, and old UIDs meaningless.
    await other.mailboxDelete('Archive');
    await other.mailboxCreate('Archive');
    for (let n = 1; n <= 5; n++) await other.append('Archive', testMessage({ n, tag: 'archive' }), []);
    await supervisor.syncOnce(accountId);
    const after = imap.folderCursor(accountId, 'Archive')!;
    expect(after.uidValidity).not.toBe(before.uidValidity);
    expect(rowsBefore).toBeGreaterThan(5);
    const now = folder('Archive')!;
    expect(now).toMatchObject({ totalCount: 5, unreadCount: 5 });
    expect([...imap.localUids(accountId, 'Archive').keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(imap.quarantined(accountId)).toEqual([]);
    expect(t.store.search('"Body of archive 7"', 0, 5).total).toBe(0);
    expect(t.store.doctor().ok).toBe(true);
  });

  it('lists the unified inbox across accounts newest first, and removes an account with all its data', async () => {
    const page = imap.listUnifiedThreads(0, 10);
    expect(page.total).toBe(60);
    expect(page.items[0]).toMatchObject({ accountId, folderId: folder('INBOX')?.id });
    const dates = page.items.map((i) => i.lastDate);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    await accounts.remove(accountId);
    expect(t.store.listAccounts().some((a) => a.id === accountId)).toBe(false);
    expect(t.store.search('inbox', 0, 5).total).toBe(0);
    expect(t.store.doctor()).toMatchObject({ ok: true, messages: 0 });
    expect(imap.listUnifiedThreads(0, 10).total).toBe(0);
  });
});
