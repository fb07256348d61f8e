import type { SearchHit } from '../../shared/api/mail';
import { buildFtsPlan } from '../search/fts-expression';
import { isEmptyQuery, parseSearchQuery, type ParsedQuery } from '../search/query-parser';
import { toAddress } from './rows';
import type { StatementCache } from './statements';

/**
 * `total` is exact up to TOTAL_CAP and reported as TOTAL_CAP beyond it: counting 60k hits of a
 * common word would cost more than the page itself, and "10,000+" is all a UI needs.
 */
export const TOTAL_CAP = 10_000;
/**
 * Above this many FTS hits, a page is found by walking messages newest-first on the date index
 * and keeping rows whose id is in the hit set, instead of sorting every hit by date.
 */
const SORT_ALL_LIMIT = 2_000;
const SNIPPET_TOKENS = 16;

interface HitRow {
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

interface Filter { sql: string[]; params: unknown[] }

/** Full-text search with operators; SQL lives here, the query language in src/core/search. */
export class SearchRepository {
  constructor(private readonly stmts: StatementCache) {}

  search(query: string, offset: number, limit: number): { total: number; items: SearchHit[] } {
    const q = parseSearchQuery(query);
    if (isEmptyQuery(q)) return { total: 0, items: [] };
    const fts = buildFtsPlan(q.terms);
    const filter = this.filters(q, fts.exclude);
    if (filter === null) return { total: 0, items: [] };
    const where = [...filter.sql];
    const params = [...filter.params];
    if (fts.match !== null) {
      where.unshift('m.id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)');
      params.unshift(fts.match);
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.countCapped(fts.match, filter);
    if (total === 0 || (total < TOTAL_CAP && offset >= total)) return { total, items: [] };
    const rows = this.stmts
      .get<HitRow>(
        `SELECT m.id, m.thread_id, m.folder_id, m.subject, m.from_name, m.from_addr, m.date, m.snippet, m.unread, m.flagged, m.has_attachments
         FROM messages m ${pickIndex(q, fts.match !== null, total)} ${whereSql}
         ORDER BY m.date DESC, m.id DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, limit, offset);
    const snippets = fts.match === null ? new Map<number, string>() : this.snippets(fts.match, rows.map((r) => r.id));
    return { total, items: rows.map((r) => toHit(r, snippets.get(r.id))) };
  }

  /** Counts hits up to TOTAL_CAP, streaming so that it stops at the cap. */
  private countCapped(match: string | null, filter: Filter): number {
    const filterSql = filter.sql.join(' AND ');
    if (match === null) {
      return this.stmts
        .get<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM messages m WHERE ${filterSql} LIMIT ?)`)
        .get(...filter.params, TOTAL_CAP)?.n ?? 0;
    }
    if (filter.sql.length === 0) {
      // Every message has exactly one FTS row, so the index alone can count.
      return this.stmts
        .get<{ n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM message_fts WHERE message_fts MATCH ? LIMIT ?)')
        .get(match, TOTAL_CAP)?.n ?? 0;
    }
    // FTS drives (rowid order) and each hit probes its message row: no hit set is built first.
    return this.stmts
      .get<{ n: number }>(
        `SELECT count(*) AS n FROM (
           SELECT 1 FROM message_fts CROSS JOIN messages m ON m.id = message_fts.rowid
           WHERE message_fts MATCH ? AND ${filterSql} LIMIT ?)`,
      )
      .get(match, ...filter.params, TOTAL_CAP)?.n ?? 0;
  }

  /** SQL conditions for the operators; null when an in: names no folder (nothing can match). */
  private filters(q: ParsedQuery, exclude: string | null): Filter | null {
    const f: Filter = { sql: [], params: [] };
    if (q.inFolders.length > 0) {
      const ids = this.folderIds(q.inFolders);
      if (ids.length === 0) return null;
      f.sql.push('m.folder_id IN (SELECT value FROM json_each(?))');
      f.params.push(JSON.stringify(ids));
    }
    if (q.notInFolders.length > 0) {
      f.sql.push('m.folder_id NOT IN (SELECT value FROM json_each(?))');
      f.params.push(JSON.stringify(this.folderIds(q.notInFolders)));
    }
    if (q.unread !== undefined) f.sql.push(`m.unread = ${q.unread ? 1 : 0}`);
    if (q.flagged !== undefined) f.sql.push(`m.flagged = ${q.flagged ? 1 : 0}`);
    if (q.hasAttachment !== undefined) f.sql.push(`m.has_attachments = ${q.hasAttachment ? 1 : 0}`);
    if (q.after !== undefined) {
      f.sql.push('m.date >= ?');
      f.params.push(q.after);
    }
    if (q.before !== undefined) {
      f.sql.push('m.date < ?');
      f.params.push(q.before);
    }
    if (exclude !== null) {
      f.sql.push('m.id NOT IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)');
      f.params.push(exclude);
    }
    return f;
  }

  /** in: matches a folder's name, full path or role, case-insensitively, in any account. */
  private folderIds(names: readonly string[]): number[] {
    return this.stmts
      .get<{ id: number }>(
        `SELECT id FROM folders
         WHERE lower(name) IN (SELECT value FROM json_each(?)) OR lower(path) IN (SELECT value FROM json_each(?))
            OR role IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(names), JSON.stringify(names), JSON.stringify(names))
      .map((r) => r.id);
  }

  /**
   * snippet() only for the rows of the page, in one FTS pass limited to the page's rowid range.
   * Per-row lookups would re-run the MATCH for each row, which for a prefix term means merging
   * every matching term's doclist 50 times (~6 ms each on 100k messages).
   * Rowids are CAST because better-sqlite3 binds JS numbers as REAL, and FTS5 then ignores
   * the rowid constraint (it returned every match).
   */
  private snippets(match: string, ids: readonly number[]): Map<number, string> {
    const out = new Map<number, string>();
    if (ids.length === 0) return out;
    const rows = this.stmts
      .get<{ id: number; s: string }>(
        `SELECT rowid AS id, snippet(message_fts, -1, char(2), char(3), '…', ${SNIPPET_TOKENS}) AS s FROM message_fts
         WHERE message_fts MATCH ? AND rowid >= CAST(? AS INTEGER) AND rowid <= CAST(? AS INTEGER)
           AND +rowid IN (SELECT value FROM json_each(?))`,
      )
      .all(match, Math.min(...ids), Math.max(...ids), JSON.stringify(ids));
    for (const r of rows) out.set(r.id, r.s);
    return out;
  }
}

/**
 * The index a page walks newest first. Few text hits: none forced, the planner fetches the
 * hits by rowid and sorts them. Otherwise a date-ordered index, the partial ones when the
 * query asks for flagged mail or attachments (a minority of rows).
 */
function pickIndex(q: ParsedQuery, hasText: boolean, total: number): string {
  if (q.flagged === true) return 'INDEXED BY messages_flagged_by_date';
  if (q.hasAttachment === true) return 'INDEXED BY messages_with_attachments_by_date';
  if (hasText && total <= SORT_ALL_LIMIT) return '';
  return 'INDEXED BY messages_by_date';
}

function toHit(r: HitRow, snippet: string | undefined): SearchHit {
  return {
    id: r.id,
    threadId: r.thread_id,
    folderId: r.folder_id,
    subject: r.subject,
    from: toAddress(r.from_name, r.from_addr),
    date: r.date,
    snippet: snippet !== undefined && snippet.trim() !== '' ? snippet : r.snippet,
    unread: r.unread === 1,
    flagged: r.flagged === 1,
    hasAttachments: r.has_attachments === 1,
  };
}
