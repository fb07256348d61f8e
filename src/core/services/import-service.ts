import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ImportProgress, ImportResult } from '../../shared/api/mail';
import { PmsyncError } from '../../shared/errors';
import type { EventHub } from '../events';
import { ParsePool } from '../mail/parse-pool';
import type { ProfileStore } from '../store/types';
import { baseName, folderForFile } from './import/folder-for-file';
import { ImportJob, type FileFeed } from './import/import-job';

export interface ImportServiceDeps {
  store: ProfileStore;
  events: EventHub;
  /** Bundled parse worker (out/core/parse-worker.cjs); without it messages are parsed in-thread. */
  workerScript?: string;
  /** Messages per store transaction; default 500. */
  batchSize?: number;
  /** Parse worker count; default one per CPU beyond the first, at most 2 (see defaultWorkerCount). */
  workers?: number;
}

export interface ImportFilesOptions {
  folder?: string;
  onProgress?: (p: ImportProgress) => void;
}

interface Upload {
  fileName: string;
  size: number;
  received: number;
  job: ImportJob;
  feed: FileFeed;
  /** Chunks are applied one after another even if calls overlap. */
  tail: Promise<unknown>;
  lastActivity: number;
}

const READ_CHUNK = 1024 * 1024;
const MAX_CHUNK = 4 * 1024 * 1024;
const UPLOAD_IDLE_MS = 30 * 60 * 1000;

function reasonOf(err: unknown): string {
  if (err instanceof Error) return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : err.message;
  return String(err);
}

/** Imports mbox and .eml files (by path, or streamed up from a browser) into Local Folders. */
export class ImportService {
  private pool: ParsePool | null = null;
  private readonly uploads = new Map<string, Upload>();
  private disposed = false;

  constructor(private readonly deps: ImportServiceDeps) {}

