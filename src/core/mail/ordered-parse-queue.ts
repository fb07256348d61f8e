import type { ParsePool } from './parse-pool';
import type { ParsedMessage } from './types';

export type OrderedParseResult<T> =
  | { tag: T; ok: true; message: ParsedMessage }
  | { tag: T; ok: false; reason: string };

interface Slot<T> {
  result?: OrderedParseResult<T>;
}

/**
 * Feeds a ParsePool while handing results over in submission order, each as soon as it and
 * everything before it is parsed. At most `maxInFlight` messages are held: `push` waits once
 * the window is full — the backpressure that keeps a 2 GB import at a bounded footprint.
 * An exception from `onResult` (a store failure) stops the queue and surfaces from the next
 * `push` or `drain`.
 */
export class OrderedParseQueue<T> {
  private readonly window: Slot<T>[] = [];
  private waiters: Array<() => void> = [];
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly pool: ParsePool,
    private readonly onResult: (result: OrderedParseResult<T>) => void,
    private readonly maxInFlight = Math.max(8, pool.size * 16),
  ) {}

  /** Submits a message (its bytes may be transferred away); resolves once there is room for more. */
  async push(raw: Buffer, tag: T): Promise<void> {
    this.throwIfFailed();
    const slot: Slot<T> = {};
    this.window.push(slot);
    this.pool.parse(raw).then(
      (message) => this.settle(slot, { tag, ok: true, message }),
      (err: unknown) => this.settle(slot, { tag, ok: false, reason: err instanceof Error ? err.message : String(err) }),
    );
    while (this.window.length >= this.maxInFlight && !this.failure) await this.progress();
    this.throwIfFailed();
  }

  /** Waits for every submitted message and hands over its result. */
  async drain(): Promise<void> {
    while (this.window.length > 0 && !this.failure) await this.progress();
    this.throwIfFailed();
  }

  private settle(slot: Slot<T>, result: OrderedParseResult<T>): void {
    slot.result = result;
    while (this.window.length > 0 && this.window[0].result) {
      const head = this.window.shift() as Slot<T>;
      if (this.failure) continue;
      try {
        this.onResult(head.result as OrderedParseResult<T>);
      } catch (error) {
        this.failure = { error };
      }
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private progress(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
