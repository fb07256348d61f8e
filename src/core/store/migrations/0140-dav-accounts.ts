import type { Migration } from '../migrate';

/**
 * CalDAV/CardDAV accounts (issue 5) live in `accounts` beside mail accounts, so that tasks,
 * sync status and settings key on one id sequence. SQLite cannot change a CHECK constraint in
 * place, so the table is rebuilt (SQLite's 12-step procedure; the migration runner turns
 * foreign keys off for it, otherwise DROP TABLE would cascade into every mail row).
 */
export const davAccounts: Migration = {
  version: 140,
  name: 'dav-accounts',
  up(db) {
    db.exec(`
      CREATE TABLE accounts_new (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('local', 'imap', 'dav')),
        name TEXT NOT NULL,
        email TEXT,
        settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
        created_at INTEGER NOT NULL
      );
      INSERT INTO accounts_new(id, kind, name, email, settings, created_at)
        SELECT id, kind, name, email, settings, created_at FROM accounts;
      DROP TABLE accounts;
      ALTER TABLE accounts_new RENAME TO accounts;
    `);
  },
};
