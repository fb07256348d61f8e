import type { StatementCache } from './statements';
import { displayName } from './rows';

interface MemberRow {
  folder_id: number;
  date: number;
  subject: string;
  unread: number;
  flagged: number;
  has_attachments: number;
  from_name: string | null;
  from_addr: string | null;
  snippet: string;
}

interface FolderSummary {
  lastDate: number;
  count: number;
  unread: number;
  flagged: number;
  attachments: number;
  participants: string[];
  snippet: string;
}

const MAX_PARTICIPANTS = 20;

/**
 * Recomputes `threads` bounds and the per-folder `thread_folders` rows of the threads a write
 * touched. Recomputing from the thread's own messages (an index range on messages_by_thread)
 * is simpler to keep right than deltas through merges, and costs one small read per thread.
 */
export class ThreadSummaries {
  constructor(private readonly stmts: StatementCache) {}

  refresh(threadIds: Iterable<number>): void {
    for (const id of threadIds) this.refreshOne(id);
  }

  private refreshOne(threadId: number): void {
    const members = this.stmts
      .get<MemberRow>(
        `SELECT folder_id, date, subject, unread, flagged, has_attachments, from_name, from_addr, snippet
         FROM messages WHERE thread_id = ? ORDER BY date, id`,
      )
      .all(threadId);
    if (members.length === 0) {
      this.stmts.get('DELETE FROM threads WHERE id = ?').run(threadId);
      return;
    }
    const first = members[0];
    const last = members[members.length - 1];
    this.stmts
      .get('UPDATE threads SET subject = ?, first_date = ?, last_date = ?, message_count = ? WHERE id = ?')
      .run(first.subject, first.date, last.date, members.length, threadId);

    const byFolder = new Map<number, FolderSummary>();
    for (const m of members) {
      let s = byFolder.get(m.folder_id);
      if (!s) {
        s = { lastDate: m.date, count: 0, unread: 0, flagged: 0, attachments: 0, participants: [], snippet: '' };
        byFolder.set(m.folder_id, s);
      }
      s.count++;
      s.unread += m.unread;
      s.flagged += m.flagged;
      s.attachments += m.has_attachments;
      s.lastDate = m.date;
      s.snippet = m.snippet;
      const who = displayName(m.from_name, m.from_addr);
      if (who !== '' && s.participants.length < MAX_PARTICIPANTS && !s.participants.includes(who)) s.participants.push(who);
    }
    this.stmts.get('DELETE FROM thread_folders WHERE thread_id = ?').run(threadId);
    const insert = this.stmts.get(
      `INSERT INTO thread_folders(thread_id, folder_id, last_date, message_count, unread_count, flagged_count, attachment_count, participants, snippet)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const [folderId, s] of byFolder) {
      insert.run(threadId, folderId, s.lastDate, s.count, s.unread, s.flagged, s.attachments, JSON.stringify(s.participants), s.snippet);
    }
  }
}
