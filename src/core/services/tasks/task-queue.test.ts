import { afterEach, beforeEach, expect, it } from 'vitest';
import { PmsyncError } from '../../../shared/errors';
import { ManualClock } from '../../../sync/imap/test-support/manual-clock';
import { EventHub } from '../../events';
import { openProfile } from '../../store/index';
import { PASS } from '../../store/test-support/fixtures';
import { connectionOf } from '../../store/test-support/raw-profile';
import { openTestStore, type TestStore } from '../../store/test-support/test-store';
import type { ProfileStore } from '../../store/types';
import { imapTaskKinds } from './imap-task-kinds';
import { MailMutations } from './mail-mutations';
import { RemoteRefusedError } from './remote-mailbox';
import { TaskQueue } from './task-queue';
import { mappingOf, seedImapAccount, type ImapFixture } from './test-support/imap-fixture';
import { ScriptedRemote } from './test-support/scripted-remote';

const BACKOFF = { initialMs: 1_000, maxMs: 60_000, jitter: 0.2 };

let t: TestStore;
let store: ProfileStore;
let clock: ManualClock;
let remote: ScriptedRemote;
let events: EventHub;
let notices: { level: string; message: string; hint?: string }[];
let queue: TaskQueue;
let mail: MailMutations;
let fx: ImapFixture;

function build(s: ProfileStore): void {
  store = s;
  events = new EventHub();
  notices = [];
  events.on('app.notice', (n) => notices.push(n));
  queue = new TaskQueue({ store, events, clock, random: () => 0.5, backoff: BACKOFF, kinds: imapTaskKinds(store, remote) });
  mail = new MailMutations({ store, events, queue, clock });
}

