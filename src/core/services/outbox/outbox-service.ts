import type { OutboxEntry, SendInput, SendResult } from '../../../shared/api/compose';
import { PmsyncError } from '../../../shared/errors';
import { systemClock, type Clock } from '../../../sync/imap/clock';
import type { EventHub } from '../../events';
import type { ImapSyncStore } from '../../store/imap-sync-store';
import type { OutboxRepository, OutboxRow } from '../../store/outbox-repository';
import type { ProfileStore } from '../../store/types';
import type { TaskQueue } from '../tasks/task-queue';
import { buildOutgoing, type OutgoingExtras } from './outgoing-message';
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
  /** The undo-send window (10 s by default); a function reads the user's current setting at each send. */
  undoSendMs?: number | (() => number);
}

export interface SendOptions extends OutgoingExtras {
  /** The CLI: no undo window. */
  immediate?: boolean;
  /** Runs in the transaction that inserts the outbox row (a draft links itself to it). */
  onQueued?: (outboxId: number) => void;
}

/** The send task of an outbox row carries this undo group, so a still-pending send can be taken back. */
export const outboxTaskGroup = (outboxId: number): string => `outbox:${outboxId}`;

/**
 * compose.send / undoSend / listOutbox. A message waits in the outbox row (not as a task) until
 * its undo window or send-later time ends: only then is a send task queued, so an undo never
 * races a send, and a scheduled message does not hold back the account's other tasks.
 */
export class OutboxService {
  private readonly clock: Clock;
  private readonly undoSendMs: () => number;
  private timer: unknown;
  private started = false;
  /** Send-later messages whose time passed while PMSync was closed: a notice follows when each goes out. */
  private readonly lateAtStart = new Map<number, { subject: string; dueAt: number }>();
  private readonly stopListening: () => void;

  constructor(private readonly o: OutboxServiceOptions) {
    this.clock = o.clock ?? systemClock;
    const undo = o.undoSendMs ?? DEFAULT_UNDO_SEND_MS;
    this.undoSendMs = typeof undo === 'number' ? () => undo : undo;
    // Said once it has really gone (and by then the UI is connected to hear it).
    this.stopListening = o.events.on('compose.outboxChanged', ({ outboxId, state }) => {
      const late = this.lateAtStart.get(outboxId);
      if (!late || (state !== 'sent' && state !== 'failed' && state !== 'cancelled')) return;
      this.lateAtStart.delete(outboxId);
      if (state !== 'sent') return;
      const now = this.clock.now();
      this.o.events.emit('app.notice', {
        level: 'info',
        message: `"${late.subject}" was scheduled for ${clockTime(late.dueAt, now)} and was sent at ${clockTime(now, now)} because PMSync was closed at ${clockTime(late.dueAt, now)}.`,
      });
    });
  }

  /** Queues the message. `immediate` (the CLI) skips the undo window. */
  async send(input: SendInput, { immediate = false, onQueued, ...extras }: SendOptions = {}): Promise<SendResult> {
    const account = this.o.imap.imapAccount(input.accountId);
    if (!account) throw new PmsyncError('NOT_FOUND', `Account ${input.accountId} is not an IMAP account in this profile.`, 'Run `pmsync account list` to see the accounts.');
    if (!account.email) throw new PmsyncError('INVALID_INPUT', `Account ${input.accountId} has no email address to send from.`, 'Set the account email address, then send again.');
    const name = this.o.store.listAccounts().find((a) => a.id === input.accountId)?.name ?? '';
    const now = this.clock.now();
    const built = await buildOutgoing(input, { name: name === account.email ? '' : name, address: account.email }, new Date(input.sendAt ?? now), extras);
    const scheduled = input.sendAt !== undefined && input.sendAt > now;
    const dueAt = scheduled ? (input.sendAt ?? now) : immediate ? now : now + this.undoSendMs();
    const outboxId = this.o.store.transaction(() => {
      // A draft sent again after an undo or a refusal reuses its Message-ID: the ended row goes.
      this.o.outbox.removeEnded(built.messageId);
      const id = this.o.outbox.insert({
        accountId: input.accountId, messageId: built.messageId, subject: built.subject, raw: built.raw,
        envelopeFrom: built.envelope.from, envelopeTo: built.envelope.to, dueAt, scheduled,
      }, now);
      onQueued?.(id);
      return id;
    });
    this.changed(outboxId, scheduled ? 'scheduled' : 'queued', null);
    if (dueAt <= now) this.promoteDue();
    else this.arm();
    return { outboxId, messageId: built.messageId, undoUntil: dueAt };
  }

