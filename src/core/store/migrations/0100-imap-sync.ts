import type { Migration } from '../migrate';

/**
 * IMAP sync state, beside (not inside) the mail tables so the hot `messages` row stays small
 * and the local account is untouched:
 * - imap_accounts: how to reach the servers, password and CA included. The whole database is
 *   SQLCipher-encrypted, so secrets are encrypted at rest and never leave this file.
 * - imap_folders: the remote path of each synced folder and its committed cursor
 *   (UIDVALIDITY, HIGHESTMODSEQ as decimal text because it may exceed 2^53, UIDNEXT; a NULL
 *   uid_next means the folder is not complete yet).
 * - imap_messages: remote identity (folder, UID) of stored rows, with the server's flag set
 *   and MODSEQ; message_row is NULL for a quarantined UID (kept so the UID diff accounts for
 *   it). Several UIDs may point at one row (identical copies on the server).
 * - imap_orphans: rows whose UID became meaningless after a UIDVALIDITY change, waiting to be
 *   re-mapped by Message-ID; still orphaned when the refill completes, they are deleted.
 * - imap_quarantine: why a UID could not be stored, and its source, for the user to see.
 */
export const imapSync: Migration = {
  version: 100,
  name: 'imap-sync',
  up(db) {
    db.exec(`
      CREATE TABLE imap_accounts (
        account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        imap_host TEXT NOT NULL,
        imap_port INTEGER NOT NULL,
        imap_tls TEXT NOT NULL CHECK (imap_tls IN ('implicit', 'starttls', 'none')),
        smtp_host TEXT NOT NULL,
        smtp_port INTEGER NOT NULL,
        smtp_tls TEXT NOT NULL CHECK (smtp_tls IN ('implicit', 'starttls', 'none')),
        user TEXT NOT NULL,
        password TEXT NOT NULL,
        ca_pem TEXT,
        last_sync_at INTEGER
      );

      CREATE TABLE imap_folders (
        folder_id INTEGER PRIMARY KEY REFERENCES folders(id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        remote_path TEXT NOT NULL,
        delimiter TEXT NOT NULL,
        selectable INTEGER NOT NULL DEFAULT 1,
        subscribed INTEGER NOT NULL DEFAULT 1,
        uid_validity INTEGER,
        highest_modseq TEXT,
        uid_next INTEGER,
        UNIQUE (account_id, remote_path)
      );

      CREATE TABLE imap_messages (
        folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
        uid INTEGER NOT NULL,
        message_row INTEGER REFERENCES messages(id) ON DELETE CASCADE,
        flags TEXT NOT NULL DEFAULT '[]',
        modseq TEXT,
        headers_only INTEGER NOT NULL DEFAULT 0,
        size INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (folder_id, uid)
      ) WITHOUT ROWID;
      CREATE INDEX imap_messages_by_row ON imap_messages(message_row) WHERE message_row IS NOT NULL;
      -- pendingBodies: newest header-only UIDs of a folder.
      CREATE INDEX imap_messages_headers_only ON imap_messages(folder_id, uid) WHERE headers_only = 1;

      CREATE TABLE imap_orphans (
        message_row INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
        headers_only INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX imap_orphans_by_folder ON imap_orphans(folder_id);

      CREATE TABLE imap_quarantine (
        folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
        uid INTEGER NOT NULL,
        uid_validity INTEGER NOT NULL,
        reason TEXT NOT NULL,
        raw BLOB,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (folder_id, uid)
      ) WITHOUT ROWID;
    `);
  },
};
