import type { SyncStatus } from '../../../shared/api/accounts';
import { PmsyncError, type ErrorData } from '../../../shared/errors';
import type { LogLevel } from '../../../sync/imap/account';
import { ImapSyncEngine, type ImapSyncEngineOptions, type SyncReport } from '../../../sync/imap/engine';
import type { EngineStatus, SyncProgress } from '../../../sync/imap/progress';
import type { EventHub } from '../../events';
import type { BatchOutcome, ImapSyncStore } from '../../store/imap-sync-store';
import type { ProfileStore } from '../../store/types';
import { imapConfigOf } from './engine-config';
import { NewMailBatcher } from './new-mail-batcher';
import { ImapStoreSink, type ParseRaw } from './store-sink';

/** Codes that mean "no network to that server right now": shown as offline, retried forever. */
const OFFLINE_CODES = new Set(['CONNECTION_REFUSED', 'TIMEOUT', 'CONNECTION_LOST', 'SERVER_NOT_FOUND']);

export interface SyncSupervisorOptions {
  store: ProfileStore;
  imap: ImapSyncStore;
  events: EventHub;
  parse?: ParseRaw;
  /** Engine tuning for tests (poll interval, backoff, timeouts); never the account itself. */
  engine?: Partial<Omit<ImapSyncEngineOptions, 'account' | 'sink' | 'onProgress' | 'onStatus' | 'onQuarantine' | 'onSynced'>>;
  /** Consecutive failures that are not the network (store, server, bugs) before giving up. */
  maxCrashes?: number;
  newMailDelayMs?: number;
  log?: (level: LogLevel, line: string) => void;
  now?: () => number;
}

interface Running {
  engine: ImapSyncEngine;
  status: SyncStatus;
  failures: number;
}

/**
 * One supervised ImapSyncEngine per IMAP account. Turns engine callbacks into `sync.status`,
 * `mail.changed` and (batched) `sync.newMail` events; keeps retrying while offline; stops an
 * account after repeated failures that retrying cannot fix (needs-attention, until sync.now).
 */
export class SyncSupervisor {
  private readonly running = new Map<number, Running>();
  /** Engines of `syncOnce` passes: the task queue may use them while the pass runs. */
  private readonly oneShot = new Map<number, ImapSyncEngine>();
  /** Accounts stopped after repeated failures keep their last status until restarted. */
  private readonly parked = new Map<number, SyncStatus>();
  private readonly newMail: NewMailBatcher;
  private readonly now: () => number;
  private readonly log: (level: LogLevel, line: string) => void;
  private closed = false;

  constructor(private readonly o: SyncSupervisorOptions) {
    this.now = o.now ?? Date.now;
    this.log = o.log ?? (() => undefined);
    this.newMail = new NewMailBatcher(o.store, o.imap, o.events, o.newMailDelayMs ?? 500);
  }

  /** Starts an engine for every IMAP account (core open). */
  startAll(): void {
    for (const a of this.o.imap.listImapAccounts()) this.startAccount(a.accountId);
  }

  startAccount(accountId: number): void {
    if (this.closed || this.running.has(accountId)) return;
    const engine = this.makeEngine(accountId, (p) => this.onProgress(accountId, p), (s) => this.onStatus(accountId, s), (r) => this.onSynced(accountId, r));
    if (!engine) return;
    const stored = this.o.imap.imapAccount(accountId);
    this.parked.delete(accountId);
    this.running.set(accountId, { engine, failures: 0, status: this.initialStatus(accountId, stored?.lastSyncAt ?? null) });
    engine.start();
  }

  async stopAccount(accountId: number): Promise<void> {
    const r = this.running.get(accountId);
    if (!r) return;
    this.running.delete(accountId);
    await r.engine.stop();
    this.newMail.flush(accountId);
  }

  /** Restart with fresh settings (folders to sync changed, password changed). */
  async restartAccount(accountId: number): Promise<void> {
    const was = this.running.has(accountId);
    await this.stopAccount(accountId);
    if (was) this.startAccount(accountId);
  }

  /** The live engine of an account, for the task queue's remote steps (setFlags, move, expunge, append). */
  engineFor(accountId: number): ImapSyncEngine | undefined {
    return this.running.get(accountId)?.engine ?? this.oneShot.get(accountId);
  }

  status(): SyncStatus[] {
    return this.o.imap.listImapAccounts().map((a) => this.running.get(a.accountId)?.status ?? this.initialStatus(a.accountId, a.lastSyncAt, 'stopped'));
  }

  /** sync.now: asks running engines to sync; restarts an account that gave up (the retry button). */
  syncNow(accountId?: number): void {
    const ids = accountId === undefined ? this.o.imap.listImapAccounts().map((a) => a.accountId) : [accountId];
    for (const id of ids) {
      const r = this.running.get(id);
      if (!r) this.startAccount(id);
      else {
        r.failures = 0;
        r.engine.requestSync();
      }
    }
  }

