import fs from 'node:fs';
import path from 'node:path';

/** The files that make up a profile folder. Nothing readable lives beside the database. */
export interface ProfilePaths {
  dir: string;
  db: string;
  /** Where a new database is built before it is renamed into place, so a crash never leaves a half profile. */
  dbCreating: string;
  keyring: string;
  lock: string;
}

export function profilePaths(profileDir: string): ProfilePaths {
  const dir = path.resolve(profileDir);
  return {
    dir,
    db: path.join(dir, 'pmsync.db'),
    dbCreating: path.join(dir, 'pmsync.db.creating'),
    keyring: path.join(dir, 'keyring.json'),
    lock: path.join(dir, 'pmsync.lock'),
  };
}

/** A profile exists when its database does; a keyring without a database is a crashed init. */
export function profileExists(profileDir: string): boolean {
  return fs.existsSync(profilePaths(profileDir).db);
}

/** Writes a small file so that readers see either the old or the new content, never a torn one. */
export function writeFileAtomic(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** Database file plus its WAL and shared-memory files, as SQLite names them. */
export function databaseFiles(dbFile: string): string[] {
  return [dbFile, `${dbFile}-wal`, `${dbFile}-shm`];
}
