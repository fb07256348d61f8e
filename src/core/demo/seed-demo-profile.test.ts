// Integration: the demo seed through the real ImportService into a real encrypted profile.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventHub } from '../events';
import { ImportService } from '../services/import-service';
import { openProfile } from '../store/index';
import type { ProfileStore } from '../store/types';
import { NEEDLES } from './generate-mailbox';
import { DEMO_IDENTITY, seedDemoProfile } from './seed-demo-profile';

let dir: string;
let store: ProfileStore;
let service: ImportService;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pmsync-demo-seed-'));
  store = await openProfile({ profileDir: path.join(dir, 'profile'), unlock: { kind: 'passphrase', passphrase: 'demo test' }, create: 'if-missing' });
  service = new ImportService({ store, events: new EventHub() });
}, 60_000);

afterAll(async () => {
  await service?.dispose();
  store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('seedDemoProfile', () => {
  it('imports one folder per generated folder, threads included, and leaves no mbox behind', async () => {
    const tmpDir = path.join(dir, 'tmp');
    await mkdir(tmpDir);
    const result = await seedDemoProfile(service, { count: 600, tmpDir, now: new Date('2025-06-01T12:00:00Z') });
    expect(result.failed).toEqual([]);
    expect(result.imported).toBe(600);
    expect(Object.values(result.folders).reduce((a, b) => a + b, 0)).toBe(600);
    expect(await readdir(tmpDir)).toEqual([]);

    const folders = store.listFolders();
    for (const [folderPath, count] of Object.entries(result.folders)) {
      const folder = folders.find((f) => f.path === folderPath);
      expect(folder, folderPath).toBeDefined();
      expect(folder!.totalCount).toBe(count);
    }
    expect(folders.some((f) => f.path === 'Work/Projects')).toBe(true);

    // Replies joined their threads: some thread in Sent or Inbox has more than one message.
    const multi = folders.flatMap((f) => store.listThreads(f.id, 0, 500).items).filter((t) => t.messageCount > 1);
    expect(multi.length).toBeGreaterThan(10);
    expect(store.search(`from:${NEEDLES.sender}`, 0, 50).total).toBeGreaterThan(0);
    expect(store.search('has:attachment', 0, 50).total).toBeGreaterThan(10);
    expect(DEMO_IDENTITY.address).toMatch(/@pmsync\.example$/);
  });

  it('importing the same demo again adds nothing (duplicates are recognised)', async () => {
    const again = await seedDemoProfile(service, { count: 600, tmpDir: dir, now: new Date('2025-06-01T12:00:00Z') });
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(600);
  });
});
