import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiClient, type ConnectedClient } from '../../../shared/api/client';
import type { Folder } from '../../../shared/api/mail';
import { ApiError } from '../../../shared/errors';
import { createDispatcher } from '../../api/dispatch';
import { openCore, type Core } from '../../app';
import { parsedMessage } from '../../store/test-support/fixtures';
import { connectionOf } from '../../store/test-support/raw-profile';
import { createInProcessTransport } from '../../transport/in-process';

/** Move, archive, delete and undo on the Local Folders account, through the typed API over a real profile. */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pmsync-local-mutations-'));
let core: Core;
let client: ConnectedClient;
let inbox: Folder;
const ids: Record<string, number> = {};

beforeAll(async () => {
  core = await openCore({ profileDir: path.join(tmp, 'p'), unlock: { kind: 'passphrase', passphrase: 'mutations' }, create: 'only', startSync: false });
  client = createApiClient(createInProcessTransport(createDispatcher(core.handlers), core.events));
  const account = core.store.ensureLocalAccount();
  inbox = core.store.listFolders(account.id).find((f) => f.role === 'inbox')!;
  const root = parsedMessage({ subject: 'Quarterly zeppelin plan', bodyText: 'The zeppelin budget.' });
  const reply = parsedMessage({ subject: 'Re: Quarterly zeppelin plan', inReplyTo: root.messageId, references: [root.messageId], bodyText: 'Agreed on the zeppelin.' });
  const other = parsedMessage({ subject: 'Lunch', bodyText: 'Soup today.' });
  const result = core.store.insertMessages(inbox.id, [root, reply, other]);
  [ids.root, ids.reply, ids.other] = result.ids as number[];
});

afterAll(async () => {
  client.dispose();
  await core.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function folder(pathOrRole: string): Promise<Folder | undefined> {
  return (await client.api.mail.listFolders({})).find((f) => f.path === pathOrRole || f.role === pathOrRole);
}

async function searchIds(query: string): Promise<number[]> {
  return (await client.api.mail.search({ query })).items.map((h) => h.id).sort((a, b) => a - b);
}

it('archives one message of a thread into a new Archive folder: counts, summaries and in: follow; undo puts it back', async () => {
  const changed: unknown[] = [];
  const off = client.on('mail.changed', (p) => changed.push(p));
  const r = await client.api.mail.archive({ messageIds: [ids.reply] });
  expect(r.changed).toBe(1);
  expect(r.undoToken).toEqual(expect.any(String));
  const archive = (await folder('archive'))!;
  expect(archive).toMatchObject({ path: 'Archive', totalCount: 1, unreadCount: 1 });
  expect(await folder('inbox')).toMatchObject({ totalCount: 2, unreadCount: 2 });
  expect(changed).toContainEqual({ folderIds: [inbox.id, archive.id].sort((a, b) => a - b), reason: 'move' });

  // The thread shows in both folders, each summary counting only its own messages.
  const inInbox = (await client.api.mail.listThreads({ folderId: inbox.id })).items.find((t) => t.subject.includes('zeppelin'))!;
  const inArchive = (await client.api.mail.listThreads({ folderId: archive.id })).items;
  expect(inInbox.messageCount).toBe(1);
  expect(inArchive).toHaveLength(1);
  expect(inArchive[0]).toMatchObject({ id: inInbox.id, messageCount: 1, unreadCount: 1 });
  expect(await searchIds('zeppelin in:archive')).toEqual([ids.reply]);
  expect(await searchIds('zeppelin in:inbox')).toEqual([ids.root]);

  expect(await client.api.mail.undo({ undoToken: r.undoToken! })).toEqual({ changed: 1 });
  expect(await folder('archive')).toMatchObject({ totalCount: 0, unreadCount: 0 });
  expect(await folder('inbox')).toMatchObject({ totalCount: 3, unreadCount: 3 });
  expect((await client.api.mail.listThreads({ folderId: archive.id })).total).toBe(0);
  expect(await searchIds('zeppelin in:inbox')).toEqual([ids.root, ids.reply]);
  // A token works once.
  await expect(client.api.mail.undo({ undoToken: r.undoToken! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  off();
});

it('moves a whole thread (multi-selection) to another folder of the account, with read state carried', async () => {
  await client.api.mail.setRead({ messageIds: [ids.root], read: true });
  const projects = core.store.ensureFolder(inbox.accountId, 'Projects');
  const r = await client.api.mail.move({ messageIds: [ids.root, ids.reply], toFolderId: projects.id });
  expect(r.changed).toBe(2);
  expect(await folder('Projects')).toMatchObject({ totalCount: 2, unreadCount: 1 });
  expect(await folder('inbox')).toMatchObject({ totalCount: 1, unreadCount: 1 });
  const threads = await client.api.mail.listThreads({ folderId: projects.id });
  expect(threads.items).toHaveLength(1);
  expect(threads.items[0]).toMatchObject({ messageCount: 2, unreadCount: 1 });
  expect(await searchIds('in:projects')).toEqual([ids.root, ids.reply]);
  // Moving to where they already are changes nothing and offers no undo.
  expect(await client.api.mail.move({ messageIds: [ids.root], toFolderId: projects.id })).toEqual({ changed: 0, undoToken: null });
});

it('deletes to Trash with undo, then from Trash for good without undo (rows, bodies and index gone)', async () => {
  const r = await client.api.mail.delete({ messageIds: [ids.other] });
  expect(r).toMatchObject({ changed: 1, undoToken: expect.any(String) });
  const trash = (await folder('trash'))!;
  expect(trash).toMatchObject({ path: 'Trash', totalCount: 1 });
  expect(await searchIds('soup in:trash')).toEqual([ids.other]);

  const gone = await client.api.mail.delete({ messageIds: [ids.other] });
  expect(gone).toEqual({ changed: 1, undoToken: null });
  expect(await folder('trash')).toMatchObject({ totalCount: 0, unreadCount: 0 });
  expect(await searchIds('soup')).toEqual([]);
  await expect(client.api.mail.getMessage({ id: ids.other })).rejects.toBeInstanceOf(ApiError);
  // Undo of the earlier move finds nothing left to move back.
  expect(await client.api.mail.undo({ undoToken: r.undoToken! })).toEqual({ changed: 0 });
  const doctor = await client.api.app.doctor();
  expect(doctor).toMatchObject({ ok: true });
  expect(doctor.messages).toBe(doctor.ftsRows);
});

it('refuses a move into another account and into a folder that does not exist, changing nothing', async () => {
  const db = connectionOf(core.store);
  const otherAccount = Number(db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('local', 'Elsewhere', 0)").run().lastInsertRowid);
  const elsewhere = core.store.ensureFolder(otherAccount, 'Inbox', 'inbox');
  await expect(client.api.mail.move({ messageIds: [ids.root], toFolderId: elsewhere.id })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  await expect(client.api.mail.move({ messageIds: [ids.root], toFolderId: 99999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  expect((await client.api.mail.getMessage({ id: ids.root })).folderId).toBe((await folder('Projects'))!.id);
  expect(await folder('Projects')).toMatchObject({ totalCount: 2 });
});