  async importFiles(paths: string[], opts: ImportFilesOptions = {}): Promise<ImportResult> {
    // Check every file first, so a typo fails before anything is imported.
    let totalBytes = 0;
    for (const path of paths) {
      try {
        const s = await stat(path);
        if (!s.isFile()) throw new Error('it is not a regular file');
        totalBytes += s.size;
      } catch (err) {
        throw new PmsyncError('IMPORT_FAILED', `Cannot read ${path}: ${reasonOf(err)}`, 'Check the path and that the file is readable, then import again.');
      }
    }
    const job = this.newJob(totalBytes, opts.onProgress);
    const folderIds = new Map<string, number>(); // thousands of .eml files share one folder
    for (const path of paths) {
      const target = folderForFile(path, opts.folder);
      let folderId = folderIds.get(target.path);
      if (folderId === undefined) {
        folderId = this.folderIdFor(path, opts.folder);
        folderIds.set(target.path, folderId);
      }
      const feed = job.openFile(path, folderId);
      try {
        for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK })) await feed.push(chunk as Buffer);
        await feed.end();
      } catch (err) {
        if (err instanceof PmsyncError && err.code === 'IMPORT_FAILED' && paths.length > 1) {
          job.failFile(path, err.message); // one odd file among many should not stop the rest
          continue;
        }
        await job.finish().catch(() => undefined);
        throw this.wrapFileError(path, err);
      }
    }
    return job.finish();
  }

  beginUpload(fileName: string, size: number, folder?: string): string {
    this.assertOpen();
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new PmsyncError('INVALID_INPUT', `Invalid upload size ${size}.`, 'Send the file size in bytes.');
    }
    this.dropIdleUploads();
    const uploadId = randomBytes(18).toString('base64url');
    const job = this.newJob(size);
    const feed = job.openFile(baseName(fileName), this.folderIdFor(fileName, folder));
    this.uploads.set(uploadId, { fileName, size, received: 0, job, feed, tail: Promise.resolve(), lastActivity: Date.now() });
    return uploadId;
  }

  receiveChunk(uploadId: string, data: Buffer): Promise<number> {
    const upload = this.getUpload(uploadId);
    if (data.length > MAX_CHUNK) {
      return Promise.reject(new PmsyncError('INVALID_INPUT', `An upload chunk is ${data.length} bytes; the limit is ${MAX_CHUNK}.`, 'Send the file in chunks of at most 4 MiB.'));
    }
    if (upload.received + data.length > upload.size) {
      this.abortUpload(uploadId);
      return Promise.reject(new PmsyncError('IMPORT_FAILED', `The upload of ${upload.fileName} sent more than the announced ${upload.size} bytes; it was cancelled.`, 'Start the import again.'));
    }
    upload.received += data.length;
    upload.lastActivity = Date.now();
    const run = upload.tail.then(async () => {
      try {
        await upload.feed.push(data);
      } catch (err) {
        this.abortUpload(uploadId);
        throw this.wrapFileError(upload.fileName, err);
      }
      return upload.received;
    });
    upload.tail = run.catch(() => undefined);
    return run;
  }

  async commitUpload(uploadId: string): Promise<ImportResult> {
    const upload = this.getUpload(uploadId);
    this.uploads.delete(uploadId);
    await upload.tail;
    if (upload.received !== upload.size) {
      await upload.job.finish();
      throw new PmsyncError('IMPORT_FAILED', `The upload of ${upload.fileName} is incomplete: ${upload.received} of ${upload.size} bytes arrived.`, 'Messages received so far were kept; import the file again to add the rest (duplicates are skipped).');
    }
    try {
      await upload.feed.end();
    } catch (err) {
      await upload.job.finish().catch(() => undefined);
      throw this.wrapFileError(upload.fileName, err);
    }
    return upload.job.finish();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const id of [...this.uploads.keys()]) this.abortUpload(id);
    const pool = this.pool;
    this.pool = null;
    await pool?.dispose();
  }

  private newJob(totalBytes: number, onProgress?: (p: ImportProgress) => void): ImportJob {
    this.assertOpen();
    this.pool ??= new ParsePool({ workerScript: this.deps.workerScript, workers: this.deps.workers });
    return new ImportJob({
      store: this.deps.store,
      events: this.deps.events,
      pool: this.pool,
      importId: randomBytes(8).toString('hex'),
      totalBytes,
      batchSize: this.deps.batchSize ?? 500,
      onProgress,
    });
  }

  private folderIdFor(fileName: string, override?: string): number {
    const account = this.deps.store.ensureLocalAccount();
    const target = folderForFile(fileName, override);
    return this.deps.store.ensureFolder(account.id, target.path, target.role).id;
  }

  private getUpload(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new PmsyncError('NOT_FOUND', 'No upload with this id is in progress.', 'Start the import again; uploads end when committed, cancelled or idle for 30 minutes.');
    return upload;
  }

  private abortUpload(uploadId: string): void {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    this.uploads.delete(uploadId);
    // Messages already stored stay; the rest of the window is drained and discarded quietly.
    upload.tail.then(() => upload.job.finish()).catch(() => undefined);
  }

  private dropIdleUploads(): void {
    const now = Date.now();
    for (const [id, u] of this.uploads) if (now - u.lastActivity > UPLOAD_IDLE_MS) this.abortUpload(id);
  }

  /** File-level failures get the file's name; anything else (the store's own errors) passes through. */
  private wrapFileError(file: string, err: unknown): unknown {
    if (err instanceof PmsyncError && err.code === 'IMPORT_FAILED') return new PmsyncError('IMPORT_FAILED', `Cannot import ${file}: ${err.message}`, err.hint);
    if (err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string') {
      return new PmsyncError('IMPORT_FAILED', `Cannot read ${file}: ${reasonOf(err)}`, 'Check that the file is readable and not being written to, then import again.');
    }
    return err;
  }

  private assertOpen(): void {
    if (this.disposed) throw new PmsyncError('INTERNAL', 'The import service has been shut down.', 'Restart PMSync.');
  }
}
