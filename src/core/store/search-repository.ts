import type { SearchHit } from '../../shared/api/mail';
import { buildFtsPlan, type FtsPlan } from '../search/fts-expression';
import { isEmptyQuery, parseSearchQuery, type ParsedQuery } from '../search/query-parser';
import { FtsTerms } from './fts-terms';
import { toAddress } from './rows';
import { HIT_COLUMNS, SearchPages, type HitRow } from './search-pages';
import type { StatementCache } from './statements';

/**
 * `total` is exact up to TOTAL_CAP and reported as TOTAL_CAP beyond it: counting 60k hits of a
 * common word would cost more than the page itself, and "10,000+" is all a UI needs.
 */
export const TOTAL_CAP = 10_000;
/**
 * Up to this many hits a page is found by sorting them all by date; above it, by walking
 * messages newest-first on the date index and keeping the hits (see SearchPages).
 */
const SORT_ALL_LIMIT = 2_000;
const SNIPPET_TOKENS = 16;
const SNIPPET_SQL = `snippet(message_fts, -1, char(2), char(3), '…', ${SNIPPET_TOKENS})`;

interface Filter { sql: string[]; params: unknown[] }

/** Full-text search with operators; SQL lives here, the query language in src/core/search. */
export class SearchRepository {
  private readonly terms: FtsTerms;
  private readonly pages: SearchPages;

  constructor(private readonly stmts: StatementCache) {
    this.terms = new FtsTerms(stmts);
    this.pages = new SearchPages(stmts);
  }

  search(query: string, offset: number, limit: number): { total: number; items: SearchHit[] } {
    const q = parseSearchQuery(query);
    if (isEmptyQuery(q)) return { total: 0, items: [] };
    const fts = buildFtsPlan(q.terms, (prefix) => this.terms.startingWith(prefix));
    const filter = this.filters(q, fts.exclude);
    if (filter === null) return { total: 0, items: [] };
    const page = fts.match !== null && filter.sql.length === 0
      ? this.textPage(fts, fts.match, offset, limit)
      : this.filteredPage(q, fts.match, filter, offset, limit);
    if (page.rows.length === 0) return { total: page.total, items: [] };
    const snippets = fts.match === null ? new Map<number, string>() : this.snippets(fts, fts.match, page.rows.map((r) => r.id));
    return { total: page.total, items: page.rows.map((r) => toHit(r, snippets.get(r.id))) };
  }

  /**
   * Text only: the hits are read once, up to TOTAL_CAP + 1 (a slow prefix, all of them: each
   * evaluation costs a full doclist merge), and the page is found the cheapest way for that
   * many (see SearchPages).
   */
  private textPage(fts: FtsPlan, match: string, offset: number, limit: number): { total: number; rows: HitRow[] } {
    const read = this.stmts
      .get<number>('SELECT rowid FROM message_fts WHERE message_fts MATCH ? LIMIT ?')
      .pluck()
      .all(match, fts.slowPrefix ? -1 : TOTAL_CAP + 1);
    const total = Math.min(read.length, TOTAL_CAP);
    if (total === 0 || (total < TOTAL_CAP && offset >= total)) return { total, rows: [] };
    if (read.length > TOTAL_CAP && !fts.slowPrefix) return { total, rows: this.pages.probe(match, offset, limit) };
    if (read.length <= SORT_ALL_LIMIT) return { total, rows: this.pages.sortKnown(read, offset, limit) };
    return { total, rows: this.pages.walkKnown(new Set(read), offset, limit) };
  }

  /** Operators (with or without text): count, then one SQL page on the index that suits the filters. */
  private filteredPage(q: ParsedQuery, match: string | null, filter: Filter, offset: number, limit: number): { total: number; rows: HitRow[] } {
    const where = [...filter.sql];
    const params = [...filter.params];
    if (match !== null) {
      where.unshift('m.id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)');
      params.unshift(match);
    }
    const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.countCapped(match, filter);
    if (total === 0 || (total < TOTAL_CAP && offset >= total)) return { total, rows: [] };
    const rows = this.stmts
      .get<HitRow>(`SELECT ${HIT_COLUMNS} FROM messages m ${pickIndex(q, match !== null, total)} ${whereSql} ORDER BY m.date DESC, m.id DESC LIMIT ? OFFSET ?`)
      .all(...params, limit, offset);
    return { total, rows };
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
   * snippet() for the rows of the page only. Row by row (`rowid = ?` seeks each doclist,
   * ~50-100 µs) unless the expression has a slow prefix: then one pass limited to the page's
   * rowid range, since every evaluation of such a prefix merges all its doclists.
   * Rowids are CAST because better-sqlite3 binds JS numbers as REAL, and FTS5 then ignores
   * the rowid constraint (it returned every match).
   */
  private snippets(fts: FtsPlan, match: string, ids: readonly number[]): Map<number, string> {
    const out = new Map<number, string>();
    if (!fts.slowPrefix) {
      const one = this.stmts
        .get<string>(`SELECT ${SNIPPET_SQL} FROM message_fts WHERE message_fts MATCH ? AND rowid = CAST(? AS INTEGER)`)
        .pluck();
      for (const id of ids) {
        const s = one.get(match, id);
        if (s !== undefined) out.set(id, s);
      }
      return out;
    }
    const rows = this.stmts
      .get<{ id: number; s: string }>(
        `SELECT rowid AS id, ${SNIPPET_SQL} AS s FROM message_fts
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
