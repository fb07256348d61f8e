import type {
  Account, AttachmentMeta, Folder, FolderRole, Message, SearchHit, ThreadSummary,
} from '../../shared/api/mail';
import type { DoctorReport } from '../../shared/api/app';
import type { ParsedMessage } from '../mail/types';
import type { MessageMoverStore } from './message-mover';
import type { TaskStore } from './task-repository';

export type KeySource = 'passphrase' | 'keychain' | 'safeStorage';

/** How the data key gets unwrapped (or created and wrapped, on init). */
export type Unlock =
  | { kind: 'passphrase'; passphrase: string }
  | { kind: 'keychain' }
  /** Electron safeStorage lives in main; core receives encrypt/decrypt callbacks through the port. */
  | { kind: 'safeStorage'; encrypt: (plain: Buffer) => Promise<Buffer>; decrypt: (wrapped: Buffer) => Promise<Buffer> };

export interface OpenProfileOptions {
  profileDir: string;
  unlock: Unlock;
  /** Create the profile when missing (init). Refuses when it exists and create is 'only'. */
  create?: 'never' | 'if-missing' | 'only';
}

export interface InsertResult {
  /** New message rows, in input order; null where the message was a duplicate (same folder + Message-ID + size). */
  ids: (number | null)[];
  inserted: number;
  duplicates: number;
  /** Folders whose rows changed, for the mail.changed event. */
  folderIds: number[];
}

export interface ThreadPage {
  total: number;
  items: ThreadSummary[];
}

/** The profile store: the only code that runs SQL. Every method is synchronous (better-sqlite3). */
export interface ProfileStore {
  readonly profileDir: string;
  readonly keySource: KeySource;
  readonly schemaVersion: number;
  readonly createdAt: number;

  // accounts and folders
  listAccounts(): Account[];
  /** The single "Local Folders" account, created on first call with an Inbox. */
  ensureLocalAccount(): Account;
  listFolders(accountId?: number): Folder[];
  getFolder(id: number): Folder | undefined;
  /** Finds or creates a folder by path within an account. */
  ensureFolder(accountId: number, path: string, role?: FolderRole | null): Folder;

  // messages
  /**
   * Stores a batch in one transaction: message rows, bodies, attachments (encrypted with the db),
   * thread assignment (JWZ: Message-ID / In-Reply-To / References, merging threads a message
   * joins; subject only when a message has no references and a thread with the same
   * threadSubject has a message within 30 days), FTS rows.
   */
  insertMessages(folderId: number, messages: ParsedMessage[]): InsertResult;
  listThreads(folderId: number, offset: number, limit: number): ThreadPage;
  getThread(threadId: number, folderId?: number): { thread: ThreadSummary; messages: Message[] } | undefined;
  getMessage(id: number): Message | undefined;
  getAttachment(id: number): (AttachmentMeta & { content: Buffer }) | undefined;
  /** Returns how many rows changed and which folders they live in. */
  setRead(messageIds: number[], read: boolean): { changed: number; folderIds: number[] };
  setFlagged(messageIds: number[], flagged: boolean): { changed: number; folderIds: number[] };
  allowRemoteContent(messageId: number, scope: 'message' | 'sender'): void;

  // search
  /** Parses the query (operators, quoted phrases, prefixes) and returns hits newest first. */
  search(query: string, offset: number, limit: number): { total: number; items: SearchHit[] };

  // mutations as persisted tasks (issue 3): a local change and its task row commit together
  readonly tasks: TaskStore;
  readonly mover: MessageMoverStore;
  /** Runs `fn` in one IMMEDIATE transaction (nested store calls become savepoints); SQL errors classified. */
  transaction<T>(fn: () => T): T;

  // profile
  counts(): { accounts: number; messages: number; dbSizeBytes: number };
  doctor(): DoctorReport;
  close(): void;
}
