import crypto from 'node:crypto';
import fs from 'node:fs';
import { PmsyncError } from '../../shared/errors';
import { configureConnection, openEncryptedDatabase, readDbSalt, type Db } from './connection';
import { classifyStoreError } from './errors';
import { DATA_KEY_BYTES, discardWrappedKey, readKeyring, unwrapDataKey, wrapDataKey, writeKeyring } from './keyring';
import { assertNotNewer, migrate } from './migrate';
import { MIGRATIONS } from './migrations/index';
import { databaseFiles, profileExists, profilePaths, type ProfilePaths } from './profile-files';
import { acquireProfileLock } from './profile-lock';
import { SqliteProfileStore } from './sqlite-profile-store';
import type { OpenProfileOptions, ProfileStore } from './types';

export { profileExists } from './profile-files';
export type * from './types';

/**
 * Opens (or, with `create`, initializes) the encrypted profile in `profileDir`.
 * Order matters: lock first; unwrap the key (a wrong passphrase fails here, before the
 * database is touched); prove the key with a read; refuse a newer schema before any write;
 * then configure the connection and apply pending migrations in one transaction.
 */
export async function openProfile(options: OpenProfileOptions): Promise<ProfileStore> {
  const paths = profilePaths(options.profileDir);
  const create = options.create ?? 'never';
  const exists = profileExists(paths.dir);
  if (exists && create === 'only') {
    throw new PmsyncError('PROFILE_EXISTS', `A profile already exists at ${paths.dir}.`, 'Open it instead, or choose another folder for a new profile.');
  }
  if (!exists && create === 'never') {
    throw new PmsyncError('PROFILE_MISSING', `No PMSync profile at ${paths.dir}.`, 'Create one with `pmsync init`, or point PMSync at the folder that holds pmsync.db.');
  }
  try {
    fs.mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw classifyStoreError(err, paths.dir, 'open');
  }
  const lock = acquireProfileLock(paths.dir, paths.lock);
  let db: Db | undefined;
  try {
    if (!exists) await createProfile(paths, options);
    const keyring = readKeyring(paths.keyring);
    const dataKey = await unwrapDataKey(keyring, options.unlock);
    db = openEncryptedDatabase(paths.db, dataKey, paths.dir, keyring.dbSalt);
    assertNotNewer(db, MIGRATIONS, paths.dir);
    configureConnection(db);
    migrate(db, MIGRATIONS);
    return new SqliteProfileStore(db, { profileDir: paths.dir, dbFile: paths.db, keySource: keyring.kind, lock });
  } catch (err) {
    db?.close();
    lock.release();
    throw classifyStoreError(err, paths.dir, 'open');
  }
}

/**
 * Builds the database under a temporary name, records its salt in the keyring, then renames
 * it into place: a crash at any step leaves no pmsync.db, so the folder is not a profile and
 * init can simply run again.
 */
async function createProfile(paths: ProfilePaths, options: OpenProfileOptions): Promise<void> {
  for (const f of databaseFiles(paths.dbCreating)) fs.rmSync(f, { force: true });
  const dataKey = crypto.randomBytes(DATA_KEY_BYTES);
  const keyring = await wrapDataKey(dataKey, options.unlock, paths.dir);
  try {
    const db = openEncryptedDatabase(paths.dbCreating, dataKey, paths.dir);
    try {
      configureConnection(db);
      migrate(db, MIGRATIONS);
      db.prepare("INSERT OR REPLACE INTO settings(key, value) VALUES ('profile.createdAt', ?)").run(String(Date.now()));
    } finally {
      db.close(); // checkpoints the WAL, so the salt is in the main file below
    }
    writeKeyring(paths.keyring, { ...keyring, dbSalt: readDbSalt(paths.dbCreating) });
    fs.chmodSync(paths.dbCreating, 0o600);
    fs.renameSync(paths.dbCreating, paths.db);
  } catch (err) {
    for (const f of databaseFiles(paths.dbCreating)) fs.rmSync(f, { force: true });
    await discardWrappedKey(keyring);
    throw err;
  }
}
