import fs from 'node:fs';
import type { Account, AttachmentMeta, Folder, FolderRole, Message, SearchHit } from '../../shared/api/mail';
import type { DoctorReport } from '../../shared/api/app';
import type { ParsedMessage } from '../mail/types';
import type { Db } from './connection';
import { classifyStoreError } from './errors';
import { FolderRepository } from './folder-repository';
import { MessageFlags } from './message-flags';
import { MessageMover } from './message-mover';
import { MessageReader } from './message-reader';
import { MessageWriter } from './message-writer';
import { currentSchemaVersion } from './migrate';
import { databaseFiles } from './profile-files';
import type { ProfileLock } from './profile-lock';
import { SearchRepository } from './search-repository';
import { StatementCache } from './statements';
import { TaskRepository } from './task-repository';
import { ThreadSummaries } from './thread-summaries';
import type { InsertResult, KeySource, ProfileStore, ThreadPage } from './types';

export interface StoreContext {
  profileDir: string;
  dbFile: string;
  keySource: KeySource;
  lock: ProfileLock;
}

/**
 * ProfileStore over one SQLCipher connection. Every public method runs through `guard`, so
 * SQLite failures reach callers as PmsyncErrors (DISK_FULL, DB_CORRUPT, PROFILE_LOCKED).
 */
export class SqliteProfileStore implements ProfileStore {
  readonly profileDir: string;
  readonly keySource: KeySource;
  readonly schemaVersion: number;
  readonly createdAt: number;
  private readonly folders: FolderRepository;
  private readonly writer: MessageWriter;
  private readonly reader: MessageReader;
  private readonly flags: MessageFlags;
  private readonly searcher: SearchRepository;
  readonly tasks: TaskRepository;
  readonly mover: MessageMover;
  private closed = false;

  constructor(private readonly db: Db, private readonly ctx: StoreContext) {
    const stmts = new StatementCache(db);
    const summaries = new ThreadSummaries(stmts);
    this.folders = new FolderRepository(stmts);
    this.writer = new MessageWriter(stmts, this.folders, summaries);
    this.reader = new MessageReader(stmts);
    this.flags = new MessageFlags(stmts, summaries);
    this.searcher = new SearchRepository(stmts);
    this.tasks = new TaskRepository(stmts);
    this.mover = new MessageMover(stmts, this.folders, summaries);
    this.profileDir = ctx.profileDir;
    this.keySource = ctx.keySource;
    this.schemaVersion = currentSchemaVersion(db);
    const created = db.prepare("SELECT value FROM settings WHERE key = 'profile.createdAt'").pluck().get();
    this.createdAt = Number(created ?? 0);
  }

  /** The raw connection, for tests and maintenance code inside src/core/store only. */
  get connection(): Db {
    return this.db;
  }

  /** sqlite-vec is loaded on this connection (AI retrieval builds on it). */
  vecVersion(): string {
    return this.guard(() => String(this.db.prepare('SELECT vec_version()').pluck().get()));
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw classifyStoreError(err, this.profileDir, 'use');
    }
  }

  transaction<T>(fn: () => T): T {
    return this.guard(() => this.db.transaction(fn).immediate());
  }

  listAccounts(): Account[] { return this.guard(() => this.folders.listAccounts()); }
  ensureLocalAccount(): Account { return this.guard(() => this.folders.ensureLocalAccount()); }
  listFolders(accountId?: number): Folder[] { return this.guard(() => this.folders.listFolders(accountId)); }
  getFolder(id: number): Folder | undefined { return this.guard(() => this.folders.getFolder(id)); }
  ensureFolder(accountId: number, path: string, role?: FolderRole | null): Folder {
    return this.guard(() => this.folders.ensureFolder(accountId, path, role ?? null));
  }

  insertMessages(folderId: number, messages: ParsedMessage[]): InsertResult {
    return this.guard(() => this.writer.insert(folderId, messages));
  }
  listThreads(folderId: number, offset: number, limit: number): ThreadPage {
    return this.guard(() => this.reader.listThreads(folderId, offset, limit));
  }
  getThread(threadId: number, folderId?: number): ReturnType<ProfileStore['getThread']> {
    return this.guard(() => this.reader.getThread(threadId, folderId));
  }
  getMessage(id: number): Message | undefined { return this.guard(() => this.reader.getMessage(id)); }
  getAttachment(id: number): (AttachmentMeta & { content: Buffer }) | undefined { return this.guard(() => this.reader.getAttachment(id)); }
  setRead(messageIds: number[], read: boolean): { changed: number; folderIds: number[] } {
    return this.guard(() => this.flags.setRead(messageIds, read));
  }
  setFlagged(messageIds: number[], flagged: boolean): { changed: number; folderIds: number[] } {
    return this.guard(() => this.flags.setFlagged(messageIds, flagged));
  }
  allowRemoteContent(messageId: number, scope: 'message' | 'sender'): void {
    this.guard(() => this.flags.allowRemoteContent(messageId, scope));
  }

  search(query: string, offset: number, limit: number): { total: number; items: SearchHit[] } {
    return this.guard(() => this.searcher.search(query, offset, limit));
  }

  counts(): { accounts: number; messages: number; dbSizeBytes: number } {
    return this.guard(() => {
      const accounts = this.db.prepare('SELECT count(*) FROM accounts').pluck().get() as number;
      const messages = this.db.prepare('SELECT count(*) FROM messages').pluck().get() as number;
      let dbSizeBytes = 0;
      for (const f of databaseFiles(this.ctx.dbFile)) dbSizeBytes += fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0;
      return { accounts, messages, dbSizeBytes };
    });
  }

  /** Never throws for a damaged database: the report says what is wrong. */
  doctor(): DoctorReport {
    let integrity: string[];
    try {
      integrity = (this.db.prepare('PRAGMA integrity_check').pluck().all() as string[]).slice(0, 100);
    } catch (err) {
      integrity = [`integrity_check failed: ${err instanceof Error ? err.message : String(err)}`];
    }
    const count = (sql: string): number => {
      try {
        return this.db.prepare(sql).pluck().get() as number;
      } catch {
        return -1;
      }
    };
    const messages = count('SELECT count(*) FROM messages');
    // One docsize row per indexed document: the index's own count, not the content table's.
    const ftsRows = count('SELECT count(*) FROM message_fts_docsize');
    const cipher = String(this.db.pragma('cipher', { simple: true }));
    const ok = integrity.length === 1 && integrity[0] === 'ok' && messages >= 0 && messages === ftsRows;
    return { ok, integrity, schemaVersion: this.schemaVersion, cipher, messages, ftsRows };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.close();
    } finally {
      this.ctx.lock.release();
    }
  }
}
