import type { AccountSettings } from '../../shared/api/accounts';
import type { Account } from '../../shared/api/mail';
import { PmsyncError } from '../../shared/errors';
import type { Db } from './connection';
import { classifyStoreError } from './errors';
import { FolderRepository } from './folder-repository';
import { ImapAccountRepository } from './imap-account-repository';
import { ImapBatchWriter } from './imap-batch-writer';
import { ImapFolderState } from './imap-folder-state';
import type {
  BatchOutcome, ImapBatch, ImapSyncStore, IncomingMessage, NewImapAccount, RemoteFolderRow, RemoteIdentity,
  StoredCursor, StoredImapAccount, StoredUidState, UnifiedThread,
} from './imap-sync-types';
import { MessageBodyReplacer } from './message-body-replacer';
import { MessageDeleter } from './message-deleter';
import { MessageWriter } from './message-writer';
import { toThreadSummary, type ThreadFolderRow } from './rows';
import { SqliteProfileStore } from './sqlite-profile-store';
import { StatementCache } from './statements';
import { ThreadSummaries } from './thread-summaries';
import type { ProfileStore } from './types';

export type * from './imap-sync-types';

/**
 * The IMAP side of the profile store, on the profile's own connection (same transactions,
 * same encryption). Built beside SqliteProfileStore rather than inside it so the mail store
 * stays as it is; `imapSyncStoreFor` is the way in.
 */
export class SqliteImapSyncStore implements ImapSyncStore {
  private readonly stmts: StatementCache;
  private readonly accounts: ImapAccountRepository;
  private readonly state: ImapFolderState;
  private readonly batches: ImapBatchWriter;

