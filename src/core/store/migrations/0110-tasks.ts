import type { Migration } from '../migrate';

/**
 * The persisted task queue (Mailspring-style: local step → remote step → done | failed).
 * A mutation writes its local change and its task row in ONE transaction, so after a crash
 * either both exist or neither does; a task left 'running' by a dead process goes back to
 * 'pending' when the queue starts. 'cancelled' is an undo that came before the remote step.
 */
export const tasks: Migration = {
  version: 110,
  name: 'tasks',
  up(db) {
    db.exec(`
      CREATE TABLE tasks (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        -- One user action (a multi-selection over several folders) can make several tasks;
        -- its undo token names this group.
        undo_group TEXT
      );
      -- The scheduler's question: each account's oldest unfinished task (tasks run in order per account).
      CREATE INDEX tasks_open_by_account ON tasks(account_id, id) WHERE state IN ('pending', 'running');
      CREATE INDEX tasks_by_undo_group ON tasks(undo_group) WHERE undo_group IS NOT NULL;
    `);
  },
};
