import type { Migration } from '../migrate';

export const accountsFolders: Migration = {
  version: 10,
  name: 'accounts-folders',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('local', 'imap')),
        name TEXT NOT NULL,
        email TEXT,
        settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
        created_at INTEGER NOT NULL
      );
      CREATE TABLE folders (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT CHECK (role IN ('inbox', 'sent', 'drafts', 'trash', 'archive', 'junk', 'all', 'flagged')),
        -- Maintained by every write that adds messages or changes flags, so folder lists never count rows.
        unread_count INTEGER NOT NULL DEFAULT 0,
        total_count INTEGER NOT NULL DEFAULT 0,
        UNIQUE (account_id, path)
      );
    `);
  },
};