  constructor(db: Db, private readonly profileDir: string) {
    this.stmts = new StatementCache(db);
    const summaries = new ThreadSummaries(this.stmts);
    const folders = new FolderRepository(this.stmts);
    const deleter = new MessageDeleter(this.stmts, summaries);
    this.accounts = new ImapAccountRepository(this.stmts);
    this.state = new ImapFolderState(this.stmts, folders, deleter);
    this.batches = new ImapBatchWriter(this.stmts, this.state, folders, new MessageWriter(this.stmts, folders, summaries), deleter, new MessageBodyReplacer(this.stmts), summaries);
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw classifyStoreError(err, this.profileDir, 'use');
    }
  }

  addImapAccount(account: NewImapAccount): Account { return this.guard(() => this.accounts.add(account)); }
  imapAccount(accountId: number): StoredImapAccount | undefined { return this.guard(() => this.accounts.get(accountId)); }
  listImapAccounts(): StoredImapAccount[] { return this.guard(() => this.accounts.list()); }
  removeAccount(accountId: number): boolean { return this.guard(() => this.accounts.remove(accountId)); }
  accountSettings(accountId: number): AccountSettings { return this.guard(() => this.accounts.settings(accountId)); }
  updateAccountSettings(accountId: number, settings: Partial<AccountSettings>): AccountSettings {
    return this.guard(() => this.accounts.updateSettings(accountId, settings));
  }
  setLastSyncAt(accountId: number, at: number): void { this.guard(() => this.accounts.setLastSyncAt(accountId, at)); }

  applyFolders(accountId: number, folders: RemoteFolderRow[]): { changedFolderIds: number[] } {
    return this.guard(() => this.state.applyFolders(accountId, folders));
  }
  folderCursor(accountId: number, path: string): StoredCursor | undefined {
    return this.guard(() => {
      const id = this.state.folderId(accountId, path);
      return id === undefined ? undefined : this.state.cursor(id);
    });
  }
  localUids(accountId: number, path: string): Map<number, StoredUidState> {
    return this.guard(() => {
      const id = this.state.folderId(accountId, path);
      return id === undefined ? new Map() : this.state.localUids(id);
    });
  }
  applyBatch(accountId: number, path: string, batch: ImapBatch): BatchOutcome { return this.guard(() => this.batches.applyBatch(accountId, path, batch)); }
  pendingBodies(accountId: number, path: string, limit: number, maxSize: number): number[] {
    return this.guard(() => {
      const id = this.state.folderId(accountId, path);
      return id === undefined ? [] : this.state.pendingBodies(id, limit, maxSize);
    });
  }
  applyBodies(accountId: number, path: string, uidValidity: bigint, bodies: IncomingMessage[]): BatchOutcome {
    return this.guard(() => this.batches.applyBodies(accountId, path, uidValidity, bodies));
  }
  resetFolder(accountId: number, path: string, uidValidity: bigint): void { this.guard(() => this.batches.resetFolder(accountId, path, uidValidity)); }
  quarantine(accountId: number, path: string, uidValidity: bigint, uid: number, reason: string, raw: Buffer | null): void {
    this.guard(() => this.batches.quarantine(accountId, path, uidValidity, uid, reason, raw));
  }
  quarantined(accountId: number): { folderId: number; uid: number; reason: string }[] {
    return this.guard(() => this.stmts
      .get<{ folder_id: number; uid: number; reason: string }>(
        'SELECT q.folder_id, q.uid, q.reason FROM imap_quarantine q JOIN folders f ON f.id = q.folder_id WHERE f.account_id = ? ORDER BY q.folder_id, q.uid',
      )
      .all(accountId)
      .map((r) => ({ folderId: r.folder_id, uid: r.uid, reason: r.reason })));
  }

  remoteIdentities(messageIds: number[]): RemoteIdentity[] {
    return this.guard(() => this.stmts
      .get<{ message_row: number; account_id: number; folder_id: number; remote_path: string; uid: number; uid_validity: number }>(
        `SELECT im.message_row, i.account_id, im.folder_id, i.remote_path, im.uid, i.uid_validity
         FROM imap_messages im JOIN imap_folders i ON i.folder_id = im.folder_id
         WHERE im.message_row IN (SELECT value FROM json_each(?)) AND i.uid_validity IS NOT NULL ORDER BY im.message_row, im.uid`,
      )
      .all(JSON.stringify(messageIds))
      .map((r) => ({ messageId: r.message_row, accountId: r.account_id, folderId: r.folder_id, path: r.remote_path, uid: r.uid, uidValidity: BigInt(r.uid_validity) })));
  }

  folderIdOf(accountId: number, path: string): number | undefined { return this.guard(() => this.state.folderId(accountId, path)); }

  remotePathOf(folderId: number): { accountId: number; path: string } | undefined {
    return this.guard(() => {
      const r = this.stmts.get<{ account_id: number; remote_path: string }>('SELECT account_id, remote_path FROM imap_folders WHERE folder_id = ?').get(folderId);
      return r ? { accountId: r.account_id, path: r.remote_path } : undefined;
    });
  }

  /**
   * Every inbox-role folder's threads, newest first. Each folder contributes its own first
   * offset+limit threads through its (folder_id, last_date) index, so a page costs
   * O(inboxes × (offset+limit)) whatever the mailbox sizes.
   */
  listUnifiedThreads(offset: number, limit: number): { total: number; items: UnifiedThread[] } {
    return this.guard(() => {
      const inboxes = this.stmts.get<{ id: number; account_id: number }>("SELECT id, account_id FROM folders WHERE role = 'inbox' ORDER BY id").all();
      const count = this.stmts.get<{ n: number }>('SELECT count(*) AS n FROM thread_folders WHERE folder_id = ?');
      const top = this.stmts.get<ThreadFolderRow & { folder_id: number }>(
        `WITH page AS (SELECT thread_id FROM thread_folders WHERE folder_id = @folder ORDER BY last_date DESC, thread_id DESC LIMIT @n)
         SELECT tf.thread_id, tf.folder_id, t.subject, tf.participants, tf.snippet, tf.last_date, tf.message_count, tf.unread_count,
                tf.flagged_count, tf.attachment_count
         FROM page CROSS JOIN thread_folders tf ON tf.thread_id = page.thread_id AND tf.folder_id = @folder
         CROSS JOIN threads t ON t.id = tf.thread_id`,
      );
      let total = 0;
      const merged: UnifiedThread[] = [];
      const n = Math.max(0, Math.trunc(offset)) + Math.max(0, Math.trunc(limit));
      for (const inbox of inboxes) {
        total += count.get(inbox.id)?.n ?? 0;
        for (const r of top.all({ folder: inbox.id, n })) merged.push({ ...toThreadSummary(r), accountId: inbox.account_id, folderId: r.folder_id });
      }
      merged.sort((a, b) => b.lastDate - a.lastDate || b.id - a.id);
      return { total, items: merged.slice(offset, offset + limit) };
    });
  }
}

const byStore = new WeakMap<ProfileStore, ImapSyncStore>();

/** The IMAP side of an open profile store (one instance per store). */
export function imapSyncStoreFor(store: ProfileStore): ImapSyncStore {
  const known = byStore.get(store);
  if (known) return known;
  if (!(store instanceof SqliteProfileStore)) {
    throw new PmsyncError('INTERNAL', 'IMAP accounts need the encrypted profile store.', 'This is a bug in how PMSync was started; please report it.');
  }
  const made = new SqliteImapSyncStore(store.connection, store.profileDir);
  byStore.set(store, made);
  return made;
}
