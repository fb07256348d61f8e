import { backoffDelay, defaultBackoff, systemClock, type BackoffPolicy, type Clock } from '../../../sync/imap/clock';
import type { EventHub } from '../../events';
import type { TaskRow } from '../../store/task-repository';
import type { ProfileStore } from '../../store/types';
import { classifyFailure, describeError } from './remote-mailbox';

/** One kind of remote step (see imap-task-kinds.ts). */
export interface TaskKindHandler {
  /** Sends the change to the server; resolves once the server has it. */
  run(task: TaskRow): Promise<void>;
  /**
   * The server refused for good: undo the local step. Runs inside the transaction that marks the
   * task failed. Returns the folders whose rows changed, for mail.changed.
   */
  revert(task: TaskRow): { folderIds: number[] };
  /** "Archiving 3 messages", for the notice when the server refuses. */
  describe(task: TaskRow): string;
  /**
   * What the user reads when the server refuses for good. Without it: "<describe> failed on the
   * server, so it was undone here" — right for mail mutations, wrong for a send or a draft upload,
   * where nothing local is undone. null: the kind tells the user itself.
   */
  failureNotice?(task: TaskRow, reason: string): { message: string; hint: string } | null;
}

export interface TaskQueueOptions {
  store: ProfileStore;
  events: EventHub;
  kinds: Readonly<Record<string, TaskKindHandler>>;
  clock?: Clock;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** A bare SERVER_ERROR is retried this many attempts before it counts as a refusal. */
  serverErrorAttempts?: number;
  /** Finished tasks are kept this long (undo looks at them), then pruned. */
  keepFinishedMs?: number;
}

export interface DrainResult {
  /** Tasks that reached the server during this drain. */
  done: number;
  /** Tasks the server refused for good (reverted locally, notice sent). */
  failed: number;
  /** Tasks still waiting (offline, or the timeout came first). */
  pending: number;
}

type Outcome = 'done' | 'failed' | 'retry';

/**
 * Runs the remote steps of persisted tasks: in order per account (a waiting task holds back the
 * ones after it, so "flag then move" never reaches the server as "move then flag"), with
 * exponential backoff and jitter on transient errors. Everything it knows lives in the tasks
 * table, so a restart picks up where the last process stopped.
 */
export class TaskQueue {
  private readonly store: ProfileStore;
  private readonly events: EventHub;
  private readonly kinds: Readonly<Record<string, TaskKindHandler>>;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly backoff: BackoffPolicy;
  private readonly serverErrorAttempts: number;
  private readonly keepFinishedMs: number;
  /** Accounts with a task in flight, and the promise of that run. */
  private readonly busy = new Map<number, Promise<void>>();
  private readonly runningTasks = new Set<number>();
  private timer: unknown;
  private started = false;
  private stats = { done: 0, failed: 0 };

  constructor(o: TaskQueueOptions) {
    this.store = o.store;
    this.events = o.events;
    this.kinds = o.kinds;
    this.clock = o.clock ?? systemClock;
    this.random = o.random ?? Math.random;
    this.backoff = o.backoff ?? defaultBackoff;
    this.serverErrorAttempts = o.serverErrorAttempts ?? 3;
    this.keepFinishedMs = o.keepFinishedMs ?? 24 * 3600_000;
  }

  /** Tasks a dead process left 'running' go back to pending, then due tasks start. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const now = this.clock.now();
    this.store.transaction(() => {
      this.store.tasks.recoverInterrupted(now);
      this.store.tasks.pruneFinished(now - this.keepFinishedMs);
    });
    this.schedule();
  }

  /** Stops scheduling and waits for the steps in flight (their outcome is recorded). */
  async stop(): Promise<void> {
    this.started = false;
    this.clearTimer();
    await Promise.allSettled([...this.busy.values()]);
  }

  /** A task was just committed: look at the queue now. */
  kick(): void {
    if (this.started) this.schedule();
  }

  /** The network (or an account's connection) is back: waiting tasks are due now. */
  retryNow(accountId?: number): void {
    this.store.tasks.makeDue(this.clock.now(), accountId);
    this.kick();
  }

  isRunning(taskId: number): boolean {
    return this.runningTasks.has(taskId);
  }

  /** Resolves when no step of `accountIds` is in flight. */
  async settled(accountIds: Iterable<number>): Promise<void> {
    for (const id of accountIds) await this.busy.get(id)?.catch(() => undefined);
  }

