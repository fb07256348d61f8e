import type { Db } from './connection';
import { StatementCache } from './statements';

export interface CorrespondentRow {
  name: string;
  address: string;
  sentCount: number;
  receivedCount: number;
}

/** LIKE wildcards typed by the user are literal characters. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const EMAILISH = "LIKE '%_@_%'";

/*
 * Catch-up statements over the rows newer than the last counted (:from < id <= :to). A message
 * in a Sent folder counts its To and Cc as "written to" (unless it went out through PMSync's
 * outbox, which counted it already); any other message, outside Drafts/Junk/Trash, counts its
 * sender as "received from". Set-based and off the insert path: measured ~10 µs per message
 * (100k in ~1 s), where per-row triggers added ~50 µs to every insert.
 */
const SENT_FROM_MESSAGES = `
  WITH sent AS (
    SELECT m.date, m.to_json, m.cc_json FROM messages m JOIN folders f ON f.id = m.folder_id AND f.role = 'sent'
    WHERE m.id > :from AND m.id <= :to
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = '<' || m.message_id || '>')
  )
  INSERT INTO correspondents(address, name, sent_count, last_at)
    SELECT lower(json_extract(r.value, '$.address')) AS a, max(coalesce(json_extract(r.value, '$.name'), '')), count(*), max(x.date)
    FROM (SELECT date, to_json AS list FROM sent UNION ALL SELECT date, cc_json FROM sent) AS x, json_each(x.list) AS r
    WHERE coalesce(json_extract(r.value, '$.address'), '') ${EMAILISH}
    GROUP BY a
  ON CONFLICT(address) DO UPDATE SET
    sent_count = sent_count + excluded.sent_count,
    last_at = max(last_at, excluded.last_at),
    name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE name END`;

const RECEIVED_FROM_MESSAGES = `
  INSERT INTO correspondents(address, name, received_count, last_at)
    SELECT lower(m.from_addr) AS a, max(coalesce(m.from_name, '')), count(*), max(m.date)
    FROM messages m LEFT JOIN folders f ON f.id = m.folder_id
    WHERE m.id > :from AND m.id <= :to
      AND m.from_addr ${EMAILISH}
      AND coalesce(f.role, '') NOT IN ('sent', 'drafts', 'junk', 'trash')
    GROUP BY a
  ON CONFLICT(address) DO UPDATE SET
    received_count = received_count + excluded.received_count,
    last_at = max(last_at, excluded.last_at),
    name = CASE WHEN name = '' THEN excluded.name ELSE name END`;

const SENT_FROM_OUTBOX = `
  INSERT INTO correspondents(address, sent_count, last_at)
    SELECT lower(r.value) AS a, count(*), max(o.created_at)
    FROM outbox o, json_each(o.envelope_to) AS r
    WHERE o.id > :from AND o.id <= :to AND r.value ${EMAILISH}
    GROUP BY a
  ON CONFLICT(address) DO UPDATE SET sent_count = sent_count + excluded.sent_count, last_at = max(last_at, excluded.last_at)`;

/**
 * People the user has written to or received from, one row per address (migration 0130), so a
 * keystroke costs one pass over this small table, never a scan of messages. Kept current by
 * `catchUp`, which counts messages and outbox rows stored since it last ran. (A message id
 * reused after the newest message was deleted is missed: a frequency ranking survives that.)
 */
export class CorrespondentRepository {
  private readonly stmts: StatementCache;
  constructor(private readonly db: Db) {
    this.stmts = new StatementCache(db);
  }

  /** Counts up to `limit` newer messages (and every newer outbox row); returns how many messages remain. */
  catchUp(limit: number): number {
    return this.db.transaction(() => {
      const outboxFrom = this.progress('outbox');
      const outboxTo = this.stmts.get<{ n: number | null }>('SELECT max(id) AS n FROM outbox').get()?.n ?? 0;
      if (outboxTo > outboxFrom) {
        this.stmts.get(SENT_FROM_OUTBOX).run({ from: outboxFrom, to: outboxTo });
        this.setProgress('outbox', outboxTo);
      }
      const from = this.progress('messages');
      const last = this.stmts.get<{ n: number | null }>('SELECT max(id) AS n FROM messages').get()?.n ?? 0;
      if (last <= from) return 0;
      const to = this.stmts.get<{ n: number | null }>('SELECT max(id) AS n FROM (SELECT id FROM messages WHERE id > ? ORDER BY id LIMIT ?)').get(from, limit)?.n ?? last;
      this.stmts.get(SENT_FROM_MESSAGES).run({ from, to });
      this.stmts.get(RECEIVED_FROM_MESSAGES).run({ from, to });
      this.setProgress('messages', to);
      return this.stmts.get<{ n: number }>('SELECT count(*) AS n FROM messages WHERE id > ?').get(to)?.n ?? 0;
    }).immediate();
  }

  /** Matches the address start, its domain, or the start of any word of the name; most written-to first. */
  match(query: string, limit: number, exclude: readonly string[]): CorrespondentRow[] {
    const q = likeEscape(query.trim().toLowerCase());
    return this.stmts.get<{ name: string; address: string; sent_count: number; received_count: number }>(
      `SELECT name, address, sent_count, received_count FROM correspondents
       WHERE (address LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')
         AND address NOT IN (SELECT value FROM json_each(?))
       ORDER BY sent_count > 0 DESC, sent_count DESC, received_count DESC, last_at DESC
       LIMIT ?`,
    ).all(`${q}%`, `%@${q}%`, `${q}%`, `% ${q}%`, JSON.stringify(exclude.map((e) => e.toLowerCase())), limit)
      .map((r) => ({ name: r.name, address: r.address, sentCount: r.sent_count, receivedCount: r.received_count }));
  }

  count(): number {
    return this.stmts.get<{ n: number }>('SELECT count(*) AS n FROM correspondents').get()?.n ?? 0;
  }

  private progress(source: 'messages' | 'outbox'): number {
    return this.stmts.get<{ last_id: number }>('SELECT last_id FROM correspondents_progress WHERE source = ?').get(source)?.last_id ?? 0;
  }

  private setProgress(source: 'messages' | 'outbox', id: number): void {
    this.stmts.get('INSERT INTO correspondents_progress(source, last_id) VALUES (?, ?) ON CONFLICT(source) DO UPDATE SET last_id = excluded.last_id').run(source, id);
  }
}
