/**
 * Debounced, serialized draft saving: changes merge while the user types; one save runs at a time;
 * a failed save keeps its changes for the next attempt. No React, no DOM: the clock is injected.
 */
export type SaveStatus =
  | { kind: 'clean' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'error'; error: unknown };

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface AutosaverOptions<C extends object> {
  delayMs: number;
  save(changes: C): Promise<void>;
  onStatus(status: SaveStatus): void;
  now?: () => number;
  timers?: Timers;
}

const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

export class Autosaver<C extends object> {
  private pending: Partial<C> | null = null;
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private disposed = false;
  private readonly timers: Timers;
  private readonly now: () => number;

  constructor(private readonly options: AutosaverOptions<C>) {
    this.timers = options.timers ?? realTimers;
    this.now = options.now ?? Date.now;
  }

  /** Something changed: remember it and save once typing pauses for `delayMs`. */
  change(changes: Partial<C>): void {
    if (this.disposed) return;
    this.pending = { ...(this.pending ?? {}), ...changes };
    this.options.onStatus({ kind: 'pending' });
    this.schedule();
  }

  get hasPending(): boolean {
    return this.pending !== null || this.inFlight !== null;
  }

  /** Saves now (closing the composer, sending): resolves when everything typed is stored, rejects if it could not be. */
  async flush(): Promise<void> {
    this.cancelTimer();
    while (this.inFlight || this.pending) {
      if (this.inFlight) {
        await this.inFlight.catch(() => undefined);
        continue;
      }
      const ok = await this.run();
      if (!ok) throw this.lastError;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private lastError: unknown = null;

  private schedule(): void {
    this.cancelTimer();
    this.timer = this.timers.set(() => {
      this.timer = null;
      if (this.inFlight) return; // the running save reschedules when it ends
      void this.run();
    }, this.options.delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  /** One save of everything pending; true when it succeeded. */
  private async run(): Promise<boolean> {
    const changes = this.pending;
    if (!changes) return true;
    this.pending = null;
    this.options.onStatus({ kind: 'saving' });
    let ok = true;
    const attempt = this.options.save(changes as C).then(
      () => undefined,
      (err: unknown) => {
        ok = false;
        this.lastError = err;
        // Newer edits win over the failed ones; nothing typed is dropped.
        this.pending = { ...changes, ...(this.pending ?? {}) };
      },
    );
    this.inFlight = attempt;
    await attempt;
    this.inFlight = null;
    if (!ok) {
      this.options.onStatus({ kind: 'error', error: this.lastError });
      return false;
    }
    if (this.pending) {
      this.options.onStatus({ kind: 'pending' });
      if (!this.disposed && this.timer === null) this.schedule();
    } else {
      this.options.onStatus({ kind: 'saved', at: this.now() });
    }
    return true;
  }
}

/** The indicator's words. */
export function statusLabel(status: SaveStatus): string {
  switch (status.kind) {
    case 'clean':
      return '';
    case 'pending':
      return 'Unsaved changes';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'error':
      return 'Not saved';
  }
}
