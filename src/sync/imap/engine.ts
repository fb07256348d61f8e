import type { ImapFlow } from 'imapflow';
import { PmsyncError } from '../../shared/errors';
import { ImapAccountConfig, silentLog, type SyncLog } from './account';
import { backoffDelay, defaultBackoff, sleep, systemClock, type BackoffPolicy, type Clock } from './clock';
import { ConnectionLimiter, ImapConnection, defaultTimeouts, type ConnectionTimeouts } from './connection';
import { makeRedactor, needsUserAction, toSyncError } from './errors';
import { syncBodies } from './body-sync';
import { syncFolder, type FolderSyncResult } from './folder-sync';
import { listFolders, type ListedFolder } from './folders';
import { InboxWatcher } from './inbox-watcher';
import { ImapMutations, type FlagEdit, type MailboxGuard } from './mutations';
import type { EngineStatus, Quarantined, SyncProgress } from './progress';
import type { ImapSyncSink, RemoteFolder } from './sink';

export interface ImapSyncEngineOptions {
  account: ImapAccountConfig;
  sink: ImapSyncSink;
  /** Live connections per account, IDLE included. With 1 the inbox is polled, not watched. */
  maxConnections?: number;
  /** How often every folder is checked (the inbox too, as a safety net under IDLE). */
  pollIntervalMs?: number;
  /** IDLE is re-issued this often; below 29 minutes. */
  idleRestartMs?: number;
  headerChunk?: number;
  inlineBodyLimit?: number;
  bodyChunk?: number;
  bodyMaxBytes?: number;
  /** Which folders to sync; all selectable folders by default. */
  syncFolder?: (folder: RemoteFolder) => boolean;
  timeouts?: Partial<ConnectionTimeouts>;
  backoff?: BackoffPolicy;
  clock?: Clock;
  random?: () => number;
  log?: SyncLog;
  onProgress?: (progress: SyncProgress) => void;
  onStatus?: (status: EngineStatus) => void;
  onQuarantine?: (item: Quarantined) => void;
  /** After each pass over one or more folders. */
  onSynced?: (report: SyncReport) => void;
}

export interface SyncReport {
  folders: FolderSyncResult[];
  bodies: number;
}

const INBOX = 'INBOX';
/** How long stop() lets a command in flight finish before it drops the sockets. */
export const STOP_GRACE_MS = 1_000;

/**
 * Mirrors one IMAP account into a sink: a sync connection, plus an IDLE connection on the
 * inbox, reconnecting with backoff; a fresh ImapFlow per connection (imapflow never reconnects).
 */
export class ImapSyncEngine {
  readonly limiter: ConnectionLimiter;
  readonly mutations: ImapMutations;
  private readonly o: Required<Omit<ImapSyncEngineOptions, 'timeouts' | 'onProgress' | 'onStatus' | 'onQuarantine' | 'onSynced'>> & ImapSyncEngineOptions;
  private readonly timeouts: ConnectionTimeouts;
  private readonly server: string;
  private readonly log: SyncLog;
  private running: Promise<void> | undefined;
  private abort = new AbortController();
  private worker: ImapConnection | undefined;
  /** Every connection this engine has open (sync, IDLE, short-lived task ones), for stop(). */
  private readonly live = new Set<ImapConnection>();
  private watcher: InboxWatcher | undefined;
  private pending: Set<string> | 'all' = new Set();
  private wakeUp: () => void = () => {};
  private attempt = 0;

  constructor(options: ImapSyncEngineOptions) {
    const account = ImapAccountConfig.parse(options.account);
    this.o = {
      maxConnections: 2, pollIntervalMs: 5 * 60_000, idleRestartMs: 28 * 60_000,
      headerChunk: 500, inlineBodyLimit: 50, bodyChunk: 100, bodyMaxBytes: 25 * 1024 * 1024,
      syncFolder: () => true, backoff: defaultBackoff, clock: systemClock, random: Math.random, log: silentLog,
      ...options, account,
    };
    this.timeouts = { ...defaultTimeouts, ...options.timeouts };
    this.limiter = new ConnectionLimiter(this.o.maxConnections);
    this.server = `${account.host}:${account.port}`;
    const redact = makeRedactor(account.user, [account.password]);
    const log = this.o.log;
    this.log = (level, message) => log(level, redact(message));
    this.mutations = new ImapMutations((fn) => this.withClient(fn));
  }

  /** IDLE commands issued on the inbox so far (the watcher is replaced on reconnect). */
  get idleCycles(): number {
    return this.watcher?.idleCycles ?? 0;
  }

