import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/api/index';
import { startDovecot, type DovecotServer } from '../../../sync/imap/test-support/dovecot';
import { messageIdOfTest, testMessages, waitFor } from '../../../sync/imap/test-support/messages';
import { startTcpProxy, type TcpProxy } from '../../../sync/imap/test-support/tcp-proxy';
import { startSmtpSink, type SmtpSink } from '../../../sync/smtp/test-support/smtp-sink';
import { EventHub } from '../../events';
import { imapSyncStoreFor, type ImapSyncStore } from '../../store/imap-sync-store';
import { connectionOf } from '../../store/test-support/raw-profile';
import { openTestStore, type TestStore } from '../../store/test-support/test-store';
import { AccountService } from '../imap/account-service';
import { SyncSupervisor } from '../imap/sync-supervisor';
import { EngineRemoteMailbox } from './engine-remote-mailbox';
import { imapTaskKinds } from './imap-task-kinds';
import { MailMutations } from './mail-mutations';
import { retryTasksOnReconnect } from './retry-on-reconnect';
import { TaskQueue } from './task-queue';

/**
 * Mutations end to end: local step, persisted task, the real engine against Dovecot. The
 * account talks to Dovecot through a TCP proxy, so "the server is down" is a closed port.
 */
let dovecot: DovecotServer;
let proxy: TcpProxy;
let smtp: SmtpSink;
let t: TestStore;
let imap: ImapSyncStore;
let events: EventHub;
let supervisor: SyncSupervisor;
let queue: TaskQueue;
let mail: MailMutations;
let other: ImapFlow;
let accountId: number;
const notices: EventPayload<'app.notice'>[] = [];

beforeAll(async () => {
  dovecot = await startDovecot();
  dovecot.seedMaildir('alice', 'INBOX', testMessages(8, 'task').map((raw) => ({ raw })));
  dovecot.seedMaildir('alice', 'Projects', testMessages(1, 'project').map((raw) => ({ raw })));
  proxy = await startTcpProxy(dovecot.imapPort);
  t = await openTestStore();
  imap = imapSyncStoreFor(t.store);
  events = new EventHub();
  events.on('app.notice', (n) => notices.push(n));
  const server = { host: '127.0.0.1', port: proxy.port, tls: 'none' as const };
  smtp = await startSmtpSink({ lmtpPort: dovecot.lmtpPort });
  const account = await new AccountService({ store: t.store, imap, events })
    .addImap({ email: 'alice@example.test', imap: server, smtp: { host: smtp.host, port: smtp.port, tls: 'none' }, user: 'alice@example.test', password: 'alicepass' });
  accountId = account.id;
  supervisor = new SyncSupervisor({
    store: t.store, imap, events,
    engine: { pollIntervalMs: 60_000, backoff: { initialMs: 100, maxMs: 400, jitter: 0 }, timeouts: { connectMs: 2_000, greetingMs: 2_000 } },
  });
  await supervisor.syncOnce(accountId);
  queue = new TaskQueue({ store: t.store, events, kinds: imapTaskKinds(t.store, new EngineRemoteMailbox(supervisor)), backoff: { initialMs: 100, maxMs: 500, jitter: 0.2 } });
  retryTasksOnReconnect(events, queue);
  mail = new MailMutations({ store: t.store, events, queue });
  supervisor.startAll();
  queue.start();
  await waitFor(() => supervisor.status()[0]?.state === 'watching', 'the engine to connect');
  other = await dovecot.otherClient();
}, 30_000);

afterAll(async () => {
  await queue?.stop();
  await supervisor?.close();
  t?.cleanup();
  await proxy?.close();
  await smtp?.stop();
  await dovecot?.stop();
});

const folder = (path: string) => t.store.listFolders(accountId).find((f) => f.path === path)!;
const rowOf = (tag: string, n: number): number =>
  connectionOf(t.store).prepare('SELECT id FROM messages WHERE account_id = ? AND message_id = ?').pluck().get(accountId, messageIdOfTest(tag, n)) as number;
const rowsWith = (tag: string, n: number): number =>
  connectionOf(t.store).prepare('SELECT count(*) FROM messages WHERE account_id = ? AND message_id = ?').pluck().get(accountId, messageIdOfTest(tag, n)) as number;

/** UIDs and flags on the server of the messages with this Message-ID in `path`, read by another client. */
async function onServer(path: string, tag: string, n: number): Promise<{ uid: number; flags: string[] }[]> {
  const lock = await other.getMailboxLock(path);
  try {
    const uids = await other.search({ header: { 'message-id': messageIdOfTest(tag, n) } }, { uid: true });
    if (!uids || uids.length === 0) return [];
    const out: { uid: number; flags: string[] }[] = [];
    for await (const m of other.fetch(uids, { uid: true, flags: true }, { uid: true })) out.push({ uid: m.uid, flags: [...(m.flags ?? [])].sort() });
    return out;
  } finally {
    lock.release();
  }
}

