import type { SyncStatus } from '../../../shared/api/accounts';
import { PmsyncError, type ErrorData } from '../../../shared/errors';
import { DavEngine, type DavSyncReport } from '../../../sync/dav/engine';
import type { DavProgress } from '../../../sync/dav/types';
import type { EventHub } from '../../events';
import type { DavStore } from '../../store/dav-store';
import { emitDavChanged } from './dav-events';
import { DavStoreSink } from './store-sink';

/** Codes that mean "no network to that server right now": shown as offline, retried. */
const OFFLINE = new Set(['CONNECTION_REFUSED', 'TIMEOUT', 'CONNECTION_LOST', 'SERVER_NOT_FOUND']);

export interface DavSupervisorOptions {
  dav: DavStore;
  events: EventHub;
  /** The task queue's hooks: send waiting changes once the server answers again. */
  tasks?: { retryNow(accountId?: number): void; kick(): void };
  now?: () => number;
  /** Delay before the sync that follows a local change (lets a burst of edits settle). */
  afterChangeDelayMs?: number;
  /** First retry after a failed pass; doubles up to the periodic interval. */
  retryBaseMs?: number;
  engineTimeoutMs?: number;
}

interface AccountLoop {
  status: SyncStatus;
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<void>;
  again: boolean;
  failures: number;
}

/**
 * Keeps DAV accounts in sync: a pass at start, then every `syncIntervalMinutes` (15 by
 * default), on demand (sync.now), shortly after each local change, and sooner after a failure.
 * Publishes sync.status with phases 'calendars' / 'contacts'.
 */
export class DavSupervisor {
  private readonly loops = new Map<number, AccountLoop>();
  private readonly now: () => number;
  private started = false;
  private closed = false;

  constructor(private readonly o: DavSupervisorOptions) {
    this.now = o.now ?? Date.now;
  }

  /** A fresh engine for an account (engines hold no state between passes). */
  engineFor(accountId: number): DavEngine | undefined {
    const a = this.o.dav.account(accountId);
    if (!a) return undefined;
    return new DavEngine({
      credentials: { url: a.serverUrl, user: a.user, password: a.password },
      homes: a.calendarHome || a.addressBookHome ? { calendarHome: a.calendarHome, addressBookHome: a.addressBookHome } : undefined,
      timeoutMs: this.o.engineTimeoutMs,
    });
  }

  status(): SyncStatus[] {
    return this.o.dav.listAccounts().map((a) => this.loops.get(a.accountId)?.status ?? this.idle(a.accountId, a.lastSyncAt, this.started ? 'idle' : 'stopped'));
  }

  /** Background mode (desktop app, serve): every account syncs now and then periodically. */
  startAll(): void {
    this.start(this.o.dav.listAccounts().map((a) => a.accountId));
  }

  /** Background mode for some accounts (`pmsync sync --account ID` without --once). */
  start(accountIds: number[]): void {
    this.started = true;
    for (const id of accountIds) this.syncNow(id);
  }

  /** sync.now: a pass for one account or all (returns at once). */
  syncNow(accountId?: number): void {
    if (this.closed) return;
    const ids = accountId === undefined ? this.o.dav.listAccounts().map((a) => a.accountId) : [accountId];
    for (const id of ids) void this.pass(id).catch(() => undefined);
  }

  /** A new account: its first pass starts now in background mode (one-shot CLI commands sync with `pmsync sync`). */
  accountAdded(accountId: number): void {
    if (this.started) this.syncNow(accountId);
  }

  /** After a local change: send it (the queue) and sync shortly after, to pick up the server's view. */
  afterLocalChange(accountId: number): void {
    this.o.tasks?.kick();
    if (!this.started || this.closed) return;
    this.schedule(accountId, this.o.afterChangeDelayMs ?? 2_000);
  }

  /** One pass, awaited (CLI `sync --once`, tests); throws what the pass failed with. */
  async syncOnce(accountId: number, onProgress?: (p: DavProgress) => void): Promise<DavSyncReport> {
    let report: DavSyncReport | undefined;
    let failure: unknown;
    await this.pass(accountId, onProgress, (r) => (report = r), (e) => (failure = e));
    if (failure !== undefined) throw failure;
    if (!report) throw new PmsyncError('NOT_FOUND', `Account ${accountId} is not a CalDAV/CardDAV account in this profile.`, 'Run `pmsync account list` to see the accounts.');
    return report;
  }