  /** Starts the background loop: sync everything, then watch and poll until `stop()`. */
  start(): void {
    if (this.running) return;
    this.abort = new AbortController();
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  /**
   * Ends the loop. Waits, connects and slot waits end at once (the abort signal); a server that
   * stopped answering gets STOP_GRACE_MS to finish the command in flight, then every socket is
   * dropped, so stopping never waits for a socket timeout (minutes on a black-holed network).
   */
  async stop(): Promise<void> {
    this.abort.abort();
    this.wakeUp();
    const running = this.running;
    if (running) {
      // The grace timer is cancelled once the loop ends, so a stopped engine keeps no process alive.
      const graceOver = new AbortController();
      const finished = await Promise.race([running.then(() => true, () => true), sleep(systemClock, STOP_GRACE_MS, graceOver.signal).then(() => false)]);
      graceOver.abort();
      if (!finished) {
        this.log('warn', `${this.server} did not answer while stopping; dropping ${this.live.size} connection(s)`);
        for (const connection of this.live) connection.destroy();
        await running;
      }
    }
    this.status({ state: 'stopped' });
  }

  /** Asks the loop to sync soon: one folder, or everything (after a retry button, say). */
  requestSync(path?: string): void {
    if (path === undefined) this.pending = 'all';
    else if (this.pending !== 'all') this.pending.add(path);
    this.wakeUp();
  }

  /** One full pass without the loop (CLI `sync --once`, tests): connect, sync, disconnect. */
  async syncOnce(): Promise<SyncReport> {
    return this.withClient((client) => this.syncAll(client, undefined));
  }

  // Remote steps for the core's task queue; each asks for a sync of what it touched.
  async setFlags(path: string, uids: number[], edit: FlagEdit, guard?: MailboxGuard): Promise<void> {
    await this.mutations.setFlags(path, uids, edit, guard);
    this.requestSync(path);
  }

  async move(path: string, uids: number[], destination: string): Promise<Map<number, number>> {
    const map = await this.mutations.move(path, uids, destination);
    this.requestSync(path);
    this.requestSync(destination);
    return map;
  }

  /** move() with a UIDVALIDITY guard, also reporting the destination's UIDVALIDITY. */
  async moveReporting(path: string, uids: number[], destination: string, guard?: MailboxGuard): Promise<{ uidMap: Map<number, number>; uidValidity?: bigint }> {
    const result = await this.mutations.moveReporting(path, uids, destination, guard);
    this.requestSync(path);
    this.requestSync(destination);
    return result;
  }

  /** CREATE the mailbox unless it exists; the next full pass lists it. */
  async ensureMailbox(path: string): Promise<void> {
    await this.mutations.ensureMailbox(path);
    this.requestSync();
  }

  async expunge(path: string, uids: number[], guard?: MailboxGuard): Promise<void> {
    await this.mutations.expunge(path, uids, guard);
    this.requestSync(path);
  }

  async append(path: string, raw: Buffer, flags: string[] = [], date?: Date): Promise<{ uid?: number; uidValidity?: bigint }> {
    const result = await this.mutations.append(path, raw, flags, date);
    this.requestSync(path);
    return result;
  }

  private async loop(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      let failure: PmsyncError | undefined;
      try {
        this.status({ state: 'connecting' });
        this.worker = await this.open('sync');
        this.status({ state: 'syncing' });
        this.pending = new Set();
        await this.syncAll(this.worker.client, undefined);
        this.attempt = 0;
        await this.serve(this.worker, signal);
      } catch (err) {
        if (!signal.aborted) failure = toSyncError(err, this.server);
      } finally {
        await this.closeConnections();
      }
      if (signal.aborted || !failure) break;
      this.log('warn', `sync of ${this.server} failed: ${failure.code} ${failure.message}`);
      if (needsUserAction(failure)) {
        // Retrying a wrong password only locks the account: wait for the user (requestSync).
        this.status({ state: 'needs-attention', error: failure.toData() });
        await this.nextWake(signal, undefined);
        this.attempt = 0;
        continue;
      }
      this.attempt++;
      const delay = backoffDelay(this.o.backoff, this.attempt, this.o.random);
      this.status({ state: 'waiting-to-retry', error: failure.toData(), retryInMs: delay });
      await this.nextWake(signal, delay);
    }
  }

  /** After the first pass: IDLE on the inbox (own connection), poll the rest, sync on demand. */
  private async serve(worker: ImapConnection, signal: AbortSignal): Promise<void> {
    let watcherFailure: unknown;
    let watching: Promise<void> | undefined;
    // The watcher lives as long as this session: it ends with the sync connection or stop().
    const session = new AbortController();
    const endSession = (): void => session.abort();
    signal.addEventListener('abort', endSession, { once: true });
    if (this.o.maxConnections >= 2 && worker.client.capabilities.has('IDLE')) {
      const idleConnection = await this.open('idle');
      this.watcher = new InboxWatcher(idleConnection, INBOX, this.o.clock, this.o.idleRestartMs, () => this.requestSync(INBOX));
      watching = this.watcher.run(session.signal).catch((err: unknown) => {
        watcherFailure = err;
        this.wakeUp();
      }).finally(() => idleConnection.close());
    }
    this.status({ state: 'watching' });
    let lastFullPass = this.o.clock.now();
    try {
      while (!signal.aborted) {
        const untilPoll = Math.max(0, lastFullPass + this.o.pollIntervalMs - this.o.clock.now());
        await this.nextWake(signal, untilPoll, worker.closed);
        if (signal.aborted) break;
        if (watcherFailure) throw watcherFailure;
        if (!worker.usable) throw worker.lastError ?? Object.assign(new Error('connection closed'), { code: 'EConnectionClosed' });
        const due = this.o.clock.now() >= lastFullPass + this.o.pollIntervalMs;
        const pending = this.pending;
        this.pending = new Set();
        if (due || pending === 'all') {
          lastFullPass = this.o.clock.now();
          await this.syncAll(worker.client, undefined);
        } else if (pending.size > 0) {
          await this.syncAll(worker.client, pending);
        }
      }
    } finally {
      signal.removeEventListener('abort', endSession);
      session.abort();
      await watching;
    }
  }

