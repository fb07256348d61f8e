import type { ParsePool } from './parse-pool';
import type { ParsedMessage } from './types';

export type OrderedParseResult<T> =
  | { tag: T; ok: true; message: ParsedMessage }
  | { tag: T; ok: false; reason: string };

interface Slot<T> {
  bytes: number;
  result?: OrderedParseResult<T>;
}

/** Raw bytes submitted but not yet handed over; with the count below, the import's memory bound. */
export const DEFAULT_MAX_IN_FLIGHT_BYTES = 32 * 1024 * 1024;

/**
 * Per parse worker. Deep enough that workers keep parsing while the caller is busy with a
 * synchronous store batch (500 messages take ~0.3-0.5 s to insert; a worker parses ~1k msg/s):
 * with the former 16 per worker, workers idled through every insert and import ran at the sum
 * of parse and insert time instead of the larger of the two.
 */
const IN_FLIGHT_PER_WORKER = 384;
/** Parsing in-thread (no worker) gains nothing from depth: each message in flight is live memory. */
const IN_FLIGHT_IN_THREAD = 8;

/**
 * Feeds a ParsePool while handing results over in submission order, each as soon as it and
 * everything before it is parsed. At most `maxInFlight` messages and `maxInFlightBytes` raw
 * bytes are held (the first message is always accepted, however large): `push` waits once the
 * window is full — the backpressure that keeps a 2 GB import at a bounded footprint.
 * An exception from `onResult` (a store failure) stops the queue and surfaces from the next
 * `push` or `drain`.
 */
export class OrderedParseQueue<T> {
  private readonly window: Slot<T>[] = [];
  private windowBytes = 0;
  private waiters: Array<() => void> = [];
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly pool: ParsePool,
    private readonly onResult: (result: OrderedParseResult<T>) => void,
    private readonly maxInFlight = pool.size === 0 ? IN_FLIGHT_IN_THREAD : IN_FLIGHT_PER_WORKER * pool.size,
    private readonly maxInFlightBytes = DEFAULT_MAX_IN_FLIGHT_BYTES,
  ) {}

  /** Submits a message (its bytes may be transferred away); resolves once there is room for more. */
  async push(raw: Buffer, tag: T): Promise<void> {
    this.throwIfFailed();
    const slot: Slot<T> = { bytes: raw.length };
    this.window.push(slot);
    this.windowBytes += slot.bytes;
    this.pool.parse(raw).then(
      (message) => this.settle(slot, { tag, ok: true, message }),
      (err: unknown) => this.settle(slot, { tag, ok: false, reason: err instanceof Error ? err.message : String(err) }),
    );
    while (this.isFull() && !this.failure) await this.progress();
    this.throwIfFailed();
  }

  /** Waits for every submitted message and hands over its result. */
  async drain(): Promise<void> {
    while (this.window.length > 0 && !this.failure) await this.progress();
    this.throwIfFailed();
  }

  private isFull(): boolean {
    return this.window.length >= this.maxInFlight || (this.window.length > 1 && this.windowBytes >= this.maxInFlightBytes);
  }

  private settle(slot: Slot<T>, result: OrderedParseResult<T>): void {
    slot.result = result;
    while (this.window.length > 0 && this.window[0].result) {
      const head = this.window.shift() as Slot<T>;
      this.windowBytes -= head.bytes;
      const headResult = head.result as OrderedParseResult<T>;
      head.result = undefined; // handed over: the window no longer keeps the message alive
      if (this.failure) continue;
      try {
        this.onResult(headResult);
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
