import type { Migration } from '../migrate';

/**
 * Messages and threads. The hot `messages` row stays small (no bodies, no blobs) so listing and
 * filtering touch few pages; bodies, HTML and the text FTS indexes live in `message_bodies`;
 * attachment bytes live in `attachments`, inside the encrypted file.
 */
export const messagesSchema: Migration = {
  version: 20,
  name: 'messages',
  up(db) {
    db.exec(`
      CREATE TABLE threads (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        subject TEXT NOT NULL,
        -- Normalized subject (no Re:/Fwd:, lower case) for last-resort subject threading.
        thread_subject TEXT NOT NULL,
        first_date INTEGER NOT NULL,
        last_date INTEGER NOT NULL,
        message_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX threads_by_subject ON threads(account_id, thread_subject, last_date);

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
        thread_id INTEGER NOT NULL REFERENCES threads(id),
        message_id TEXT NOT NULL,
        in_reply_to TEXT,
        date INTEGER NOT NULL,
        subject TEXT NOT NULL,
        from_name TEXT,
        from_addr TEXT,
        to_json TEXT NOT NULL DEFAULT '[]',
        cc_json TEXT NOT NULL DEFAULT '[]',
        unread INTEGER NOT NULL DEFAULT 1,
        flagged INTEGER NOT NULL DEFAULT 0,
        has_attachments INTEGER NOT NULL DEFAULT 0,
        has_remote_content INTEGER NOT NULL DEFAULT 0,
        snippet TEXT NOT NULL DEFAULT '',
        size INTEGER NOT NULL,
        imported_at INTEGER NOT NULL
      );
      -- Dedupe key of insertMessages; also serves folder_id lookups (FK cascade, in: filters).
      CREATE UNIQUE INDEX messages_dedupe ON messages(folder_id, message_id, size);
      CREATE INDEX messages_by_thread ON messages(thread_id, date);
      -- Newest-first search walks this index and stops after one page.
      CREATE INDEX messages_by_date ON messages(date);
      -- is:flagged is rare among many messages; new mail is never flagged, so inserts skip it.
      CREATE INDEX messages_flagged_by_date ON messages(date) WHERE flagged = 1;
      -- has:attachment: a minority of mail, so the partial index is cheap to keep and to walk.
      CREATE INDEX messages_with_attachments_by_date ON messages(date) WHERE has_attachments = 1;

      -- Column names match message_fts (0030): this table is its external content.
      CREATE TABLE message_bodies (
        id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        subject TEXT NOT NULL,
        sender TEXT NOT NULL,
        recipients TEXT NOT NULL,
        body TEXT NOT NULL,
        attachments TEXT NOT NULL,
        html TEXT,
        reply_to_json TEXT NOT NULL DEFAULT '[]',
        bcc_json TEXT NOT NULL DEFAULT '[]',
        references_json TEXT NOT NULL DEFAULT '[]'
      );

      CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        filename TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        content_id TEXT,
        inline INTEGER NOT NULL DEFAULT 0,
        content BLOB NOT NULL
      );
      CREATE INDEX attachments_by_message ON attachments(message_id);

      -- Every Message-ID seen or referenced, per account, with its thread. seen=0 rows are
      -- parents not stored yet: when one arrives it finds the thread its replies started.
      CREATE TABLE message_refs (
        account_id INTEGER NOT NULL,
        message_id TEXT NOT NULL,
        thread_id INTEGER NOT NULL,
        seen INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (account_id, message_id)
      ) WITHOUT ROWID;
      CREATE INDEX message_refs_by_thread ON message_refs(thread_id);

      -- Per-folder thread summary, refreshed for the threads a write touches, so a thread list
      -- page is one index range scan whatever the folder size.
      CREATE TABLE thread_folders (
        thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
        last_date INTEGER NOT NULL,
        message_count INTEGER NOT NULL,
        unread_count INTEGER NOT NULL,
        flagged_count INTEGER NOT NULL,
        attachment_count INTEGER NOT NULL,
        participants TEXT NOT NULL,
        snippet TEXT NOT NULL,
        PRIMARY KEY (thread_id, folder_id)
      ) WITHOUT ROWID;
      CREATE INDEX thread_folders_by_date ON thread_folders(folder_id, last_date DESC, thread_id DESC);
    `);
  },
};