  /**
   * Runs every open task now, backoff or not (`pmsync sync --once`), and returns when each is
   * done or has failed for now (the first transient failure stops that account's line), or at
   * the timeout (steps in flight carry on in the background).
   */
  async drain({ timeoutMs = 60_000 }: { timeoutMs?: number } = {}): Promise<DrainResult> {
    const before = { ...this.stats };
    const accounts = [...new Set(this.store.tasks.heads().map((t) => t.accountId))];
    const lines = accounts.map(async (accountId) => {
      await this.busy.get(accountId)?.catch(() => undefined);
      await this.runLine(accountId, true);
    });
    let timer: unknown;
    const timeout = new Promise<void>((resolve) => (timer = this.clock.setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all(lines), timeout]);
    this.clock.clearTimeout(timer);
    return { done: this.stats.done - before.done, failed: this.stats.failed - before.failed, pending: this.store.tasks.countOpen() };
  }

  private schedule(): void {
    this.clearTimer();
    if (!this.started) return;
    const now = this.clock.now();
    let wait = Infinity;
    for (const head of this.store.tasks.heads()) {
      if (this.busy.has(head.accountId)) continue;
      if (head.nextAttemptAt <= now) void this.runLine(head.accountId, false);
      else wait = Math.min(wait, head.nextAttemptAt - now);
    }
    if (wait !== Infinity) this.timer = this.clock.setTimeout(() => this.schedule(), wait);
  }

  /** Runs an account's tasks in order until none is due (or, with `force`, one fails for now). */
  private runLine(accountId: number, force: boolean): Promise<void> {
    const existing = this.busy.get(accountId);
    if (existing) return existing;
    const line = (async () => {
      for (;;) {
        const head = this.store.tasks.heads().find((t) => t.accountId === accountId);
        if (!head || (!force && head.nextAttemptAt > this.clock.now())) return;
        if ((await this.runOne(head)) === 'retry') return;
      }
    })().finally(() => {
      this.busy.delete(accountId);
      this.schedule();
    });
    this.busy.set(accountId, line);
    return line;
  }

  private async runOne(task: TaskRow): Promise<Outcome> {
    const kind = this.kinds[task.kind];
    if (!kind) {
      // Written by a newer PMSync, or a kind that was removed: never let it block the account.
      this.store.tasks.markFailed(task.id, this.clock.now(), `Unknown task kind ${task.kind}`);
      this.stats.failed++;
      return 'failed';
    }
    this.store.tasks.markRunning(task.id, this.clock.now());
    const attempts = task.attempts + 1;
    this.runningTasks.add(task.id);
    try {
      await kind.run(task);
      this.store.tasks.markDone(task.id, this.clock.now());
      this.stats.done++;
      return 'done';
    } catch (err) {
      const failure = classifyFailure(err);
      if (failure === 'permanent' || (failure === 'server' && attempts >= this.serverErrorAttempts)) {
        this.fail(task, kind, err);
        return 'failed';
      }
      const now = this.clock.now();
      this.store.tasks.markRetry(task.id, now, now + backoffDelay(this.backoff, attempts, this.random), describeError(err));
      return 'retry';
    } finally {
      this.runningTasks.delete(task.id);
    }
  }

  /** Reverts the local step and marks the task failed in one transaction, then tells the user. */
  private fail(task: TaskRow, kind: TaskKindHandler, err: unknown): void {
    const reason = describeError(err);
    let folderIds: number[] = [];
    try {
      folderIds = this.store.transaction(() => {
        const reverted = kind.revert(task);
        this.store.tasks.markFailed(task.id, this.clock.now(), reason);
        return reverted;
      }).folderIds;
    } catch (revertErr) {
      // The task must not block its account forever because the revert itself failed.
      this.store.tasks.markFailed(task.id, this.clock.now(), `${reason}; reverting failed too: ${describeError(revertErr)}`);
    }
    this.stats.failed++;
    if (folderIds.length > 0) this.events.emit('mail.changed', { folderIds, reason: 'sync' });
    const hint = err instanceof Error && 'hint' in err && typeof err.hint === 'string' ? err.hint : 'Refresh the folder list and try again.';
    const custom = kind.failureNotice ? safeNotice(() => kind.failureNotice!(task, reason)) : undefined;
    if (custom === null) return;
    this.events.emit('app.notice', custom ? { level: 'error', ...custom } : {
      level: 'error',
      message: `${describeTask(kind, task)} failed on the server, so it was undone here: ${reason}`,
      hint,
    });
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function safeNotice(make: () => { message: string; hint: string } | null): { message: string; hint: string } | null | undefined {
  try {
    return make();
  } catch {
    return undefined; // fall back to the generic wording rather than lose the notice
  }
}

function describeTask(kind: TaskKindHandler, task: TaskRow): string {
  try {
    return kind.describe(task);
  } catch {
    return 'A change to your mail';
  }
}
