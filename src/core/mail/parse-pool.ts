import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseMessage } from './parse-message';
import { exclusiveBytes, reviveMessage, type ParseRequest, type ParseResponse } from './parse-protocol';
import type { ParsedMessage } from './types';

export interface ParsePoolOptions {
  /** Path of the bundled worker (out/core/parse-worker.cjs). Without it, parsing runs in this thread. */
  workerScript?: string;
  /** Worker count; default defaultWorkerCount(). */
  workers?: number;
}

interface Pending {
  resolve: (m: ParsedMessage) => void;
  reject: (e: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * One worker per CPU beyond the first, at most 2. The importing thread needs a core of its own
 * for the store (inserting a 500-message batch takes ~0.35 s); on 2 cores a second worker only
 * fought it for CPU (~25% more CPU for the same import, measured) and cost ~70 MB of RSS.
 */
export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(2, availableParallelism() - 1));
}

/**
 * Parses raw messages on worker threads (mailparser is CPU-bound, ~1.6k msg/s per core).
 * Raw bytes are transferred, not copied. Callers bound how much they submit at once
 * (see OrderedParseQueue); each call's promise settles with its own result.
 */
export class ParsePool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 1;
  private disposed = false;
  private readonly workerScript?: string;

  constructor(options: ParsePoolOptions = {}) {
    this.workerScript = options.workerScript;
    if (!this.workerScript) return;
    const count = Math.max(1, options.workers ?? defaultWorkerCount());
    for (let i = 0; i < count; i++) this.workers.push(this.spawn());
  }

  /** Number of worker threads (0 when parsing in-thread). */
  get size(): number {
    return this.workers.length;
  }

  parse(raw: Buffer): Promise<ParsedMessage> {
    if (this.disposed) return Promise.reject(new Error('The parse pool has been disposed.'));
    if (this.workers.length === 0) return parseMessage(raw);
    let target = this.workers[0];
    for (const w of this.workers) if (w.pending.size < target.pending.size) target = w;
    const id = this.nextId++;
    const bytes = exclusiveBytes(raw);
    return new Promise<ParsedMessage>((resolve, reject) => {
      if (target.pending.size === 0) target.worker.ref();
      target.pending.set(id, { resolve, reject });
      const req: ParseRequest = { id, raw: bytes };
      target.worker.postMessage(req, [bytes.buffer as ArrayBuffer]);
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const all = this.workers.splice(0);
    for (const w of all) this.failAll(w, new Error('The parse pool was closed.'));
    await Promise.all(all.map((w) => w.worker.terminate()));
  }

  private spawn(): PoolWorker {
    const worker = new Worker(this.workerScript as string);
    const entry: PoolWorker = { worker, pending: new Map() };
    worker.unref(); // only in-flight work keeps the process alive
    worker.on('message', (res: ParseResponse) => {
      const p = entry.pending.get(res.id);
      if (!p) return;
      entry.pending.delete(res.id);
      if (entry.pending.size === 0) worker.unref();
      if (res.ok) p.resolve(reviveMessage(res.message));
      else p.reject(new Error(res.reason));
    });
    const replace = (err: Error) => {
      // A worker that died (out of memory on a monster message, a bug) fails only its own
      // in-flight messages; a fresh worker takes its place.
      this.failAll(entry, err);
      const idx = this.workers.indexOf(entry);
      if (idx >= 0 && !this.disposed) this.workers[idx] = this.spawn();
    };
    worker.on('error', (err) => replace(err));
    worker.on('exit', (code) => {
      if (!this.disposed) replace(new Error(`The parser worker stopped (exit code ${code}).`));
    });
    return entry;
  }

  private failAll(entry: PoolWorker, err: Error): void {
    for (const p of entry.pending.values()) p.reject(err);
    entry.pending.clear();
  }
}
