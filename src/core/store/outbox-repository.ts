import type { Db } from './connection';
import { StatementCache } from './statements';

export type OutboxState = 'queued' | 'scheduled' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** One message on its way out (migration 0120). */
export interface OutboxRow {
  id: number;
  accountId: number;
  messageId: string;
  subject: string;
  raw: Buffer;
  envelopeFrom: string;
  envelopeTo: string[];
  state: OutboxState;
  dueAt: number;
  /** Send later (true) rather than the undo window. */
  scheduled: boolean;
  attempts: number;
  lastError: string | null;
  /** An SMTP attempt began and its outcome is not known yet. */
  smtpStartedAt: number | null;
  smtpAcceptedAt: number | null;
  filedAt: number | null;
  taskId: number | null;
  createdAt: number;
}

export interface NewOutboxMessage {
  accountId: number;
  messageId: string;
  subject: string;
  raw: Buffer;
  envelopeFrom: string;
  envelopeTo: string[];
  dueAt: number;
  scheduled: boolean;
}

interface Row {
  id: number; account_id: number; message_id: string; subject: string; raw: Buffer; envelope_from: string; envelope_to: string;
  state: OutboxState; due_at: number; scheduled: number; attempts: number; last_error: string | null; smtp_started_at: number | null;
  smtp_accepted_at: number | null; filed_at: number | null; task_id: number | null; created_at: number;
}

const COLUMNS = `id, account_id, message_id, subject, raw, envelope_from, envelope_to, state, due_at, scheduled, attempts, last_error,
  smtp_started_at, smtp_accepted_at, filed_at, task_id, created_at`;

function toRow(r: Row): OutboxRow {
  return {
    id: r.id, accountId: r.account_id, messageId: r.message_id, subject: r.subject, raw: r.raw, envelopeFrom: r.envelope_from,
    envelopeTo: JSON.parse(r.envelope_to) as string[], state: r.state, dueAt: r.due_at, scheduled: r.scheduled === 1, attempts: r.attempts,
    lastError: r.last_error, smtpStartedAt: r.smtp_started_at, smtpAcceptedAt: r.smtp_accepted_at, filedAt: r.filed_at, taskId: r.task_id,
    createdAt: r.created_at,
  };
}

/** The outbox table. Synchronous; every method may run inside a caller's transaction. */
export class OutboxRepository {
  private readonly stmts: StatementCache;
  constructor(readonly db: Db) {
    this.stmts = new StatementCache(db);
  }

  insert(m: NewOutboxMessage, now: number): number {
    const info = this.stmts
      .get(`INSERT INTO outbox(account_id, message_id, subject, raw, envelope_from, envelope_to, state, due_at, scheduled, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(m.accountId, m.messageId, m.subject, m.raw, m.envelopeFrom, JSON.stringify(m.envelopeTo), m.scheduled ? 'scheduled' : 'queued', m.dueAt,
        m.scheduled ? 1 : 0, now, now);
    return Number(info.lastInsertRowid);
  }

  get(id: number): OutboxRow | undefined {
    const r = this.stmts.get<Row>(`SELECT ${COLUMNS} FROM outbox WHERE id = ?`).get(id);
    return r ? toRow(r) : undefined;
  }

  list(): OutboxRow[] {
    return this.stmts.get<Row>(`SELECT ${COLUMNS} FROM outbox ORDER BY id`).all().map(toRow);
  }

  /** Waiting rows whose time has come (oldest first). */
  due(now: number): OutboxRow[] {
    return this.stmts.get<Row>(`SELECT ${COLUMNS} FROM outbox WHERE state IN ('queued', 'scheduled') AND due_at <= ? ORDER BY due_at, id`).all(now).map(toRow);
  }

  /** The earliest due time of a waiting row, for the timer. */
  nextDue(): number | undefined {
    const r = this.stmts.get<{ t: number | null }>("SELECT min(due_at) AS t FROM outbox WHERE state IN ('queued', 'scheduled')").get();
    return r?.t ?? undefined;
  }

  /** queued/scheduled → sending, remembering the task that sends it. */
  markSending(id: number, taskId: number, now: number): void {
    this.stmts.get("UPDATE outbox SET state = 'sending', task_id = ?, updated_at = ? WHERE id = ?").run(taskId, now, id);
  }

  /** Cancels a row that has not started; false when it is already on its way (or gone). */
  cancel(id: number, now: number): boolean {
    return this.stmts.get("UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE id = ? AND state IN ('queued', 'scheduled')").run(now, id).changes === 1;
  }

  attemptStarted(id: number, now: number): void {
    this.stmts.get('UPDATE outbox SET attempts = attempts + 1, smtp_started_at = ?, updated_at = ? WHERE id = ?').run(now, now, id);
  }

  /** The server never got the DATA: the next attempt need not search for the message. */
  attemptFailedBeforeData(id: number, now: number, error: string): void {
    this.stmts.get('UPDATE outbox SET smtp_started_at = NULL, last_error = ?, updated_at = ? WHERE id = ?').run(error, now, id);
  }

  attemptUncertain(id: number, now: number, error: string): void {
    this.stmts.get('UPDATE outbox SET last_error = ?, updated_at = ? WHERE id = ?').run(error, now, id);
  }

  accepted(id: number, now: number): void {
    this.stmts.get('UPDATE outbox SET smtp_accepted_at = ?, smtp_started_at = NULL, last_error = NULL, updated_at = ? WHERE id = ?').run(now, now, id);
  }

  filed(id: number, now: number): void {
    this.stmts.get('UPDATE outbox SET filed_at = ?, updated_at = ? WHERE id = ?').run(now, now, id);
  }

  markSent(id: number, now: number): void {
    this.stmts.get("UPDATE outbox SET state = 'sent', last_error = NULL, updated_at = ? WHERE id = ?").run(now, id);
  }

  markFailed(id: number, now: number, reason: string): void {
    this.stmts.get("UPDATE outbox SET state = 'failed', last_error = ?, smtp_started_at = NULL, updated_at = ? WHERE id = ?").run(reason, now, id);
  }

  /** Forgets a row taken back for editing (compose.editOutbox). */
  remove(id: number): void {
    this.stmts.get('DELETE FROM outbox WHERE id = ?').run(id);
  }

  /** Frees a Message-ID for a new attempt: its cancelled or failed rows go (never a waiting, sending or sent one). */
  removeEnded(messageId: string): void {
    this.stmts.get("DELETE FROM outbox WHERE message_id = ? AND state IN ('cancelled', 'failed')").run(messageId);
  }
}
