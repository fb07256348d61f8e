import crypto from 'node:crypto';
import path from 'node:path';
import { configureConnection, openEncryptedDatabase, type Db } from '../connection';
import { migrate } from '../migrate';
import { MIGRATIONS } from '../migrations/index';
import { tempDir } from './fixtures';

/** A real SQLCipher database in a temp folder, migrated up to `version`. */
export function databaseAt(version: number): { db: Db; migrateTo: (v: number) => void; cleanup: () => void } {
  const t = tempDir('pmsync-migration-');
  const db = openEncryptedDatabase(path.join(t.dir, 'pmsync.db'), crypto.randomBytes(32), t.dir);
  configureConnection(db);
  migrate(db, MIGRATIONS, version);
  return {
    db,
    migrateTo: (v) => { migrate(db, MIGRATIONS, v); },
    cleanup: () => { db.close(); t.cleanup(); },
  };
}
