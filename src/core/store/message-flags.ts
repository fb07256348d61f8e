import { PmsyncError } from '../../shared/errors';
import { notFound } from './folder-repository';
import type { StatementCache } from './statements';
import type { ThreadSummaries } from './thread-summaries';

interface ChangedRow { id: number; folder_id: number; thread_id: number }

/** Read/flagged state and remote-content permissions; keeps folder and thread counters in step. */
export class MessageFlags {
  constructor(
    private readonly stmts: StatementCache,
    private readonly summaries: ThreadSummaries,
  ) {}

  setRead(messageIds: readonly number[], read: boolean): { changed: number; folderIds: number[] } {
    return this.update('unread', read ? 0 : 1, messageIds, (folderId, n) => {
      this.stmts.get('UPDATE folders SET unread_count = max(0, unread_count + ?) WHERE id = ?').run(read ? -n : n, folderId);
    });
  }

  setFlagged(messageIds: readonly number[], flagged: boolean): { changed: number; folderIds: number[] } {
    return this.update('flagged', flagged ? 1 : 0, messageIds, () => undefined);
  }

  allowRemoteContent(messageId: number, scope: 'message' | 'sender'): void {
    const row = this.stmts.get<{ message_id: string; from_addr: string | null }>('SELECT message_id, from_addr FROM messages WHERE id = ?').get(messageId);
    if (!row) throw notFound(`Message ${messageId}`);
    const value = scope === 'message' ? row.message_id : (row.from_addr ?? '').trim().toLowerCase();
    if (value === '') {
      throw new PmsyncError('INVALID_INPUT', 'This message has no sender address to allow remote content for.', 'Allow remote content for this message only.');
    }
    this.stmts.get('INSERT INTO remote_content_allow(scope, value, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(scope, value, Date.now());
  }

  private update(
    column: 'unread' | 'flagged', value: 0 | 1, messageIds: readonly number[], onFolder: (folderId: number, changed: number) => void,
  ): { changed: number; folderIds: number[] } {
    const run = this.stmts.db.transaction(() => {
      // The column name comes from the two literals above, never from input.
      const changed = this.stmts
        .get<ChangedRow>(
          `UPDATE messages SET ${column} = ? WHERE id IN (SELECT value FROM json_each(?)) AND ${column} != ? RETURNING id, folder_id, thread_id`,
        )
        .all(value, JSON.stringify(messageIds), value);
      const perFolder = new Map<number, number>();
      const threads = new Set<number>();
      for (const r of changed) {
        perFolder.set(r.folder_id, (perFolder.get(r.folder_id) ?? 0) + 1);
        threads.add(r.thread_id);
      }
      for (const [folderId, n] of perFolder) onFolder(folderId, n);
      this.summaries.refresh(threads);
      return { changed: changed.length, folderIds: [...perFolder.keys()].sort((a, b) => a - b) };
    });
    return run.immediate();
  }
}
