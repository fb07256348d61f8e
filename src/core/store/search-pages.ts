import type { StatementCache } from './statements';

/** Columns of a search hit, as SearchRepository maps them. */
export const HIT_COLUMNS = 'm.id, m.thread_id, m.folder_id, m.subject, m.from_name, m.from_addr, m.date, m.snippet, m.unread, m.flagged, m.has_attachments';

export interface HitRow {
  id: number;
  thread_id: number;
  folder_id: number;
  subject: string;
  from_name: string | null;
  from_addr: string | null;
  date: number;
  snippet: string;
  unread: number;
  flagged: number;
  has_attachments: number;
}

/**
 * Ways to find one newest-first page of a text search without SQL filters, each linear in
 * what it touches rather than in the number of hits (measured on 100k messages, in ms):
 * - few hits, all known: fetch them and sort by date (2000 hits: ~2);
 * - many hits, all known: walk the date index and keep known hits (walk ≈ page × messages/hits);
 * - more hits than were read: walk the date index and ask FTS5 about each row (`rowid = ?`
 *   seeks the doclists, ~30-100 µs a row); at least one row in CAP/messages matches, so the
 *   walk is short, and it never materializes the 90k hits of a common word (~20 ms).
 */
export class SearchPages {
  constructor(private readonly stmts: StatementCache) {}

  /** The page among a complete, small set of hit ids. */
  sortKnown(ids: readonly number[], offset: number, limit: number): HitRow[] {
    return this.stmts
      .get<HitRow>(`SELECT ${HIT_COLUMNS} FROM messages m WHERE m.id IN (SELECT value FROM json_each(?)) ORDER BY m.date DESC, m.id DESC LIMIT ? OFFSET ?`)
      .all(JSON.stringify(ids), limit, offset);
  }

  /** The page among a complete set of hit ids, by walking every message newest first. */
  walkKnown(ids: ReadonlySet<number>, offset: number, limit: number): HitRow[] {
    const page: number[] = [];
    let skipped = 0;
    const walk = this.stmts.get<number>('SELECT id FROM messages INDEXED BY messages_by_date ORDER BY date DESC, id DESC').pluck();
    for (const id of walk.iterate()) {
      if (!ids.has(id)) continue;
      if (skipped < offset) skipped++;
      else if (page.push(id) >= limit) break; // leaving the loop resets the statement
    }
    return page.length === 0 ? [] : this.sortKnown(page, 0, limit);
  }

  /** The page of an FTS expression with more hits than were read: probe each message, newest first. */
  probe(match: string, offset: number, limit: number): HitRow[] {
    return this.stmts
      .get<HitRow>(
        `SELECT ${HIT_COLUMNS} FROM messages m INDEXED BY messages_by_date
         WHERE EXISTS (SELECT 1 FROM message_fts WHERE message_fts MATCH ? AND rowid = m.id)
         ORDER BY m.date DESC, m.id DESC LIMIT ? OFFSET ?`,
      )
      .all(match, limit, offset);
  }
}
