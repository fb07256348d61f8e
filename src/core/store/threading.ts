import type { ParsedMessage } from '../mail/types';
import type { StatementCache } from './statements';

const SUBJECT_WINDOW_MS = 30 * 24 * 3600 * 1000;
/** "Re:", "Fwd:", "AW:", "SV: [list]"... at the start, optionally after [list] tags. */
const REPLY_PREFIX = /^\s*(?:\[[^\]]*\]\s*)*(?:re|fwd?|fw|aw|sv|vs|wg|antw|tr|rif|ref)\s*(?:\[\d+\]|\(\d+\))?\s*:/i;

export function looksLikeReply(subject: string): boolean {
  return REPLY_PREFIX.test(subject);
}

export function stripAngles(id: string): string {
  return id.trim().replace(/^<+/, '').replace(/>+$/, '');
}

/** The Message-IDs a message points at (parent chain), without its own id and without blanks. */
export function referencedIds(msg: ParsedMessage): string[] {
  const own = stripAngles(msg.messageId);
  const ids = new Set<string>();
  for (const ref of msg.references) ids.add(stripAngles(ref));
  if (msg.inReplyTo) ids.add(stripAngles(msg.inReplyTo));
  ids.delete(own);
  ids.delete('');
  return [...ids];
}

/**
 * Incremental JWZ threading. Every Message-ID a message carries or references is recorded in
 * message_refs with its thread; a new message joins the thread(s) its ids are already known
 * in and merges them when there are several (a late message that references two branches).
 * A parent that arrives after its replies finds them by its own id. Subject matching is a
 * last resort: only for a message without In-Reply-To/References, only when one side is a
 * reply or forward by its subject ("Re: Hello" joins "Hello"; two plain "Hello" mails stay
 * apart), within 30 days, in the same account.
 */
export class Threader {
  constructor(private readonly stmts: StatementCache) {}

  assign(accountId: number, msg: ParsedMessage, touched: Set<number>): number {
    const own = stripAngles(msg.messageId);
    const refs = referencedIds(msg);
    const found = this.stmts
      .get<{ thread_id: number }>(
        'SELECT DISTINCT thread_id FROM message_refs WHERE account_id = ? AND message_id IN (SELECT value FROM json_each(?)) ORDER BY thread_id',
      )
      .all(accountId, JSON.stringify([own, ...refs]))
      .map((r) => r.thread_id);
    if (found.length > 0) {
      const target = found[0];
      for (const other of found.slice(1)) this.merge(other, target, touched);
      this.widen(target, msg.date);
      return target;
    }
    if (refs.length === 0) {
      const bySubject = this.findBySubject(accountId, msg);
      if (bySubject !== undefined) {
        this.widen(bySubject, msg.date);
        return bySubject;
      }
    }
    const info = this.stmts
      .get('INSERT INTO threads(account_id, subject, thread_subject, first_date, last_date, message_count) VALUES (?, ?, ?, ?, ?, 0)')
      .run(accountId, msg.subject, msg.threadSubject, msg.date, msg.date);
    return Number(info.lastInsertRowid);
  }

  /** Records the message's own id as seen and its references as (possibly unseen) members of the thread. */
  register(accountId: number, msg: ParsedMessage, threadId: number): void {
    const own = stripAngles(msg.messageId);
    // One statement for all ids: the own id is inserted as seen, references as unseen.
    this.stmts
      .get(
        `INSERT INTO message_refs(account_id, message_id, thread_id, seen)
         SELECT ?, value, ?, value = ? FROM json_each(?) WHERE true
         ON CONFLICT DO UPDATE SET seen = max(seen, excluded.seen)`,
      )
      .run(accountId, threadId, own, JSON.stringify([own, ...referencedIds(msg)]));
  }

  private findBySubject(accountId: number, msg: ParsedMessage): number | undefined {
    if (msg.threadSubject.trim() === '') return undefined;
    const candidate = this.stmts
      .get<{ id: number; subject: string }>(
        `SELECT id, subject FROM threads
         WHERE account_id = ? AND thread_subject = ? AND last_date >= ? AND first_date <= ?
         ORDER BY abs(last_date - ?) LIMIT 1`,
      )
      .get(accountId, msg.threadSubject, msg.date - SUBJECT_WINDOW_MS, msg.date + SUBJECT_WINDOW_MS, msg.date);
    if (!candidate) return undefined;
    return looksLikeReply(msg.subject) || looksLikeReply(candidate.subject) ? candidate.id : undefined;
  }

  private widen(threadId: number, date: number): void {
    this.stmts.get('UPDATE threads SET first_date = min(first_date, ?), last_date = max(last_date, ?) WHERE id = ?').run(date, date, threadId);
  }

  private merge(from: number, into: number, touched: Set<number>): void {
    this.stmts.get('UPDATE messages SET thread_id = ? WHERE thread_id = ?').run(into, from);
    this.stmts.get('UPDATE message_refs SET thread_id = ? WHERE thread_id = ?').run(into, from);
    this.stmts
      .get(`UPDATE threads SET first_date = min(first_date, (SELECT first_date FROM threads WHERE id = ?)),
                               last_date = max(last_date, (SELECT last_date FROM threads WHERE id = ?)) WHERE id = ?`)
      .run(from, from, into);
    this.stmts.get('DELETE FROM threads WHERE id = ?').run(from);
    touched.delete(from);
    touched.add(into);
  }
}
