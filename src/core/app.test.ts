import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ConnectedClient } from '../shared/api/client';
import { ApiError } from '../shared/errors';
import { createDispatcher } from './api/dispatch';
import { openCore, type Core } from './app';
import { createInProcessTransport } from './transport/in-process';

/** The composition root against a real encrypted profile, driven through the typed client. */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pmsync-app-'));
const unlock = { kind: 'passphrase', passphrase: 'app test passphrase' } as const;
let core: Core;
let client: ConnectedClient;

const mbox = [
  'From a@example.org Mon Mar  4 10:00:00 2024',
  'From: Ann <ann@example.org>',
  'Subject: Budget review',
  'Date: Mon, 04 Mar 2024 10:00:00 +0000',
  'Message-ID: <budget@example.org>',
  '',
  'Numbers for the budget review.',
  '',
  'From b@example.org Tue Mar  5 10:00:00 2024',
  'From: Ben <ben@example.org>',
  'Subject: Picnic',
  'Date: Tue, 05 Mar 2024 10:00:00 +0000',
  'Message-ID: <picnic@example.org>',
  '',
  'Bring a blanket.',
  '',
].join('\n');

beforeAll(async () => {
  core = await openCore({ profileDir: path.join(tmp, 'p'), unlock, create: 'only' });
  client = createApiClient(createInProcessTransport(createDispatcher(core.handlers), core.events));
});

afterAll(async () => {
  client.dispose();
  await core.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('openCore', () => {
  it('answers app.ping and app.info for the new profile', async () => {
    expect(await client.api.app.ping()).toMatchObject({ pong: true });
    expect(await client.api.app.info()).toMatchObject({ profileDir: path.join(tmp, 'p'), keySource: 'passphrase', messages: 0, cipher: 'sqlcipher' });
  });

  it('imports through the chunked upload API and announces the change', async () => {
    const changed: unknown[] = [];
    const off = client.on('mail.changed', (p) => changed.push(p));
    const bytes = Buffer.from(mbox);
    const { uploadId } = await client.api.mail.importBegin({ fileName: 'Projects.mbox', size: bytes.length });
    let received = 0;
    for (let at = 0; at < bytes.length; at += 100) {
      ({ received } = await client.api.mail.importChunk({ uploadId, dataBase64: bytes.subarray(at, at + 100).toString('base64') }));
    }
    expect(received).toBe(bytes.length);
    const result = await client.api.mail.importCommit({ uploadId });
    expect(result).toMatchObject({ imported: 2, duplicates: 0, failed: [] });
    expect(changed).toContainEqual({ folderIds: result.folderIds, reason: 'import' });
    off();
  });

  it('refuses a chunk that is not base64 instead of storing garbage', async () => {
    const { uploadId } = await client.api.mail.importBegin({ fileName: 'x.mbox', size: 10 });
    const err = await client.api.mail.importChunk({ uploadId, dataBase64: 'no*base64!' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ method: 'mail.importChunk', code: 'INVALID_INPUT' });
  });

  it('lists, reads, searches, and flags with a mail.changed event', async () => {
    const folder = (await client.api.mail.listFolders()).find((f) => f.path === 'Projects');
    expect(folder).toMatchObject({ totalCount: 2, unreadCount: 2 });
    const threads = await client.api.mail.listThreads({ folderId: folder!.id });
    expect(threads.items.map((t) => t.subject)).toEqual(['Picnic', 'Budget review']);
    const hits = await client.api.mail.search({ query: 'blanket' });
    expect(hits.items.map((h) => h.subject)).toEqual(['Picnic']);
    const message = await client.api.mail.getMessage({ id: hits.items[0].id });
    expect(message.bodyText).toContain('Bring a blanket.');

    const changed = new Promise((resolve) => client.on('mail.changed', resolve));
    expect(await client.api.mail.setRead({ messageIds: [message.id], read: true })).toEqual({ changed: 1 });
    expect(await changed).toEqual({ folderIds: [folder!.id], reason: 'flags' });
    expect((await client.api.mail.listFolders()).find((f) => f.id === folder!.id)?.unreadCount).toBe(1);
  });

  it('turns missing rows into NOT_FOUND with the method name', async () => {
    await expect(client.api.mail.listThreads({ folderId: 9999 })).rejects.toMatchObject({ code: 'NOT_FOUND', method: 'mail.listThreads' });
    await expect(client.api.mail.getMessage({ id: 9999 })).rejects.toMatchObject({ code: 'NOT_FOUND', method: 'mail.getMessage' });
    await expect(client.api.mail.getAttachment({ id: 9999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a wrong passphrase as WRONG_PASSPHRASE (after the first core is closed)', async () => {
    const other = path.join(tmp, 'q');
    await (await openCore({ profileDir: other, unlock, create: 'only' })).close();
    await expect(openCore({ profileDir: other, unlock: { kind: 'passphrase', passphrase: 'nope' } })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });
});