/** Lets the queue's promise chains run after a clock step. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await queue.settled([fx.accountId]);
    await new Promise((r) => setImmediate(r));
  }
}

async function reopen(): Promise<void> {
  await queue.stop();
  store.close();
  build(await openProfile({ profileDir: t.dir, unlock: PASS }));
}

beforeEach(async () => {
  t = await openTestStore();
  clock = new ManualClock();
  remote = new ScriptedRemote();
  remote.addFolder('INBOX', [1, 2, 3]);
  remote.addFolder('Trash', []);
  build(t.store);
  fx = seedImapAccount(store, 3);
});

afterEach(async () => {
  await queue.stop();
  store.close();
  t.cleanup();
});

it('applies an archive locally at once, retries offline with exponential backoff and jitter, then moves it on the server exactly once', async () => {
  remote.offline = true;
  queue.start();
  const r = mail.archive([fx.ids[0]]);
  const archive = store.listFolders(fx.accountId).find((f) => f.role === 'archive')!;
  expect(store.getMessage(fx.ids[0])!.folderId).toBe(archive.id);
  expect(store.tasks.countOpen(fx.accountId)).toBe(1);
  await settle();
  // Attempt 1 failed: retry after 1000 ms × (1 − 0.2 × 0.5); then 2000, 4000 ms, each jittered.
  for (const delay of [900, 1800, 3600]) {
    expect(store.tasks.heads()[0]).toMatchObject({ state: 'pending', nextAttemptAt: clock.now() + delay, lastError: expect.stringContaining('refused the connection') });
    clock.advance(delay);
    await settle();
  }
  expect(store.tasks.heads()[0].attempts).toBe(4);
  remote.offline = false;
  clock.advance(7200);
  await settle();
  expect(store.tasks.countOpen()).toBe(0);
  expect(remote.calls.map((c) => c.op)).toEqual(['ensureFolder', 'move']);
  expect(remote.folders.get('Archive')!.flags.has(1)).toBe(true);
  expect(remote.folders.get('INBOX')!.flags.has(1)).toBe(false);
  // The row now points at its new UID in Archive.
  expect(mappingOf(store, fx.ids[0])).toEqual([{ folderId: archive.id, uid: 1 }]);
  expect(r.undoToken).not.toBeNull();
});

it('keeps a pending task across a reopen of the store and a task left running goes back to pending', async () => {
  remote.offline = true;
  mail.setRead([fx.ids[1]], true);
  mail.delete([fx.ids[2]]);
  // The process "dies" while the first task runs.
  store.tasks.markRunning(store.tasks.heads()[0].id, clock.now());
  await reopen();
  expect(store.tasks.heads()[0]).toMatchObject({ state: 'running', kind: 'imap.flags' });
  remote.offline = false;
  queue.start();
  expect(store.getMessage(fx.ids[1])!.unread).toBe(false);
  await settle();
  expect(store.tasks.countOpen()).toBe(0);
  expect(remote.calls.map((c) => [c.op, ...c.args.slice(1, 2)])).toEqual([['setFlags', 'INBOX'], ['move', 'INBOX']]);
  expect(remote.folders.get('INBOX')!.flags.get(2)).toEqual(new Set(['\\Seen']));
  expect(remote.folders.get('Trash')!.flags.size).toBe(1);
});

it('runs tasks of one account in order: a waiting flag change holds back the move queued after it', async () => {
  remote.failures.push(new PmsyncError('TIMEOUT', 'no answer'));
  queue.start();
  mail.setFlagged([fx.ids[0]], true);
  mail.archive([fx.ids[0]]);
  await settle();
  expect(remote.calls).toEqual([]);
  expect(store.tasks.countOpen()).toBe(2);
  clock.advance(900);
  await settle();
  expect(remote.calls.map((c) => c.op)).toEqual(['setFlags', 'ensureFolder', 'move']);
  expect(remote.folders.get('Archive')!.flags.get(1)).toEqual(new Set(['\\Flagged']));
});

it('reverts the local change and tells the user when the server refuses for good', async () => {
  const changed: unknown[] = [];
  events.on('mail.changed', (c) => changed.push(c));
  const projects = store.ensureFolder(fx.accountId, 'Projects');
  // Projects is known to the server mapping but was deleted there meanwhile.
  connectionOf(store).prepare("INSERT INTO imap_folders(folder_id, account_id, remote_path, delimiter, uid_validity) VALUES (?, ?, 'Projects', '/', 5)").run(projects.id, fx.accountId);
  queue.start();
  mail.move([fx.ids[0], fx.ids[1]], projects.id);
  expect(store.getFolder(projects.id)!.totalCount).toBe(2);
  await settle();
  expect(store.tasks.countOpen()).toBe(0);
  expect(store.getMessage(fx.ids[0])!.folderId).toBe(fx.inbox.id);
  expect(store.getFolder(fx.inbox.id)).toMatchObject({ totalCount: 3, unreadCount: 3 });
  expect(store.getFolder(projects.id)).toMatchObject({ totalCount: 0 });
  expect(notices).toEqual([expect.objectContaining({ level: 'error', message: expect.stringMatching(/^Moving 2 messages failed on the server.*TRYCREATE/), hint: expect.any(String) })]);
  expect(changed).toContainEqual({ folderIds: expect.arrayContaining([fx.inbox.id, projects.id]), reason: 'sync' });
  expect(mappingOf(store, fx.ids[0])).toEqual([{ folderId: fx.inbox.id, uid: 1 }]);
});

it('retries a bare server error a few times before it counts as a refusal (flags reverted)', async () => {
  for (let i = 0; i < 3; i++) remote.failures.push(new PmsyncError('SERVER_ERROR', 'server said NO'));
  queue.start();
  mail.setRead([fx.ids[0]], true);
  await settle();
  expect(store.tasks.heads()[0]).toMatchObject({ attempts: 1, state: 'pending' });
  clock.advance(900);
  await settle();
  clock.advance(1800);
  await settle();
  expect(store.tasks.countOpen()).toBe(0);
  expect(store.getMessage(fx.ids[0])!.unread).toBe(true);
  expect(notices[0]).toMatchObject({ level: 'error', message: expect.stringContaining('Marking as read 1 message failed') });
});

it('undo before the remote step cancels the task and reverts locally; the server never sees it', async () => {
  remote.offline = true;
  queue.start();
  const r = mail.delete([fx.ids[0], fx.ids[1]]);
  expect(store.getFolder(fx.trash.id)!.totalCount).toBe(2);
  await settle();
  expect(await mail.undoAction(r.undoToken!)).toEqual({ changed: 2 });
  expect(store.getFolder(fx.inbox.id)!.totalCount).toBe(3);
  expect(store.tasks.countOpen()).toBe(0);
  remote.offline = false;
  clock.advance(60_000);
  await settle();
  expect(remote.calls).toEqual([]);
});

it('undo after the remote step moves the messages back locally and queues the reverse move on the server', async () => {
  queue.start();
  const r = mail.delete([fx.ids[0]]);
  await settle();
  expect(remote.folders.get('Trash')!.flags.has(1)).toBe(true);
  expect(await mail.undoAction(r.undoToken!)).toEqual({ changed: 1 });
  expect(store.getMessage(fx.ids[0])!.folderId).toBe(fx.inbox.id);
  await settle();
  expect(remote.calls.map((c) => [c.op, c.args[1], c.args[4]])).toEqual([['move', 'INBOX', 'Trash'], ['move', 'Trash', 'INBOX']]);
  expect(remote.folders.get('INBOX')!.flags.has(4)).toBe(true);
  expect(mappingOf(store, fx.ids[0])).toEqual([{ folderId: fx.inbox.id, uid: 4 }]);
  // Undo tokens expire.
  const late = mail.archive([fx.ids[1]]);
  clock.advance(61_000);
  await expect(mail.undoAction(late.undoToken!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
});

it('deletes from Trash for good: UID EXPUNGE with the UIDVALIDITY it was queued with; placeholders keep the sync from re-fetching', async () => {
  queue.start();
  mail.delete([fx.ids[0]]);
  await settle();
  remote.offline = true;
  const r = mail.delete([fx.ids[0]]);
  expect(r).toEqual({ changed: 1, undoToken: null });
  expect(store.getMessage(fx.ids[0])).toBeUndefined();
  const held = connectionOf(store).prepare('SELECT folder_id, uid, message_row FROM imap_messages WHERE folder_id = ?').all(fx.trash.id);
  expect(held).toEqual([{ folder_id: fx.trash.id, uid: 1, message_row: null }]);
  remote.offline = false;
  expect(await queue.drain({ timeoutMs: 5_000 })).toEqual({ done: 1, failed: 0, pending: 0 });
  expect(remote.calls.at(-1)).toEqual({ op: 'expunge', args: [fx.accountId, 'Trash', '1000', [1]] });
  expect(remote.folders.get('Trash')!.flags.size).toBe(0);
});

it('drain runs everything now, ignoring backoff, and reports what is still waiting', async () => {
  remote.offline = true;
  queue.start();
  mail.archive([fx.ids[0]]);
  mail.setRead([fx.ids[1]], true);
  await settle();
  expect(await queue.drain({ timeoutMs: 5_000 })).toEqual({ done: 0, failed: 0, pending: 2 });
  remote.offline = false;
  expect(await queue.drain({ timeoutMs: 5_000 })).toEqual({ done: 2, failed: 0, pending: 0 });
  remote.failures.push(new RemoteRefusedError('NO [NOPERM] read-only'));
  mail.setFlagged([fx.ids[2]], true);
  expect(await queue.drain({ timeoutMs: 5_000 })).toEqual({ done: 0, failed: 1, pending: 0 });
  expect(store.getMessage(fx.ids[2])!.flagged).toBe(false);
});

it('a task whose payload this version cannot read fails after a few attempts instead of blocking the account', async () => {
  store.tasks.insert({ kind: 'imap.move', accountId: fx.accountId, payload: { moves: 'garbage' } }, clock.now());
  mail.setRead([fx.ids[0]], true);
  expect(await queue.drain({ timeoutMs: 5_000 })).toEqual({ done: 0, failed: 0, pending: 2 });
  clock.advance(10_000);
  await queue.drain({ timeoutMs: 5_000 });
  expect(await queue.drain({ timeoutMs: 5_000 })).toEqual({ done: 1, failed: 1, pending: 0 });
  expect(store.tasks.heads()).toEqual([]);
  expect(remote.folders.get('INBOX')!.flags.get(1)).toEqual(new Set(['\\Seen']));
});
