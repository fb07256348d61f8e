import type { Migration } from '../migrate';

/**
 * The outbox (issue 4): each row is one message on its way out, stored fully built (RFC 822)
 * inside the encrypted database, with its Message-ID fixed at creation so a retry can look for
 * it on the server. The row outlives its task: it is created 'queued' (undo window) or
 * 'scheduled' (send later); when due, a task is queued for it ('sending'); it ends 'sent' or
 * 'failed' (the server's reason kept, the message kept for the user). `smtp_started_at` marks
 * an attempt whose outcome is unknown (connection lost after DATA): before any retry the
 * server is searched for the Message-ID, so nothing goes out twice.
 */
export const outbox: Migration = {
  version: 120,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        message_id TEXT NOT NULL UNIQUE,
        subject TEXT NOT NULL DEFAULT '',
        raw BLOB NOT NULL,
        envelope_from TEXT NOT NULL,
        envelope_to TEXT NOT NULL CHECK (json_valid(envelope_to)),
        state TEXT NOT NULL CHECK (state IN ('queued', 'scheduled', 'sending', 'sent', 'failed', 'cancelled')),
        -- When the task may first run: the end of the undo window, or the chosen send-later time.
        due_at INTEGER NOT NULL,
        scheduled INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        smtp_started_at INTEGER,
        smtp_accepted_at INTEGER,
        filed_at INTEGER,
        task_id INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX outbox_waiting ON outbox(due_at) WHERE state IN ('queued', 'scheduled');
    `);
  },
};