  /** The account's settings changed (syncIntervalMinutes): the next periodic pass follows the new interval. */
  settingsChanged(accountId: number): void {
    if (this.loops.get(accountId)?.timer) this.schedule(accountId, this.o.dav.syncIntervalMinutes(accountId) * 60_000);
  }

  isDavAccount(accountId: number): boolean {
    return this.o.dav.account(accountId) !== undefined;
  }

  forget(accountId: number): void {
    const loop = this.loops.get(accountId);
    if (loop?.timer) clearTimeout(loop.timer);
    this.loops.delete(accountId);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const l of this.loops.values()) if (l.timer) clearTimeout(l.timer);
    await Promise.allSettled([...this.loops.values()].map((l) => l.running));
  }

  private loop(accountId: number): AccountLoop {
    let l = this.loops.get(accountId);
    if (!l) {
      l = { status: this.idle(accountId, this.o.dav.account(accountId)?.lastSyncAt ?? null), again: false, failures: 0 };
      this.loops.set(accountId, l);
    }
    return l;
  }

  private schedule(accountId: number, delayMs: number): void {
    if (this.closed || !this.started) return;
    const l = this.loop(accountId);
    if (l.timer) clearTimeout(l.timer);
    l.timer = setTimeout(() => {
      l.timer = undefined;
      this.syncNow(accountId);
    }, delayMs);
    l.timer.unref?.();
  }

  private async pass(accountId: number, onProgress?: (p: DavProgress) => void, onReport?: (r: DavSyncReport) => void, onError?: (e: unknown) => void): Promise<void> {
    const engine = this.engineFor(accountId);
    if (!engine || this.closed) return;
    const l = this.loop(accountId);
    if (l.running) {
      // One pass at a time per account; a request during a pass runs once more afterwards.
      l.again = true;
      await l.running;
      if (!onReport) return;
    }
    const run = (async () => {
      this.publish(l, { ...l.status, state: 'syncing', progress: null, error: null, nextRetryAt: null });
      const sink = new DavStoreSink(accountId, this.o.dav, (changes) => emitDavChanged(this.o.events, changes));
      try {
        const report = await engine.syncOnce(sink, (p) => {
          this.publish(l, { ...l.status, state: 'syncing', progress: { folder: p.collection, phase: p.phase, done: p.done, total: p.total } });
          onProgress?.(p);
        });
        const at = this.now();
        this.o.dav.setLastSyncAt(accountId, at);
        l.failures = 0;
        this.publish(l, { ...l.status, state: 'idle', progress: null, lastSyncAt: at, error: null, nextRetryAt: null });
        // The server answers: changes made offline go out now.
        this.o.tasks?.retryNow(accountId);
        onReport?.(report);
        this.schedule(accountId, this.o.dav.syncIntervalMinutes(accountId) * 60_000);
      } catch (err) {
        onError?.(err);
        const e: ErrorData = err instanceof PmsyncError ? err.toData() : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
        l.failures++;
        const interval = this.o.dav.syncIntervalMinutes(accountId) * 60_000;
        const wait = Math.min(interval, (this.o.retryBaseMs ?? 30_000) * 2 ** Math.min(l.failures - 1, 10));
        const state: SyncStatus['state'] = e.code === 'LOGIN_FAILED' ? 'needs-attention' : OFFLINE.has(e.code) ? 'offline' : 'waiting-to-retry';
        this.publish(l, { ...l.status, state, progress: null, error: e, nextRetryAt: state === 'needs-attention' ? null : this.now() + wait });
        if (state !== 'needs-attention') this.schedule(accountId, wait);
      }
    })();
    l.running = run;
    try {
      await run;
    } finally {
      l.running = undefined;
      if (l.again && !this.closed) {
        l.again = false;
        void this.pass(accountId).catch(() => undefined);
      }
    }
  }

  private publish(l: AccountLoop, next: SyncStatus): void {
    l.status = next;
    this.o.events.emit('sync.status', next);
  }

  private idle(accountId: number, lastSyncAt: number | null, state: SyncStatus['state'] = 'idle'): SyncStatus {
    return { accountId, state, progress: null, lastSyncAt, error: null, nextRetryAt: null };
  }
}
