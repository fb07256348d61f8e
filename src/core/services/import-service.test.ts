import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImportProgress } from '../../shared/api/mail';
import { PmsyncError } from '../../shared/errors';
import { EventHub } from '../events';
import { buildMbox, generateMessage } from '../mail/fixtures/generate-messages';
import { buildParseWorker } from '../mail/test-support/build-parse-worker';
import { InMemoryImportStore } from './import/in-memory-store';
import { ImportService } from './import-service';

const dir = mkdtempSync(join(tmpdir(), 'pmsync-import-'));
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const raws = (from: number, n: number) => Array.from({ length: n }, (_, i) => generateMessage(from + i).raw);

let workerScript: string;
beforeAll(async () => {
  workerScript = await buildParseWorker();
}, 60_000);

const services: ImportService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
});

function setup(opts: { batchSize?: number; worker?: boolean } = {}) {
  const store = new InMemoryImportStore();
  const events = new EventHub();
  const changed: number[][] = [];
  const progress: ImportProgress[] = [];
  events.on('mail.changed', (p) => changed.push(p.folderIds));
  events.on('mail.importProgress', (p) => progress.push(p));
  const service = new ImportService({ store: store.asProfileStore(), events, batchSize: opts.batchSize, workerScript: opts.worker ? workerScript : undefined });
  services.push(service);
  return { store, events, service, changed, progress };
}

async function expectPmsyncError(p: Promise<unknown>, code: string, message: RegExp): Promise<PmsyncError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(PmsyncError);
  expect((err as PmsyncError).code).toBe(code);
  expect((err as PmsyncError).message).toMatch(message);
  expect((err as PmsyncError).hint).toBeTruthy();
  return err as PmsyncError;
}

describe('ImportService.importFiles', () => {
  it('imports an mbox into a folder named after the file, in batches, in order, through workers', async () => {
    const { store, service, changed, progress } = setup({ batchSize: 40, worker: true });
    const path = file('Work.mbox', buildMbox(raws(0, 100)));
    const result = await service.importFiles([path]);
    const work = store.folderByPath('Work');
    expect(work).toBeDefined();
    expect(result).toEqual({ imported: 100, duplicates: 0, failed: [], folderIds: [work?.id] });
    const stored = store.messages.get(work?.id ?? -1) ?? [];
    expect(stored.map((m) => m.messageId)).toEqual(raws(0, 100).map((_, i) => `msg${i}@gen.example`));
    expect(store.batchSizes).toEqual([40, 40, 20]);
    expect(changed).toEqual([[work?.id], [work?.id], [work?.id]]);
    const last = progress[progress.length - 1];
    expect(last).toMatchObject({ done: true, messages: 100, fileName: path });
    expect(last.bytesRead).toBe(last.totalBytes);
    expect(progress.filter((p) => p.done)).toHaveLength(1);
  });

  it('maps special file names to roles and .eml files to the Inbox (or a chosen folder)', async () => {
    const { store, service } = setup();
    const inbox = file('INBOX', buildMbox(raws(0, 2)));
    const sent = file('Sent.mbox', buildMbox(raws(2, 2)));
    const eml1 = file('one.eml', raws(4, 1)[0]);
    const eml2 = file('two.EML', raws(5, 1)[0]);
    const r = await service.importFiles([inbox, sent, eml1, eml2]);
    expect(r.imported).toBe(6);
    const inboxFolder = store.folderByPath('Inbox');
    expect(inboxFolder?.role).toBe('inbox');
    expect(store.folderByPath('Sent')?.role).toBe('sent');
    expect(store.messages.get(inboxFolder?.id ?? -1)).toHaveLength(4);
    const r2 = await service.importFiles([file('three.eml', raws(6, 1)[0])], { folder: 'Archive/2024' });
    expect(store.folderByPath('Archive/2024')?.id).toBe(r2.folderIds[0]);
  });

  it('records a message that fails and continues; counts duplicates', async () => {
    const { service } = setup();
    const mbox = buildMbox([raws(0, 1)[0], '\u0001\u0002 binary junk without headers', raws(1, 1)[0]]);
    const r = await service.importFiles([file('mixed.mbox', mbox)]);
    expect(r.imported).toBe(2);
    expect(r.failed).toEqual([{ file: join(dir, 'mixed.mbox'), index: 1, reason: 'The data has no e-mail headers.' }]);
    const again = await service.importFiles([join(dir, 'mixed.mbox')]);
    expect(again).toMatchObject({ imported: 0, duplicates: 2 });
  });

  it('fails clearly on a missing file, before importing anything', async () => {
    const { store, service } = setup();
    const good = file('good.mbox', buildMbox(raws(0, 3)));
    await expectPmsyncError(service.importFiles([good, join(dir, 'nope.mbox')]), 'IMPORT_FAILED', /^Cannot read .*nope\.mbox: no such file$/);
    expect(store.messages.size).toBe(0);
    await expectPmsyncError(service.importFiles([dir]), 'IMPORT_FAILED', /not a regular file/);
  });

  it('refuses a file that is not mail, or reports it among others', async () => {
    const { service } = setup();
    const pdf = file('doc.pdf', '%PDF-1.7\nbinary');
    await expectPmsyncError(service.importFiles([pdf]), 'IMPORT_FAILED', /doc\.pdf.*neither an mbox nor an e-mail/);
    const r = await service.importFiles([pdf, file('ok.eml', raws(0, 1)[0])]);
    expect(r.imported).toBe(1);
    expect(r.failed).toHaveLength(1);
    expect(r.failed[0].file).toBe(pdf);
  });

  it('throttles progress events', async () => {
    const { service, progress } = setup();
    const onProgress: ImportProgress[] = [];
    await service.importFiles([file('p.mbox', buildMbox(raws(0, 300)))], { onProgress: (p) => onProgress.push(p) });
    expect(onProgress).toEqual(progress);
    for (let i = 1; i < progress.length - 1; i++) expect(progress[i].messages).toBeGreaterThanOrEqual(progress[i - 1].messages);
    // 300 messages parse in well under a minute: far fewer events than messages.
    expect(progress.length).toBeLessThan(60);
  });
});

