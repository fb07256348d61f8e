import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import * as sqliteVec from 'sqlite-vec';
import { PmsyncError } from '../../shared/errors';
import { classifyStoreError, dbCorrupt, errorCode } from './errors';
import { rawKeyPragma } from './keyring';

export type Db = Database.Database;

/**
 * 32 MiB page cache. Every page read from disk is decrypted and HMAC-checked, so re-reading
 * is expensive: with SQLite's default 2 MiB, search and thread listing on 100k messages were
 * ~10x slower (TESTING.md; store-bench.ts). 32 MiB searches 100k messages as fast as 128 MiB
 * did (bench/import-search.mjs queries, warm, within noise) and the cache fills up during a
 * large import, where the 96 MiB difference was the whole margin to the 400 MB RSS goal
 * (100k import: 32 MiB → 341 MiB peak RSS; 128 MiB → ~440).
 */
export const CACHE_SIZE_KIB = 32768;
const BUSY_TIMEOUT_MS = 5000;
const PLAIN_SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function readDbSalt(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(16);
    const n = fs.readSync(fd, buf, 0, 16, 0);
    return n === 16 ? buf.toString('base64') : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The key did not decrypt page 1: say whether keyring and database are mismatched or the file is damaged. */
function explainUnreadable(file: string, profileDir: string, expectedSalt: string | undefined): PmsyncError {
  const salt = readDbSalt(file);
  if (salt === undefined) return dbCorrupt(profileDir, 'pmsync.db is truncated');
  if (Buffer.from(salt, 'base64').equals(PLAIN_SQLITE_HEADER)) {
    return new PmsyncError('DB_CORRUPT', `${file} is a plain, unencrypted SQLite file, not a PMSync profile database.`, 'Point PMSync at a profile folder created by `pmsync init`, or restore the profile from your backup.');
  }
  if (expectedSalt !== undefined && salt !== expectedSalt) {
    return new PmsyncError(
      'DB_CORRUPT',
      `The key in keyring.json does not open ${file}: keyring.json belongs to another profile (or the database was replaced).`,
      'Put back the keyring.json that was created with this pmsync.db, or restore the whole profile folder from your backup.',
    );
  }
  return dbCorrupt(profileDir, 'its first page cannot be decrypted with the profile key');
}

/**
 * Opens pmsync.db with the raw data key and proves the key works with a first read
 * (`PRAGMA key` itself always succeeds). Writes nothing: the caller checks the schema
 * version before anything may change the file.
 */
export function openEncryptedDatabase(file: string, dataKey: Buffer, profileDir: string, expectedSalt?: string): Db {
  let db: Db;
  try {
    db = new Database(file);
  } catch (err) {
    throw classifyStoreError(err, profileDir, 'open');
  }
  try {
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(rawKeyPragma(dataKey));
    db.pragma(`busy_timeout=${BUSY_TIMEOUT_MS}`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (err) {
    db.close();
    if (errorCode(err) === 'SQLITE_NOTADB') throw explainUnreadable(file, profileDir, expectedSalt);
    throw classifyStoreError(err, profileDir, 'open');
  }
}

/** Connection settings for speed with safety: WAL + NORMAL loses at most the last commits on power loss, never integrity. */
export function configureConnection(db: Db): void {
  db.pragma('journal_mode=WAL');
  db.pragma('synchronous=NORMAL');
  db.pragma('temp_store=MEMORY');
  db.pragma('foreign_keys=ON');
  db.pragma(`cache_size=-${CACHE_SIZE_KIB}`);
  sqliteVec.load(db);
}
