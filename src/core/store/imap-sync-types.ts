import type { AccountSettings, ServerSettings } from '../../shared/api/accounts';
import type { Account, FolderRole, ThreadSummary } from '../../shared/api/mail';
import type { ParsedMessage } from '../mail/types';

/** An IMAP account's connection settings as stored (inside the encrypted database). */
export interface StoredImapAccount {
  accountId: number;
  email: string;
  imap: ServerSettings;
  smtp: ServerSettings;
  user: string;
  password: string;
  caPem: string | null;
  lastSyncAt: number | null;
}

export interface NewImapAccount {
  email: string;
  name: string;
  imap: ServerSettings;
  smtp: ServerSettings;
  user: string;
  password: string;
  caPem: string | null;
}

/** A folder as the server lists it (RemoteFolder of src/sync/imap/sink.ts, repeated to keep the store free of sync types). */
export interface RemoteFolderRow {
  path: string;
  delimiter: string;
  role: FolderRole | null;
  subscribed: boolean;
  selectable: boolean;
}

export interface StoredCursor {
  uidValidity: bigint;
  highestModseq: bigint | null;
  uidNext: number | null;
}

export interface StoredUidState {
  flags: string[];
  modseq: bigint | null;
  headersOnly: boolean;
  quarantined: boolean;
}

/** One fetched message, already parsed by the caller (parsing is async; the batch write is not). */
export interface IncomingMessage {
  uid: number;
  flags: string[];
  modseq: bigint | null;
  /** RFC822.SIZE; stored as the row's size also for header-only rows. */
  size: number;
  headersOnly: boolean;
  parsed: ParsedMessage | { failure: string; raw: Buffer };
}

export interface ImapBatch {
  added: IncomingMessage[];
  flagChanges: { uid: number; flags: string[]; modseq: bigint | null }[];
  vanished: number[];
  cursor: StoredCursor;
}

export interface BatchOutcome {
  folderId: number;
  quarantined: { uid: number; reason: string }[];
  /** Rows created by this batch (not adopted or updated ones). */
  newMessageIds: number[];
  /** The folder's cursor was complete before this batch: new rows are new mail, not the initial fill. */
  wasComplete: boolean;
  /** Anything changed that a view could show. */
  changed: boolean;
}

/** Where a stored message lives on the server, for the task queue's remote steps. */
export interface RemoteIdentity {
  messageId: number;
  accountId: number;
  folderId: number;
  /** The server's path (server delimiter), as ImapSyncEngine.setFlags/move/expunge take it. */
  path: string;
  uid: number;
  uidValidity: bigint;
}

export type UnifiedThread = ThreadSummary & { accountId: number; folderId: number };

/**
 * IMAP accounts and sync state over the encrypted store. Every write that the sink contract
 * calls one batch is ONE transaction: rows, counters, thread summaries, FTS and the cursor.
 */
export interface ImapSyncStore {
  // accounts
  addImapAccount(account: NewImapAccount): Account;
  imapAccount(accountId: number): StoredImapAccount | undefined;
  listImapAccounts(): StoredImapAccount[];
  /** Deletes the account and everything of it (folders, messages, threads, sync state). */
  removeAccount(accountId: number): boolean;
  accountSettings(accountId: number): AccountSettings;
  updateAccountSettings(accountId: number, settings: Partial<AccountSettings>): AccountSettings;
  setLastSyncAt(accountId: number, at: number): void;

  // sink operations (paths are server paths)
  applyFolders(accountId: number, folders: RemoteFolderRow[]): { changedFolderIds: number[] };
  folderCursor(accountId: number, path: string): StoredCursor | undefined;
  localUids(accountId: number, path: string): Map<number, StoredUidState>;
  applyBatch(accountId: number, path: string, batch: ImapBatch): BatchOutcome;
  pendingBodies(accountId: number, path: string, limit: number, maxSize: number): number[];
  applyBodies(accountId: number, path: string, uidValidity: bigint, bodies: IncomingMessage[]): BatchOutcome;
  resetFolder(accountId: number, path: string, uidValidity: bigint): void;
  quarantine(accountId: number, path: string, uidValidity: bigint, uid: number, reason: string, raw: Buffer | null): void;
  quarantined(accountId: number): { folderId: number; uid: number; reason: string }[];

  // reading
  remoteIdentities(messageIds: number[]): RemoteIdentity[];
  /** Local folder id of a server path, if synced. */
  folderIdOf(accountId: number, path: string): number | undefined;
  /** Server path of a local folder, if it is an IMAP folder. */
  remotePathOf(folderId: number): { accountId: number; path: string } | undefined;
  listUnifiedThreads(offset: number, limit: number): { total: number; items: UnifiedThread[] };
}