describe('ImportService uploads', () => {
  it('parses chunks as they arrive and stores on commit', async () => {
    const { store, service } = setup({ batchSize: 10, worker: true });
    const data = Buffer.from(buildMbox(raws(0, 37)));
    const id = service.beginUpload('C:\\Users\\me\\Projects.mbox', data.length);
    expect(id).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    let received = 0;
    for (let i = 0, step = 1; i < data.length; i += step, step = step * 3 + 7) {
      received = await service.receiveChunk(id, data.subarray(i, i + step));
    }
    expect(received).toBe(data.length);
    // Messages are stored while the upload is still open, batch by batch.
    await vi.waitFor(() => expect((store.messages.get(store.folderByPath('Projects')?.id ?? -1) ?? []).length).toBeGreaterThanOrEqual(30));
    const r = await service.commitUpload(id);
    expect(r.imported).toBe(37);
    await expectPmsyncError(service.commitUpload(id), 'NOT_FOUND', /No upload/);
  });

  it('rejects unknown ids, too much data and incomplete uploads', async () => {
    const { service } = setup();
    await expect(async () => service.receiveChunk('nope', Buffer.from('x'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const small = service.beginUpload('a.eml', 5);
    await expectPmsyncError(service.receiveChunk(small, Buffer.from('Subject: too long\r\n')), 'IMPORT_FAILED', /more than the announced 5 bytes/);
    await expect(async () => service.receiveChunk(small, Buffer.from('x'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const partial = service.beginUpload('b.eml', 1000);
    await service.receiveChunk(partial, Buffer.from('Subject: x\r\n'));
    await expectPmsyncError(service.commitUpload(partial), 'IMPORT_FAILED', /incomplete: 12 of 1000 bytes/);
    const junk = service.beginUpload('c.bin', 4);
    await expectPmsyncError(service.receiveChunk(junk, Buffer.from('\u0000\u0001\n\n')), 'IMPORT_FAILED', /c\.bin.*neither an mbox/);
    expect(() => service.beginUpload('d.eml', -1)).toThrow(/Invalid upload size/);
  });
});
