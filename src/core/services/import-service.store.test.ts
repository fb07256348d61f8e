import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventHub } from '../events';
import { buildMbox, generateMessage } from '../mail/fixtures/generate-messages';
import { buildParseWorker } from '../mail/test-support/build-parse-worker';
import { threadMessages } from '../mail/thread-messages';
import { parseMessage } from '../mail/parse-message';
import { openProfile } from '../store/index';
import type { ProfileStore } from '../store/types';
import { ImportService } from './import-service';

// Integration: the real encrypted store, the real bundled worker, a real mbox file.
const COUNT = 300;
let store: ProfileStore;
let service: ImportService;
let mboxPath: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pmsync-import-store-'));
  store = await openProfile({ profileDir: join(dir, 'profile'), unlock: { kind: 'passphrase', passphrase: 'import test' }, create: 'if-missing' });
  service = new ImportService({ store, events: new EventHub(), workerScript: await buildParseWorker(), batchSize: 100 });
  const raws = Array.from({ length: COUNT }, (_, i) => generateMessage(i, { attachmentEvery: 25 }).raw);
  mboxPath = join(dir, 'Projects.mbox');
  writeFileSync(mboxPath, buildMbox(raws, '\r\n'));
}, 120_000);

afterAll(async () => {
  await service?.dispose();
  store?.close();
});

describe('ImportService with the real store', () => {
  it('imports an mbox so every message can be found, threaded like the JWZ oracle', async () => {
    const result = await service.importFiles([mboxPath]);
    expect(result.failed).toEqual([]);
    expect(result.imported).toBe(COUNT);
    const folderId = result.folderIds[0];
    const folder = store.listFolders().find((f) => f.id === folderId);
    expect(folder?.path).toBe('Projects');

    const expectedGroups = threadMessages(await Promise.all(
      Array.from({ length: COUNT }, (_, i) => parseMessage(Buffer.from(generateMessage(i, { attachmentEvery: 25 }).raw))),
    ));
    const page = store.listThreads(folderId, 0, 500);
    expect(page.total).toBe(expectedGroups.length);

    const seen = new Map<string, number>();
    for (const summary of page.items) {
      const thread = store.getThread(summary.id, folderId);
      expect(thread).toBeDefined();
      for (const m of thread?.messages ?? []) {
        seen.set(m.messageId, summary.id);
        const full = store.getMessage(m.id);
        expect(full?.messageId).toBe(m.messageId);
        expect(full?.bodyText).toContain(`From the desk of sender ${m.messageId.match(/\d+/)?.[0]}.`);
      }
    }
    expect(seen.size).toBe(COUNT);
    // Same grouping as the oracle: every message of a group shares one thread id.
    for (const group of expectedGroups) expect(new Set(group.map((id) => seen.get(id))).size).toBe(1);

    const again = await service.importFiles([mboxPath]);
    expect(again).toMatchObject({ imported: 0, duplicates: COUNT });
  });
});
