import { latestVersion } from './migrate';
import { MIGRATIONS } from './migrations/index';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PmsyncError } from '../../shared/errors';
import { openProfile, profileExists } from './index';
import { SqliteProfileStore } from './sqlite-profile-store';
import { PASS, attachment, parsedMessage, tempDir } from './test-support/fixtures';
import { openRawDatabase } from './test-support/raw-profile';
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

async function create(dir: string): Promise<ProfileStore> {
  const store = await openProfile({ profileDir: dir, unlock: PASS, create: 'only' });
  cleanups.unshift(() => store.close());
  return store;
}

async function rejection(p: Promise<unknown>): Promise<PmsyncError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(PmsyncError);
  return err as PmsyncError;
}

function sha(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

describe('openProfile', () => {
  it('creates an encrypted profile and shows its data after reopening with the passphrase', async () => {
    const dir = newDir();
    const store = await create(dir);
    expect(store.schemaVersion).toBe(latestVersion(MIGRATIONS));
    expect(store.keySource).toBe('passphrase');
    expect(store.createdAt).toBeGreaterThan(Date.now() - 60_000);
    expect((store as SqliteProfileStore).vecVersion()).toMatch(/^v0\.1\./);
    const inbox = store.listFolders(store.ensureLocalAccount().id)[0];
    store.insertMessages(inbox.id, [parsedMessage({ subject: 'Quarterly numbers' })]);
    store.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['keyring.json', 'pmsync.db']);

    const again = await openProfile({ profileDir: dir, unlock: PASS });
    cleanups.unshift(() => again.close());
    expect(again.listThreads(inbox.id, 0, 10).items.map((t) => t.subject)).toEqual(['Quarterly numbers']);
    expect(again.createdAt).toBe(store.createdAt);
  });

  it('keeps no plaintext in pmsync.db, its WAL or keyring.json', async () => {
    const dir = newDir();
    const store = await create(dir);
    const inbox = store.listFolders(store.ensureLocalAccount().id)[0];
    const secret = 'zanzibarquokka';
    store.insertMessages(inbox.id, [
      parsedMessage({
        subject: `Plan ${secret}`, bodyText: `The ${secret} body`, from: { name: 'Quokka Person', address: `${secret}@example.com` },
        attachments: [attachment({ filename: `${secret}.txt`, content: Buffer.from(`${secret} in the attachment`) })],
      }),
    ]);
    const needle = Buffer.from(secret);
    const wal = path.join(dir, 'pmsync.db-wal');
    expect(fs.statSync(wal).size).toBeGreaterThan(0);
    for (const f of [path.join(dir, 'pmsync.db'), wal, path.join(dir, 'keyring.json')]) {
      expect(fs.readFileSync(f).includes(needle), f).toBe(false);
    }
    store.close();
    expect(fs.readFileSync(path.join(dir, 'pmsync.db')).includes(needle)).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'pmsync.db')).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
  });

  it('says the passphrase is wrong, and releases the lock', async () => {
    const dir = newDir();
    (await create(dir)).close();
    const err = await rejection(openProfile({ profileDir: dir, unlock: { kind: 'passphrase', passphrase: 'nope' } }));
    expect(err.code).toBe('WRONG_PASSPHRASE');
    expect(err.message).toBe('The passphrase does not open this profile.');
    expect(err.hint).toBeTruthy();
    expect(fs.existsSync(path.join(dir, 'pmsync.lock'))).toBe(false);
    const ok = await openProfile({ profileDir: dir, unlock: PASS });
    ok.close();
  });

  it('refuses to create over an existing profile and to open a missing one', async () => {
    const dir = newDir();
    expect((await rejection(openProfile({ profileDir: dir, unlock: PASS }))).code).toBe('PROFILE_MISSING');
    expect(profileExists(dir)).toBe(false);
    (await create(dir)).close();
    expect(profileExists(dir)).toBe(true);
    expect((await rejection(openProfile({ profileDir: dir, unlock: PASS, create: 'only' }))).code).toBe('PROFILE_EXISTS');
    const reopened = await openProfile({ profileDir: dir, unlock: PASS, create: 'if-missing' });
    reopened.close();
  });

  it('refuses a key source the profile was not made with', async () => {
    const dir = newDir();
    (await create(dir)).close();
    const err = await rejection(openProfile({ profileDir: dir, unlock: { kind: 'keychain' } }));
    expect(err.code).toBe('WRONG_PASSPHRASE');
    expect(err.message).toContain('protected by a passphrase');
  });

  it('reports the OS keychain as unavailable without creating anything', async () => {
    const dir = newDir();
    const err = await rejection(openProfile({ profileDir: dir, unlock: { kind: 'keychain' }, create: 'only' }));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toContain('OS keychain is not available');
    expect(err.hint).toContain('passphrase');
    expect(profileExists(dir)).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('wraps the key with safeStorage-style callbacks and fails clearly when they cannot unwrap', async () => {
    const dir = newDir();
    const machineKey = crypto.randomBytes(32);
    const iv = Buffer.alloc(16, 7);
    const unlock = {
      kind: 'safeStorage' as const,
      encrypt: async (plain: Buffer) => { const c = crypto.createCipheriv('aes-256-cbc', machineKey, iv); return Buffer.concat([c.update(plain), c.final()]); },
      decrypt: async (wrapped: Buffer) => { const d = crypto.createDecipheriv('aes-256-cbc', machineKey, iv); return Buffer.concat([d.update(wrapped), d.final()]); },
    };
    const store = await openProfile({ profileDir: dir, unlock, create: 'only' });
    expect(store.keySource).toBe('safeStorage');
    store.close();
    (await openProfile({ profileDir: dir, unlock })).close();
    const broken = { ...unlock, decrypt: async () => { throw new Error('decryption unavailable'); } };
    const err = await rejection(openProfile({ profileDir: dir, unlock: broken }));
    expect(err.code).toBe('WRONG_PASSPHRASE');
    expect(err.message).toContain('decryption unavailable');
  });
});

