import { PmsyncError } from '../../shared/errors';
import type { Db } from './connection';

export interface Migration {
  /** Steps of 10 leave room for a fix-up migration between two released ones. */
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

export function currentSchemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
}

/** A programming error, caught by tests: versions must strictly increase and be positive. */
export function checkMigrationOrder(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new PmsyncError('INTERNAL', `Migration ${m.version}-${m.name} is out of order (after ${previous}).`);
    }
    previous = m.version;
  }
}

/** Refuses a database written by a newer PMSync before anything is written to it. */
export function assertNotNewer(db: Db, migrations: readonly Migration[], profileDir: string): void {
  const found = currentSchemaVersion(db);
  const known = latestVersion(migrations);
  if (found > known) {
    throw new PmsyncError(
      'DB_NEWER',
      `The profile at ${profileDir} was written by a newer PMSync (schema ${found}; this version knows up to ${known}). It was not changed.`,
      'Update PMSync to the latest version, then open the profile again.',
    );
  }
}

/**
 * Applies every pending migration up to `target` in ONE transaction and records the version
 * in user_version (which is transactional), so a failure leaves the old schema intact.
 *
 * Foreign keys are off while migrations run (SQLite's documented table-rebuild procedure):
 * with them on, DROP TABLE runs an implicit DELETE whose ON DELETE CASCADE actions would wipe
 * every child row of a table being rebuilt. `PRAGMA foreign_key_check` runs before COMMIT, so
 * a migration that leaves a dangling reference is rolled back instead of committed.
 */
export function migrate(db: Db, migrations: readonly Migration[], target = latestVersion(migrations)): { from: number; to: number; applied: string[] } {
  checkMigrationOrder(migrations);
  const from = currentSchemaVersion(db);
  if (from > latestVersion(migrations)) throw new PmsyncError('DB_NEWER', `Schema ${from} is newer than this PMSync knows.`, 'Update PMSync.');
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return { from, to: from, applied: [] };
  const run = db.transaction(() => {
    for (const m of pending) m.up(db);
    const dangling = db.pragma('foreign_key_check') as unknown[];
    if (dangling.length > 0) {
      throw new PmsyncError('DB_CORRUPT', `A schema upgrade left ${dangling.length} broken references; nothing was changed.`, 'Report this to the PMSync developers with `pmsync doctor` output.');
    }
    db.pragma(`user_version=${pending[pending.length - 1].version}`);
  });
  const foreignKeysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys=OFF'); // a no-op inside a transaction, so it is set before BEGIN
  try {
    run.immediate();
  } finally {
    if (foreignKeysWereOn) db.pragma('foreign_keys=ON');
  }
  return { from, to: pending[pending.length - 1].version, applied: pending.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}`) };
}
