import { afterEach, describe, expect, it } from 'vitest';
import { PmsyncError } from '../../shared/errors';
import { assertNotNewer, checkMigrationOrder, latestVersion, migrate, type Migration } from './migrate';
import { MIGRATIONS } from './migrations/index';
import { databaseAt } from './test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

describe('migration runner', () => {
  it('lists migrations in increasing steps and applies them all', () => {
    expect(() => checkMigrationOrder(MIGRATIONS)).not.toThrow();
    expect(MIGRATIONS.slice(0, 4).map((m) => m.version)).toEqual([10, 20, 30, 40]);
    const latest = latestVersion(MIGRATIONS);
    const t = databaseAt(latest);
    cleanup = t.cleanup;
    expect(migrate(t.db, MIGRATIONS)).toEqual({ from: latest, to: latest, applied: [] });
  });

  it('rejects migrations out of order', () => {
    const m = (version: number): Migration => ({ version, name: `m${version}`, up: () => undefined });
    expect(() => checkMigrationOrder([m(10), m(10)])).toThrow(/out of order/);
    expect(() => checkMigrationOrder([m(20), m(10)])).toThrow(/out of order/);
  });

  it('applies pending migrations in one transaction: a failing step leaves the old schema', () => {
    const t = databaseAt(20);
    cleanup = t.cleanup;
    const broken: Migration = { version: latestVersion(MIGRATIONS) + 10, name: 'broken', up: (db) => { db.exec('CREATE TABLE half_done(x)'); throw new Error('boom'); } };
    expect(() => migrate(t.db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(t.db.pragma('user_version', { simple: true })).toBe(20);
    expect(t.db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('message_fts', 'settings', 'half_done')").pluck().get()).toBe(0);
  });

  it('refuses a newer database', () => {
    const t = databaseAt(latestVersion(MIGRATIONS));
    cleanup = t.cleanup;
    t.db.pragma(`user_version = ${latestVersion(MIGRATIONS) + 20}`);
    let err: unknown;
    try { assertNotNewer(t.db, MIGRATIONS, '/p'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(PmsyncError);
    expect((err as PmsyncError).code).toBe('DB_NEWER');
  });
});
