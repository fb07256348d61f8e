import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PmsyncError } from '../../shared/errors';
import { openProfile } from './index';
import { PASS, parsedMessage, tempDir } from './test-support/fixtures';
import { connectionOf } from './test-support/raw-profile';
import type { ProfileStore } from './types';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function newDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return path.join(t.dir, 'profile');
}

async function open(dir: string, create: 'only' | 'never' = 'never'): Promise<ProfileStore> {
  const store = await openProfile({ profileDir: dir, unlock: PASS, create });
  cleanups.unshift(() => store.close());
  return store;
}

function caught(fn: () => unknown): PmsyncError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PmsyncError);
    return err as PmsyncError;
  }
  throw new Error('expected a PmsyncError');
}

async function rejection(p: Promise<unknown>): Promise<PmsyncError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(PmsyncError);
  return err as PmsyncError;
}

/**
 * A closed profile with 400 messages, and the file offset of a page in the middle of the
 * message bodies (found with dbstat, so the damage lands on data the reads below must touch
 * however the schema grows).
 */
async function populatedProfile(): Promise<{ dir: string; bodyPageOffset: number }> {
  const dir = newDir();
  const store = await openProfile({ profileDir: dir, unlock: PASS, create: 'only' });
  const inbox = store.listFolders(store.ensureLocalAccount().id)[0];
  const batch = Array.from({ length: 400 }, (_, i) => parsedMessage({ subject: `Report ${i}`, bodyText: `word${i} `.repeat(300) }));
  store.insertMessages(inbox.id, batch);
  const db = connectionOf(store);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'message_bodies' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  store.close();
  expect(pages.length).toBeGreaterThan(10);
  return { dir, bodyPageOffset: (pages[Math.floor(pages.length / 2)] - 1) * pageSize };
}

function overwrite(file: string, offset: number, length: number): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, crypto.randomBytes(length), 0, length, offset);
  fs.closeSync(fd);
}

describe('damaged files', () => {
  it('reports a damaged page in the middle as DB_CORRUPT and leaves the file untouched', async () => {
    const { dir, bodyPageOffset } = await populatedProfile();
    const dbFile = path.join(dir, 'pmsync.db');
    overwrite(dbFile, bodyPageOffset + 512, 2048);
    const damaged = fs.readFileSync(dbFile);

    const store = await open(dir);
    const report = store.doctor();
    expect(report.ok).toBe(false);
    expect(report.integrity.join('\n')).not.toBe('ok');
    // Reading every message body touches the damaged page.
    const err = caught(() => {
      for (let id = 1; id <= 400; id++) store.getMessage(id);
      store.search('report', 0, 500);
    });
    expect(err.code).toBe('DB_CORRUPT');
    expect(err.message).toContain('is damaged');
    expect(err.hint).toContain('pmsync doctor');
    store.close();
    expect(fs.readFileSync(dbFile).equals(damaged)).toBe(true);
  });

  it('reports a damaged first page as DB_CORRUPT on open', async () => {
    const { dir } = await populatedProfile();
    const dbFile = path.join(dir, 'pmsync.db');
    overwrite(dbFile, 200, 64);
    const damaged = fs.readFileSync(dbFile);
    const err = await rejection(openProfile({ profileDir: dir, unlock: PASS }));
    expect(err.code).toBe('DB_CORRUPT');
    expect(err.message).toContain('first page cannot be decrypted');
    expect(fs.readFileSync(dbFile).equals(damaged)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'pmsync.lock'))).toBe(false);
  });

  it('says when keyring.json belongs to another profile', async () => {
    const a = newDir();
    const b = newDir();
    (await open(a, 'only')).close();
    (await open(b, 'only')).close();
    fs.copyFileSync(path.join(b, 'keyring.json'), path.join(a, 'keyring.json'));
    const err = await rejection(openProfile({ profileDir: a, unlock: PASS }));
    expect(err.code).toBe('DB_CORRUPT');
    expect(err.message).toContain('belongs to another profile');
  });

  it('explains a missing or garbled keyring.json', async () => {
    const dir = newDir();
    (await open(dir, 'only')).close();
    const keyring = path.join(dir, 'keyring.json');
    const good = fs.readFileSync(keyring, 'utf8');

    fs.rmSync(keyring);
    let err = await rejection(openProfile({ profileDir: dir, unlock: PASS }));
    expect(err.code).toBe('DB_CORRUPT');
    expect(err.message).toContain('keyring.json is missing');
    expect(err.hint).toContain('Restore keyring.json');

    fs.writeFileSync(keyring, good.slice(0, good.length / 2));
    err = await rejection(openProfile({ profileDir: dir, unlock: PASS }));
    expect(err.message).toContain('not valid JSON');

    const parsed = JSON.parse(good);
    parsed.wrap.ciphertext = Buffer.from('short').toString('base64');
    fs.writeFileSync(keyring, JSON.stringify(parsed));
    err = await rejection(openProfile({ profileDir: dir, unlock: PASS }));
    expect(err.code).toBe('WRONG_PASSPHRASE'); // a tampered wrapped key fails the GCM tag like a wrong passphrase

    fs.writeFileSync(keyring, JSON.stringify({ version: 1, kind: 'passphrase' }));
    err = await rejection(openProfile({ profileDir: dir, unlock: PASS }));
    expect(err.message).toContain('damaged or from an unknown PMSync version');

    fs.writeFileSync(keyring, good);
    (await open(dir)).close();
  });
});

