import type { StatementCache } from './statements';
import type { ThreadSummaries } from './thread-summaries';

interface DoomedRow { id: number; account_id: number; folder_id: number; thread_id: number; unread: number; message_id: string }

/**
 * Deletes message rows and keeps everything derived from them right: folder counters, thread
 * bounds and per-folder summaries, threading refs (a thread left empty drops its refs, so a
 * later message cannot be assigned to a thread that no longer exists). Bodies, FTS rows
 * (0030 trigger), attachments and sync mappings go by cascade. Runs inside the caller's
 * transaction (or its own).
 */
export class MessageDeleter {
  constructor(private readonly stmts: StatementCache, private readonly summaries: ThreadSummaries) {}

  delete(messageIds: readonly number[]): { deleted: number; folderIds: number[] } {
    if (messageIds.length === 0) return { deleted: 0, folderIds: [] };
    const run = this.stmts.db.transaction(() => {
      const rows = this.stmts
        .get<DoomedRow>('SELECT id, account_id, folder_id, thread_id, unread, message_id FROM messages WHERE id IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(messageIds));
      if (rows.length === 0) return { deleted: 0, folderIds: [] };
      const perFolder = new Map<number, { total: number; unread: number }>();
      const threads = new Set<number>();
      for (const r of rows) {
        const c = perFolder.get(r.folder_id) ?? { total: 0, unread: 0 };
        c.total++;
        c.unread += r.unread;
        perFolder.set(r.folder_id, c);
        threads.add(r.thread_id);
      }
      this.stmts.get('DELETE FROM messages WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(rows.map((r) => r.id)));
      const counters = this.stmts.get('UPDATE folders SET total_count = max(0, total_count - ?), unread_count = max(0, unread_count - ?) WHERE id = ?');
      for (const [folderId, c] of perFolder) counters.run(c.total, c.unread, folderId);
      // A Message-ID no longer stored anywhere in the account becomes an unseen reference again.
      const unsee = this.stmts.get(
        'UPDATE message_refs SET seen = 0 WHERE account_id = ? AND message_id = ? AND NOT EXISTS (SELECT 1 FROM messages WHERE account_id = ? AND message_id = ?)',
      );
      for (const r of rows) unsee.run(r.account_id, r.message_id, r.account_id, r.message_id);
      this.summaries.refresh(threads);
      const dropRefs = this.stmts.get('DELETE FROM message_refs WHERE thread_id = ? AND NOT EXISTS (SELECT 1 FROM threads WHERE id = ?)');
      for (const t of threads) dropRefs.run(t, t);
      return { deleted: rows.length, folderIds: [...perFolder.keys()].sort((a, b) => a - b) };
    });
    return run();
  }
}
