import type { Migration } from '../migrate';

export const settings: Migration = {
  version: 40,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
      -- Remote content (images, CSS) the user allowed: scope 'message' holds a Message-ID,
      -- scope 'sender' a lower-cased address.
      CREATE TABLE remote_content_allow (
        scope TEXT NOT NULL CHECK (scope IN ('message', 'sender')),
        value TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (scope, value)
      ) WITHOUT ROWID;
    `);
    // Profiles older than this table date from their first account.
    db.prepare(
      `INSERT INTO settings(key, value)
       SELECT 'profile.createdAt', CAST(coalesce(min(created_at), ?) AS TEXT) FROM accounts`,
    ).run(Date.now());
  },
};
