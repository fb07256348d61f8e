import type { StatementCache } from './statements';

export type TaskState = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

/** One persisted remote step (migration 0110). `payload` is whatever the task kind stored. */
export interface TaskRow {
  id: number;
  kind: string;
  accountId: number;
  payload: unknown;
  state: TaskState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  undoGroup: string | null;
}

export interface NewTask {
  kind: string;
  accountId: number;
  payload: unknown;
  undoGroup?: string | null;
}

/** The task table; every method is synchronous and may run inside a caller's transaction. */
export interface TaskStore {
  insert(task: NewTask, now: number): number;
  get(id: number): TaskRow | undefined;
  /** Each account's oldest unfinished (pending or running) task: tasks run in order per account. */
  heads(): TaskRow[];
  /** running, one more attempt. */
  markRunning(id: number, now: number): void;
  markDone(id: number, now: number): void;
  /** Back to pending after a transient failure, to be tried again at `nextAttemptAt`. */
  markRetry(id: number, now: number, nextAttemptAt: number, error: string): void;
  markFailed(id: number, now: number, error: string): void;
  /** Makes every pending task of the accounts (all when omitted) due now: the network is back. */
  makeDue(now: number, accountId?: number): number;
  /** pending → cancelled for one undo group; returns the tasks cancelled. */
  cancelPending(undoGroup: string, now: number): TaskRow[];
  byGroup(undoGroup: string): TaskRow[];
  /** At start-up: a task 'running' when the process died goes back to pending, due now. */
  recoverInterrupted(now: number): number;
  /** Pending or running tasks (all accounts, or one). */
  countOpen(accountId?: number): number;
  /** Forgets finished tasks older than `before` (the queue is not an audit log). */
  pruneFinished(before: number): number;
}

interface Row {
  id: number;
  kind: string;
  account_id: number;
  payload: string;
  state: TaskState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  undo_group: string | null;
}

const COLUMNS = 'id, kind, account_id, payload, state, attempts, next_attempt_at, last_error, created_at, undo_group';

function toTask(r: Row): TaskRow {
  return {
    id: r.id, kind: r.kind, accountId: r.account_id, payload: JSON.parse(r.payload) as unknown, state: r.state, attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at, lastError: r.last_error, createdAt: r.created_at, undoGroup: r.undo_group,
  };
}

export class TaskRepository implements TaskStore {
  constructor(private readonly stmts: StatementCache) {}

  insert(task: NewTask, now: number): number {
    const info = this.stmts
      .get(
        `INSERT INTO tasks(kind, account_id, payload, state, attempts, next_attempt_at, created_at, updated_at, undo_group)
         VALUES (?, ?, ?, 'pending', 0, ?, ?, ?, ?)`,
      )
      .run(task.kind, task.accountId, JSON.stringify(task.payload), now, now, now, task.undoGroup ?? null);
    return Number(info.lastInsertRowid);
  }

  get(id: number): TaskRow | undefined {
    const row = this.stmts.get<Row>(`SELECT ${COLUMNS} FROM tasks WHERE id = ?`).get(id);
    return row ? toTask(row) : undefined;
  }

  heads(): TaskRow[] {
    // One index probe per account with open tasks (tasks_open_by_account).
    return this.stmts
      .get<Row>(
        `SELECT ${COLUMNS} FROM tasks WHERE id IN (
           SELECT min(id) FROM tasks WHERE state IN ('pending', 'running') GROUP BY account_id)
         ORDER BY id`,
      )
      .all()
      .map(toTask);
  }

  markRunning(id: number, now: number): void {
    this.stmts.get("UPDATE tasks SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ?").run(now, id);
  }

  markDone(id: number, now: number): void {
    this.stmts.get("UPDATE tasks SET state = 'done', last_error = NULL, updated_at = ? WHERE id = ?").run(now, id);
  }

  markRetry(id: number, now: number, nextAttemptAt: number, error: string): void {
    this.stmts
      .get("UPDATE tasks SET state = 'pending', next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?")
      .run(nextAttemptAt, error, now, id);
  }

  markFailed(id: number, now: number, error: string): void {
    this.stmts.get("UPDATE tasks SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ?").run(error, now, id);
  }

  makeDue(now: number, accountId?: number): number {
    const sql = `UPDATE tasks SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?${accountId === undefined ? '' : ' AND account_id = ?'}`;
    const stmt = this.stmts.get(sql);
    return (accountId === undefined ? stmt.run(now, now) : stmt.run(now, now, accountId)).changes;
  }

  cancelPending(undoGroup: string, now: number): TaskRow[] {
    return this.stmts
      .get<Row>(`UPDATE tasks SET state = 'cancelled', updated_at = ? WHERE undo_group = ? AND state = 'pending' RETURNING ${COLUMNS}`)
      .all(now, undoGroup)
      .map(toTask);
  }

  byGroup(undoGroup: string): TaskRow[] {
    return this.stmts.get<Row>(`SELECT ${COLUMNS} FROM tasks WHERE undo_group = ? ORDER BY id`).all(undoGroup).map(toTask);
  }

  recoverInterrupted(now: number): number {
    return this.stmts.get("UPDATE tasks SET state = 'pending', next_attempt_at = ?, updated_at = ? WHERE state = 'running'").run(now, now).changes;
  }

  countOpen(accountId?: number): number {
    const sql = `SELECT count(*) AS n FROM tasks WHERE state IN ('pending', 'running')${accountId === undefined ? '' : ' AND account_id = ?'}`;
    const stmt = this.stmts.get<{ n: number }>(sql);
    return (accountId === undefined ? stmt.get() : stmt.get(accountId))?.n ?? 0;
  }

  pruneFinished(before: number): number {
    return this.stmts.get("DELETE FROM tasks WHERE state IN ('done', 'failed', 'cancelled') AND updated_at < ?").run(before).changes;
  }
}