  /** Lists folders (LIST-STATUS where available), then headers for all, then bodies for all. */
  private async syncAll(client: ImapFlow, only: Set<string> | undefined): Promise<SyncReport> {
    const listed = await listFolders(client, client.capabilities.has('LIST-STATUS'));
    if (!only) await this.o.sink.applyFolders(listed.map((l) => l.folder));
    const targets = listed.filter((l) => l.folder.selectable && this.o.syncFolder(l.folder) && (!only || only.has(l.folder.path)));
    const report: SyncReport = { folders: [], bodies: 0 };
    for (const target of targets) {
      // STATUS of the selected mailbox reflects this session's stale view (RFC 3501 §6.3.10),
      // and a folder asked for by name (an IDLE event, a task) is always looked at.
      const selected = client.mailbox && client.mailbox.path === target.folder.path;
      if (!only && !selected && (await this.unchangedByStatus(target))) continue;
      const result = await syncFolder(client, this.o.sink, target.folder.path, this.o, { progress: (p) => this.o.onProgress?.(p) });
      for (const q of result.quarantined) this.quarantined(q);
      report.folders.push(result);
    }
    // Every target, not only the ones that changed: a body pass cut short last time resumes here.
    for (const target of targets) {
      const state = await this.o.sink.folderState(target.folder.path);
      if (!state) continue;
      const bodies = await syncBodies(client, this.o.sink, target.folder.path, state.uidValidity, this.o, (p) => this.o.onProgress?.(p));
      for (const q of bodies.quarantined) this.quarantined(q);
      report.bodies += bodies.fetched;
    }
    this.o.onSynced?.(report);
    return report;
  }

  /** With CONDSTORE, STATUS tells whether anything changed without selecting the folder. */
  private async unchangedByStatus(listed: ListedFolder): Promise<boolean> {
    const s = listed.status;
    if (!s || s.uidValidity === undefined || s.highestModseq === undefined || s.uidNext === undefined) return false;
    const state = await this.o.sink.folderState(listed.folder.path);
    return !!state && state.uidNext !== null && state.highestModseq !== null && state.uidValidity === s.uidValidity
      && state.highestModseq === s.highestModseq && state.uidNext === s.uidNext;
  }

  private quarantined(item: Quarantined): void {
    this.log('warn', `quarantined ${item.folder} UID ${item.uid}: ${item.reason}`);
    this.o.onQuarantine?.(item);
  }

  /** Resolves on requestSync/stop, after `ms` (if given), or when `closed` settles. */
  private async nextWake(signal: AbortSignal, ms: number | undefined, closed?: Promise<void>): Promise<void> {
    if (signal.aborted) return;
    if (ms !== undefined && ms <= 0) return;
    const timer = new AbortController();
    const wake = new Promise<void>((resolve) => (this.wakeUp = resolve));
    const waits: Promise<void>[] = [wake];
    if (ms !== undefined) waits.push(sleep(this.o.clock, ms, timer.signal));
    if (closed) waits.push(closed);
    if (this.pending === 'all' || this.pending.size > 0) return;
    await Promise.race(waits);
    timer.abort();
  }

  /** Uses the sync connection when it is up; otherwise a short-lived one (still under the cap). */
  private async withClient<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    const worker = this.worker;
    if (worker?.usable) {
      try {
        return await fn(worker.client);
      } catch (err) {
        throw toSyncError(err, this.server);
      }
    }
    let connection: ImapConnection | undefined;
    try {
      connection = await this.open('task');
      return await fn(connection.client);
    } catch (err) {
      throw toSyncError(err, this.server);
    } finally {
      await connection?.close();
    }
  }

  private async open(purpose: string): Promise<ImapConnection> {
    const connection = await ImapConnection.open(this.o.account, this.limiter, this.timeouts, this.log, purpose, this.abort.signal);
    this.live.add(connection);
    void connection.closed.then(() => this.live.delete(connection));
    return connection;
  }

  private async closeConnections(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.close();
  }

  private status(status: EngineStatus): void {
    this.o.onStatus?.(status);
  }
}
