import type { ImportProgress, ImportResult } from '../../../shared/api/mail';
import type { EventHub } from '../../events';
import { MboxSplitter } from '../../mail/mbox-splitter';
import { OrderedParseQueue, type OrderedParseResult } from '../../mail/ordered-parse-queue';
import type { ParsePool } from '../../mail/parse-pool';
import type { ParsedMessage } from '../../mail/types';
import type { ProfileStore } from '../../store/types';

interface MessageTag {
  file: string;
  index: number;
  folderId: number;
}

interface FolderBatch {
  messages: ParsedMessage[];
  bytes: number;
}

export interface ImportJobOptions {
  store: ProfileStore;
  events: EventHub;
  pool: ParsePool;
  importId: string;
  totalBytes: number;
  batchSize: number;
  onProgress?: (p: ImportProgress) => void;
  /** Minimum time between progress events; ~5 per second by default. */
  progressIntervalMs?: number;
}

/** A batch is also flushed at this many raw bytes, so big attachments do not pile up. */
const MAX_BATCH_BYTES = 32 * 1024 * 1024;

/** One file being fed into a job, chunk by chunk. */
export interface FileFeed {
  push(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
}

/**
 * One import: raw bytes → splitter → parse pool (in order, bounded) → batched store inserts,
 * with throttled progress and mail.changed events. Files are fed one after another.
 */
export class ImportJob {
  private readonly queue: OrderedParseQueue<MessageTag>;
  private readonly batches = new Map<number, FolderBatch>();
  private readonly folderIds = new Set<number>();
  private readonly result = { imported: 0, duplicates: 0, failed: [] as ImportResult['failed'] };
  private processed = 0;
  private bytesRead = 0;
  private currentFile = '';
  private lastProgressAt = 0;

  constructor(private readonly opts: ImportJobOptions) {
    this.queue = new OrderedParseQueue(opts.pool, (r) => this.onParsed(r));
  }

  /** Starts a file; its messages go to `folderId`. */
  openFile(file: string, folderId: number): FileFeed {
    this.currentFile = file;
    this.folderIds.add(folderId);
    // Earlier files are fully parsed (end() drains): store what they left for other folders now,
    // rather than holding it in memory until finish(). Thousands of .eml files into one folder
    // still share batches.
    for (const other of [...this.batches.keys()]) if (other !== folderId) this.flush(other);
    const splitter = new MboxSplitter();
    let index = 0;
    const submit = async (items: ReturnType<MboxSplitter['push']>) => {
      for (const item of items) {
        const tag = { file, index: index++, folderId };
        if (item.ok) await this.queue.push(item.raw, tag);
        else this.result.failed.push({ file, index: tag.index, reason: item.reason });
      }
    };
    return {
      push: async (chunk) => {
        this.bytesRead += chunk.length;
        await submit(splitter.push(chunk));
        this.maybeProgress();
      },
      end: async () => {
        await submit(splitter.end());
        await this.queue.drain();
      },
    };
  }

  /** Records a whole file as failed (unreadable, not mail) without stopping the job. */
  failFile(file: string, reason: string): void {
    this.result.failed.push({ file, index: 0, reason });
  }

  /** Stores what is left and reports the outcome. */
  async finish(): Promise<ImportResult> {
    await this.queue.drain();
    for (const folderId of this.batches.keys()) this.flush(folderId);
    this.emitProgress(true);
    return {
      imported: this.result.imported,
      duplicates: this.result.duplicates,
      failed: this.result.failed,
      folderIds: [...this.folderIds],
    };
  }

  private onParsed(r: OrderedParseResult<MessageTag>): void {
    this.processed++;
    if (!r.ok) {
      this.result.failed.push({ file: r.tag.file, index: r.tag.index, reason: r.reason });
      return;
    }
    let batch = this.batches.get(r.tag.folderId);
    if (!batch) {
      batch = { messages: [], bytes: 0 };
      this.batches.set(r.tag.folderId, batch);
    }
    batch.messages.push(r.message);
    batch.bytes += r.message.rawSize;
    if (batch.messages.length >= this.opts.batchSize || batch.bytes >= MAX_BATCH_BYTES) this.flush(r.tag.folderId);
  }

  private flush(folderId: number): void {
    const batch = this.batches.get(folderId);
    if (!batch || batch.messages.length === 0) return;
    this.batches.delete(folderId);
    const res = this.opts.store.insertMessages(folderId, batch.messages);
    this.result.imported += res.inserted;
    this.result.duplicates += res.duplicates;
    if (res.inserted > 0) {
      const folderIds = res.folderIds.length > 0 ? res.folderIds : [folderId];
      this.opts.events.emit('mail.changed', { folderIds, reason: 'import' });
    }
    this.maybeProgress();
  }

  private maybeProgress(): void {
    const now = Date.now();
    if (now - this.lastProgressAt >= (this.opts.progressIntervalMs ?? 200)) this.emitProgress(false);
  }

  private emitProgress(done: boolean): void {
    this.lastProgressAt = Date.now();
    const p: ImportProgress = {
      importId: this.opts.importId,
      fileName: this.currentFile,
      messages: this.processed,
      bytesRead: this.bytesRead,
      totalBytes: Math.max(this.opts.totalBytes, this.bytesRead),
      done,
    };
    this.opts.events.emit('mail.importProgress', p);
    this.opts.onProgress?.(p);
  }
}