  /**
   * One pass for the CLI (`sync --once`): connect, sync every folder (headers, then bodies),
   * disconnect. Emits the same events as the supervised loop.
   */
  async syncOnce(
    accountId: number,
    onProgress?: (p: SyncProgress) => void,
    /** Runs while the pass's engine is reachable through engineFor (the CLI drains the task queue here). */
    hooks: { beforeSync?: () => Promise<void>; afterSync?: () => Promise<void> } = {},
  ): Promise<SyncReport> {
    const engine = this.makeEngine(accountId, (p) => {
      this.onProgress(accountId, p);
      onProgress?.(p);
    }, () => undefined, (r) => this.onSynced(accountId, r));
    if (!engine) throw new PmsyncError('NOT_FOUND', `Account ${accountId} is not an IMAP account in this profile.`, 'Run `pmsync account list` to see the accounts.');
    const registered = !this.running.has(accountId) && !this.oneShot.has(accountId);
    if (registered) this.oneShot.set(accountId, engine);
    try {
      // Pending changes go out first, so a message deleted or moved here is not fetched back.
      await hooks.beforeSync?.();
      const report = await engine.syncOnce();
      await hooks.afterSync?.();
      return report;
    } finally {
      if (registered) this.oneShot.delete(accountId);
      this.newMail.flush(accountId);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.running.keys()].map((id) => this.stopAccount(id)));
    this.newMail.dispose();
  }

  private makeEngine(
    accountId: number, progress: (p: SyncProgress) => void, status: (s: EngineStatus) => void, synced: (r: SyncReport) => void,
  ): ImapSyncEngine | undefined {
    const stored = this.o.imap.imapAccount(accountId);
    if (!stored) return undefined;
    const settings = this.o.imap.accountSettings(accountId);
    const only = settings.syncFolders === null ? null : new Set(settings.syncFolders);
    const sink = new ImapStoreSink({
      accountId, store: this.o.imap, parse: this.o.parse,
      onApplied: (_path, outcome) => this.onApplied(accountId, outcome),
      onFolders: (removed) => this.o.events.emit('mail.changed', { folderIds: removed, reason: 'sync' }),
    });
    return new ImapSyncEngine({
      ...this.o.engine,
      account: imapConfigOf(stored.imap, stored.user, stored.password, stored.caPem),
      sink,
      // The inbox always syncs: new mail and notifications depend on it.
      syncFolder: (f) => only === null || f.role === 'inbox' || only.has(f.path),
      log: (level, line) => this.log(level, `account ${accountId}: ${line}`),
      onProgress: (p) => this.safely(() => progress(p)),
      onStatus: (s) => this.safely(() => status(s)),
      onQuarantine: (q) => this.safely(() => this.o.events.emit('app.notice', {
        level: 'warning', message: `A message in "${q.folder}" could not be read and was set aside (${q.reason}).`,
        hint: 'The rest of the folder synced normally; the message is still on the server.',
      })),
      onSynced: (r) => this.safely(() => synced(r)),
    });
  }

  private onApplied(accountId: number, outcome: BatchOutcome): void {
    this.safely(() => {
      this.o.events.emit('mail.changed', { folderIds: [outcome.folderId], reason: 'sync' });
      if (outcome.wasComplete && outcome.newMessageIds.length > 0) this.newMail.add(accountId, outcome.folderId, outcome.newMessageIds);
    });
  }

  private onProgress(accountId: number, p: SyncProgress): void {
    const r = this.running.get(accountId);
    if (!r) return;
    this.publish(r, { ...r.status, state: 'syncing', progress: { folder: p.folder, phase: p.phase, done: p.done, total: p.total } });
  }

  private onSynced(accountId: number, _report: SyncReport): void {
    const at = this.now();
    this.o.imap.setLastSyncAt(accountId, at);
    const r = this.running.get(accountId);
    if (!r) return;
    r.failures = 0;
    // A pass while watching (IDLE, poll, sync.now) ends back in 'watching'.
    const state = r.status.state === 'syncing' ? 'watching' : r.status.state;
    this.publish(r, { ...r.status, state, progress: null, lastSyncAt: at, error: null, nextRetryAt: null });
  }

  private onStatus(accountId: number, s: EngineStatus): void {
    const r = this.running.get(accountId);
    if (!r) return;
    const error: ErrorData | null = s.error ?? null;
    if (s.state === 'waiting-to-retry' && error) {
      const offline = OFFLINE_CODES.has(error.code);
      if (!offline) r.failures++;
      const max = this.o.maxCrashes ?? 5;
      if (!offline && r.failures >= max) {
        this.publish(r, { ...r.status, state: 'needs-attention', progress: null, nextRetryAt: null, error: {
          code: error.code, message: `Sync stopped after ${r.failures} failed attempts: ${error.message}`,
          hint: error.hint ?? 'Use "Sync now" to try again; if it keeps failing, run `pmsync doctor`.',
        } });
        // Give up until the user asks again (sync.now): the status stays as the last word.
        this.running.delete(accountId);
        this.parked.set(accountId, r.status);
        void r.engine.stop();
        return;
      }
      this.publish(r, { ...r.status, state: offline ? 'offline' : 'waiting-to-retry', progress: null, error, nextRetryAt: this.now() + (s.retryInMs ?? 0) });
      return;
    }
    const state: SyncStatus['state'] = s.state;
    this.publish(r, {
      ...r.status, state, error: state === 'needs-attention' ? error : null,
      progress: state === 'syncing' || state === 'connecting' ? r.status.progress : null, nextRetryAt: null,
    });
  }

  private publish(r: Running, next: SyncStatus): void {
    r.status = next;
    this.o.events.emit('sync.status', next);
  }

  private initialStatus(accountId: number, lastSyncAt: number | null, state: SyncStatus['state'] = 'idle'): SyncStatus {
    return this.parked.get(accountId) ?? { accountId, state, progress: null, lastSyncAt, error: null, nextRetryAt: null };
  }

  /** Engine callbacks must never throw into the engine's loop (an unhandled rejection ends the process). */
  private safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log('error', `event handler failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
