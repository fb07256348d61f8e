import type { Migration } from '../migrate';

/**
 * Drafts, their attachments, templates and the address book of people mailed (issue 4).
 *
 * A draft keeps its Message-ID from creation through sending. Attachment bytes are BLOBs in
 * this (encrypted) database, never files beside it. `revision` is bumped by every save: a save
 * naming an older one is refused (two windows editing the same draft). `synced_revision`,
 * `remote_*` and `sync_task_id` track the copy in the IMAP Drafts folder; `outbox_id` is set
 * while the draft sits in the outbox (read-only until the send ends or is taken back).
 *
 * `correspondents` (one row per address) lets address suggestions avoid scanning messages per
 * keystroke. It is caught up from messages and outbox rows newer than the last ones counted
 * (store/draft-correspondents.ts), in one set-based statement, rather than by triggers: that
 * costs far less per stored message and leaves the mail tables free to be rebuilt.
 */
export const drafts: Migration = {
  version: 130,
  name: 'drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        message_id TEXT NOT NULL UNIQUE,
        mode TEXT NOT NULL CHECK (mode IN ('new', 'reply', 'reply-all', 'forward')),
        -- No foreign key: the original may be deleted while the reply is still being written.
        source_message_id INTEGER,
        to_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(to_json)),
        cc_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cc_json)),
        bcc_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(bcc_json)),
        subject TEXT NOT NULL DEFAULT '',
        html TEXT NOT NULL DEFAULT '',
        in_reply_to TEXT,
        references_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(references_json)),
        revision INTEGER NOT NULL DEFAULT 1,
        remote_state TEXT NOT NULL CHECK (remote_state IN ('local-only', 'pending', 'synced')),
        synced_revision INTEGER,
        sync_task_id INTEGER,
        outbox_id INTEGER,
        send_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX drafts_by_updated ON drafts(updated_at DESC);
      CREATE INDEX drafts_by_outbox ON drafts(outbox_id) WHERE outbox_id IS NOT NULL;

      CREATE TABLE draft_attachments (
        id INTEGER PRIMARY KEY,
        draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        filename TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        content_id TEXT,
        content BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX draft_attachments_by_draft ON draft_attachments(draft_id);

      CREATE TABLE templates (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        html TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE correspondents (
        address TEXT PRIMARY KEY COLLATE NOCASE,
        name TEXT NOT NULL DEFAULT '',
        sent_count INTEGER NOT NULL DEFAULT 0,
        received_count INTEGER NOT NULL DEFAULT 0,
        last_at INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      -- No index beyond the key: one row per address is small enough to scan per keystroke.
      -- The last messages.id / outbox.id counted into correspondents.
      CREATE TABLE correspondents_progress (
        source TEXT PRIMARY KEY CHECK (source IN ('messages', 'outbox')),
        last_id INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