describe('full disk', () => {
  it('rolls back the whole batch with DISK_FULL and keeps earlier data intact', async () => {
    const dir = newDir();
    const store = await open(dir, 'only');
    const inbox = store.listFolders(store.ensureLocalAccount().id)[0];
    store.insertMessages(inbox.id, Array.from({ length: 20 }, (_, i) => parsedMessage({ subject: `Kept ${i}`, bodyText: 'keptword body' })));
    const db = connectionOf(store);
    const pages = db.pragma('page_count', { simple: true }) as number;
    // SQLite's own "disk full": the file may not grow past a few more pages.
    db.pragma(`max_page_count = ${pages + 3}`);
    const big = Array.from({ length: 200 }, (_, i) => parsedMessage({ subject: `Lost ${i}`, bodyText: `lostword ${'x'.repeat(4000)}` }));
    const err = caught(() => store.insertMessages(inbox.id, big));
    expect(err.code).toBe('DISK_FULL');
    expect(err.message).toBe('The disk is full; nothing was saved of this change.');
    expect(err.hint).toContain('Free some space');
    expect(db.inTransaction).toBe(false);

    expect(store.counts().messages).toBe(20);
    expect(store.getFolder(inbox.id)).toMatchObject({ totalCount: 20, unreadCount: 20 });
    expect(store.search('lostword', 0, 10).total).toBe(0);
    expect(store.search('keptword', 0, 50).total).toBe(20);
    expect(store.listThreads(inbox.id, 0, 100).total).toBe(20);
    expect(store.doctor()).toMatchObject({ ok: true, messages: 20, ftsRows: 20 });

    db.pragma('max_page_count = 1073741823');
    expect(store.insertMessages(inbox.id, big).inserted).toBe(200);
  });
});

describe('busy database', () => {
  it('reports a write blocked by another connection as PROFILE_LOCKED and keeps working after', async () => {
    const dir = newDir();
    const store = await open(dir, 'only');
    const inbox = store.listFolders(store.ensureLocalAccount().id)[0];
    connectionOf(store).pragma('busy_timeout = 50');
    // A second writer that bypassed the lock file (another tool, a copy of PMSync without it).
    const { openRawDatabase } = await import('./test-support/raw-profile');
    const intruder = await openRawDatabase(dir, PASS);
    intruder.exec('BEGIN IMMEDIATE');
    const err = caught(() => store.insertMessages(inbox.id, [parsedMessage()]));
    expect(err.code).toBe('PROFILE_LOCKED');
    intruder.exec('ROLLBACK');
    intruder.close();
    expect(store.insertMessages(inbox.id, [parsedMessage()]).inserted).toBe(1);
  });
});
