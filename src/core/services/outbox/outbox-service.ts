import type { OutboxEntry, SendInput, SendResult } from '../../../shared/api/compose';
import { PmsyncError } from '../../../shared/errors';
import { systemClock, type Clock } from '../../../sync/imap/clock';
import type { EventHub } from '../../events';
import type { ImapSyncStore } from '../../store/imap-sync-store';
import type { OutboxRepository, OutboxRow } from '../../store/outbox-repository';
import type { ProfileStore } from '../../store/types';
import type { TaskQueue } from '../tasks/task-queue';
import { buildOutgoing } from './outgoing-message';
import { OUTBOX_TASK_KIND } from './send-task';

export const DEFAULT_UNDO_SEND_MS = 10_000;
/** A send-later message this late (the app was closed at the time) gets a notice. */
const LATE_NOTICE_MS = 60_000;

export interface OutboxServiceOptions {
  store: ProfileStore;
  imap: ImapSyncStore;
  events: EventHub;
  tasks: TaskQueue;
  outbox: OutboxRepository;
  clock?: Clock;
  /** The undo-send window (10 s by default). */
  undoSendMs?: number;
}

/**
 * compose.send / undoSend / listOutbox. A message waits in the outbox row (not as a task) until
 * its undo window or send-later time ends: only then is a send task queued, so an undo never
 * races a send, and a scheduled message does not hold back the account's other tasks.
 */
export class OutboxService {
  private readonly clock: Clock;
  private readonly undoSendMs: number;
  private timer: unknown;
  private started = false;

  constructor(private readonly o: OutboxServiceOptions) {
    this.clock = o.clock ?? systemClock;
    this.undoSendMs = o.undoSendMs ?? DEFAULT_UNDO_SEND_MS;
  }

  /** Queues the message. `immediate` (the CLI) skips the undo window. */
  async send(input: SendInput, { immediate = false }: { immediate?: boolean } = {}): Promise<SendResult> {
    const account = this.o.imap.imapAccount(input.accountId);
    if (!account) throw new PmsyncError('NOT_FOUND', `Account ${input.accountId} is not an IMAP account in this profile.`, 'Run `pmsync account list` to see the accounts.');
    if (!account.email) throw new PmsyncError('INVALID_INPUT', `Account ${input.accountId} has no email address to send from.`, 'Set the account email address, then send again.');
    const name = this.o.store.listAccounts().find((a) => a.id === input.accountId)?.name ?? '';
    const now = this.clock.now();
    const built = await buildOutgoing(input, { name: name === account.email ? '' : name, address: account.email }, new Date(input.sendAt ?? now));
    const scheduled = input.sendAt !== undefined && input.sendAt > now;
    const dueAt = scheduled ? (input.sendAt ?? now) : immediate ? now : now + this.undoSendMs;
    const outboxId = this.o.outbox.insert({
      accountId: input.accountId, messageId: built.messageId, subject: built.subject, raw: built.raw,
      envelopeFrom: built.envelope.from, envelopeTo: built.envelope.to, dueAt, scheduled,
    }, now);
    if (dueAt <= now) this.promoteDue();
    else this.arm();
    return { outboxId, messageId: built.messageId, undoUntil: dueAt };
  }

  undoSend(outboxId: number): { ok: true } {
    if (this.o.outbox.cancel(outboxId, this.clock.now())) return { ok: true };
    const row = this.o.outbox.get(outboxId);
    if (!row) throw new PmsyncError('NOT_FOUND', `There is no message ${outboxId} in the outbox.`, 'List the outbox with `pmsync outbox`.');
    throw new PmsyncError('INVALID_INPUT', `The message "${row.subject}" can no longer be undone: it is ${row.state}.`, 'Undo works only within the delay after pressing Send.');
  }

  list(): OutboxEntry[] {
    return this.o.outbox.list().map(toEntry);
  }

  /**
   * Queues a send task for every message whose time has come. Runs at start-up (a send-later
   * time that passed while PMSync was closed goes now, with a notice) and on the timer.
   */
  promoteDue(): number {
    const now = this.clock.now();
    const due = this.o.outbox.due(now);
    for (const row of due) {
      this.o.store.transaction(() => {
        const taskId = this.o.store.tasks.insert({ kind: OUTBOX_TASK_KIND, accountId: row.accountId, payload: { outboxId: row.id } }, now);
        this.o.outbox.markSending(row.id, taskId, now);
      });
      if (row.scheduled && now - row.dueAt > LATE_NOTICE_MS) {
        this.o.events.emit('app.notice', {
          level: 'info',
          message: `"${row.subject}" was scheduled for ${new Date(row.dueAt).toISOString()} while PMSync was closed; it is being sent now.`,
        });
      }
    }
    if (due.length > 0) this.o.tasks.kick();
    this.arm();
    return due.length;
  }

  /** Keeps a timer for the next waiting message (desktop app and `serve`). */
  start(): void {
    this.started = true;
    this.promoteDue();
  }

  stop(): void {
    this.started = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.started) return;
    const next = this.o.outbox.nextDue();
    if (next === undefined) return;
    // Timers beyond ~24 days overflow in Node; re-arming daily is plenty for send-later.
    const wait = Math.min(Math.max(0, next - this.clock.now()), 24 * 3600_000);
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.promoteDue();
    }, wait);
  }
}

function toEntry(r: OutboxRow): OutboxEntry {
  return {
    id: r.id, accountId: r.accountId, messageId: r.messageId, subject: r.subject, recipients: r.envelopeTo, state: r.state,
    dueAt: r.dueAt, scheduled: r.scheduled, attempts: r.attempts, reason: r.lastError, createdAt: r.createdAt,
  };
}