  undoSend(outboxId: number): { ok: true } {
    if (this.o.outbox.cancel(outboxId, this.clock.now())) {
      this.changed(outboxId, 'cancelled', null);
      return { ok: true };
    }
    const row = this.o.outbox.get(outboxId);
    if (!row) throw new PmsyncError('NOT_FOUND', `There is no message ${outboxId} in the outbox.`, 'List the outbox with `pmsync outbox`.');
    throw new PmsyncError('INVALID_INPUT', `The message "${row.subject}" can no longer be undone: it is ${row.state}.`, 'Undo works only within the delay after pressing Send.');
  }

  list(): OutboxEntry[] {
    return this.o.outbox.list().map(toEntry);
  }

  /** The account a message is sent from (undefined once the row is gone). */
  accountOf(outboxId: number): number | undefined {
    return this.o.outbox.get(outboxId)?.accountId;
  }

  /**
   * Takes a message back out of the outbox for editing (compose.editOutbox): waiting, failed or
   * cancelled rows, and rows whose send task waits offline without ever having reached DATA.
   * The row is removed; returns it (with its Message-ID) for the caller to reopen the draft.
   */
  takeBack(outboxId: number): OutboxRow {
    const now = this.clock.now();
    const row = this.o.outbox.get(outboxId);
    if (!row) throw new PmsyncError('NOT_FOUND', `There is no message ${outboxId} in the outbox.`, 'List the outbox with `pmsync outbox`.');
    const refuse = (why: string) =>
      new PmsyncError('INVALID_INPUT', `The message "${row.subject}" cannot be taken back: ${why}.`, 'Wait until the send ends; a failed message can then be edited.');
    const taken = this.o.store.transaction(() => {
      if (row.state === 'sent') throw refuse('it was already sent');
      if (row.state === 'sending') {
        if (row.smtpStartedAt !== null || row.smtpAcceptedAt !== null) throw refuse('it may already have reached the server');
        if (row.taskId !== null && this.o.tasks.isRunning(row.taskId)) throw refuse('it is being sent right now');
        const cancelled = this.o.store.tasks.cancelPending(outboxTaskGroup(outboxId), now);
        if (cancelled.length === 0) throw refuse('it is being sent right now');
      }
      this.o.outbox.remove(outboxId);
      return row;
    });
    this.changed(outboxId, 'cancelled', null);
    this.arm();
    return taken;
  }

  private changed(outboxId: number, state: OutboxEntry['state'], reason: string | null): void {
    this.o.events.emit('compose.outboxChanged', { outboxId, state, reason });
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
        const taskId = this.o.store.tasks.insert({ kind: OUTBOX_TASK_KIND, accountId: row.accountId, payload: { outboxId: row.id }, undoGroup: outboxTaskGroup(row.id) }, now);
        this.o.outbox.markSending(row.id, taskId, now);
      });
      this.changed(row.id, 'sending', null);
      // Only at start-up (the timer runs whenever PMSync does): the app was closed at the time.
      if (row.scheduled && now - row.dueAt > LATE_NOTICE_MS && !this.started) this.lateAtStart.set(row.id, { subject: row.subject, dueAt: row.dueAt });
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
    this.stopListening();
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

/** "09:00" on the day it is, "Mar 3, 09:00" otherwise: the user's clock, as they set it. */
function clockTime(ms: number, now: number): string {
  const d = new Date(ms);
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return d.toDateString() === new Date(now).toDateString() ? time : `${d.toLocaleDateString('en-US', { month: 'short', day: 'numeric' })}, ${time}`;
}

function toEntry(r: OutboxRow): OutboxEntry {
  return {
    id: r.id, accountId: r.accountId, messageId: r.messageId, subject: r.subject, recipients: r.envelopeTo, state: r.state,
    dueAt: r.dueAt, scheduled: r.scheduled, attempts: r.attempts, reason: r.lastError, createdAt: r.createdAt,
  };
}