const idle = () => waitFor(() => t.store.tasks.countOpen() === 0, 'the task queue to empty', 15_000);

describe('mail mutations reach Dovecot through the task queue', () => {
  it('read and flag changes reach the server', async () => {
    mail.setRead([rowOf('task', 1), rowOf('task', 2)], true);
    mail.setFlagged([rowOf('task', 2)], true);
    await idle();
    expect((await onServer('INBOX', 'task', 1))[0].flags).toEqual(['\\Seen']);
    expect((await onServer('INBOX', 'task', 2))[0].flags).toEqual(['\\Flagged', '\\Seen']);
    mail.setRead([rowOf('task', 1)], false);
    await idle();
    expect((await onServer('INBOX', 'task', 1))[0].flags).toEqual([]);
  });

  it('delete moves to Trash on the server; deleting from Trash expunges it for good', async () => {
    const id = rowOf('task', 3);
    const r = mail.delete([id]);
    expect(r.undoToken).not.toBeNull();
    await idle();
    expect(await onServer('INBOX', 'task', 3)).toEqual([]);
    const [inTrash] = await onServer('Trash', 'task', 3);
    expect(inTrash).toBeDefined();
    // The local row now knows its new UID in Trash (UIDPLUS map).
    expect(imap.localUids(accountId, 'Trash').has(inTrash.uid)).toBe(true);
    expect(t.store.getMessage(id)!.folderId).toBe(folder('Trash').id);

    expect(mail.delete([id])).toEqual({ changed: 1, undoToken: null });
    await idle();
    expect(await onServer('Trash', 'task', 3)).toEqual([]);
    // A sync afterwards does not bring it back.
    await supervisor.syncOnce(accountId);
    expect(rowsWith('task', 3)).toBe(0);
    expect(folder('Trash').totalCount).toBe(0);
  });

  it('archives while the server is down: applied here at once, on the server exactly once when it is back', async () => {
    const port = proxy.port;
    await proxy.close();
    proxy.cutAll();
    await waitFor(() => ['offline', 'waiting-to-retry'].includes(supervisor.status()[0].state), 'the engine to notice the server is gone');
    const id = rowOf('task', 4);
    const r = mail.archive([id]);
    expect(r.changed).toBe(1);
    expect(t.store.getMessage(id)!.folderId).toBe(folder('Archive').id);
    await waitFor(() => (t.store.tasks.heads()[0]?.attempts ?? 0) >= 2, 'a few failed attempts');
    expect(t.store.tasks.heads()[0]).toMatchObject({ state: expect.stringMatching(/pending|running/), kind: 'imap.move' });
    expect(await onServer('INBOX', 'task', 4)).toHaveLength(1);

    proxy = await startTcpProxy(dovecot.imapPort, port);
    await idle();
    expect(await onServer('INBOX', 'task', 4)).toEqual([]);
    expect(await onServer('Archive', 'task', 4)).toHaveLength(1);
    await supervisor.syncOnce(accountId);
    expect(rowsWith('task', 4)).toBe(1);
    expect(t.store.getMessage(id)!.folderId).toBe(folder('Archive').id);
    expect(await onServer('Archive', 'task', 4)).toHaveLength(1);
  }, 30_000);

  it('a move the server refuses (folder deleted there) is undone here with a notice', async () => {
    const projects = folder('Projects');
    await other.mailboxDelete('Projects');
    const id = rowOf('task', 5);
    mail.move([id], projects.id);
    expect(t.store.getMessage(id)!.folderId).toBe(projects.id);
    await idle();
    expect(t.store.getMessage(id)!.folderId).toBe(folder('INBOX').id);
    expect(t.store.tasks.heads()).toEqual([]);
    expect(notices.at(-1)).toMatchObject({ level: 'error', message: expect.stringContaining('Moving 1 message failed on the server') });
    expect(await onServer('INBOX', 'task', 5)).toHaveLength(1);
  });

  it('undo after the server moved the message moves it back there too', async () => {
    const id = rowOf('task', 6);
    const r = mail.archive([id]);
    await idle();
    expect(await onServer('Archive', 'task', 6)).toHaveLength(1);
    expect(await mail.undoAction(r.undoToken!)).toEqual({ changed: 1 });
    await idle();
    expect(await onServer('Archive', 'task', 6)).toEqual([]);
    expect(await onServer('INBOX', 'task', 6)).toHaveLength(1);
    expect(t.store.getMessage(id)!.folderId).toBe(folder('INBOX').id);
  });
});