describe('profile lock', () => {
  it('refuses a second open while the first is open, and frees the profile on close', async () => {
    const dir = newDir();
    const store = await create(dir);
    const err = await rejection(openProfile({ profileDir: dir, unlock: PASS }));
    expect(err.code).toBe('PROFILE_LOCKED');
    expect(err.message).toBe(`The profile at ${dir} is open in another PMSync process (pid ${process.pid}).`);
    expect(err.hint).toBe('Close the other PMSync window or run `pmsync` commands while it is closed.');
    store.close();
    expect(fs.existsSync(path.join(dir, 'pmsync.lock'))).toBe(false);
    (await openProfile({ profileDir: dir, unlock: PASS })).close();
  });

  it('refuses a lock held by another live process and takes over one left by a dead process', async () => {
    const dir = newDir();
    (await create(dir)).close();
    const lockFile = path.join(dir, 'pmsync.lock');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    cleanups.push(() => child.kill());
    fs.writeFileSync(lockFile, JSON.stringify({ pid: child.pid, hostname: os.hostname(), startedAt: Date.now() }));
    const err = await rejection(openProfile({ profileDir: dir, unlock: PASS }));
    expect(err.code).toBe('PROFILE_LOCKED');
    expect(err.message).toContain(`(pid ${child.pid})`);
    expect(fs.existsSync(lockFile)).toBe(true);

    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(lockFile, JSON.stringify({ pid: Number(dead.stdout), hostname: os.hostname(), startedAt: 1 }));
    const store = await openProfile({ profileDir: dir, unlock: PASS });
    expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    store.close();
  });
});

describe('schema version', () => {
  it('refuses a database from a newer PMSync and writes nothing to it', async () => {
    const dir = newDir();
    (await create(dir)).close();
    const raw = await openRawDatabase(dir, PASS);
    raw.pragma('user_version = 9990');
    raw.close();
    const dbFile = path.join(dir, 'pmsync.db');
    const before = sha(dbFile);
    const err = await rejection(openProfile({ profileDir: dir, unlock: PASS }));
    expect(err.code).toBe('DB_NEWER');
    expect(err.message).toContain('schema 9990');
    expect(err.hint).toContain('Update PMSync');
    expect(sha(dbFile)).toBe(before);
    expect(fs.existsSync(path.join(dir, 'pmsync.lock'))).toBe(false);
  });
});
