import type { FolderRole } from '../../shared/api/mail';

/**
 * The narrow door through which the IMAP engine writes. The engine never runs SQL and never
 * parses MIME: it hands over raw RFC 822 bytes plus IMAP facts (UID, flags, dates, cursor).
 * The core implements this over the encrypted store (parsing with its own MIME parser);
 * `MemorySink` implements it in memory for the engine's own tests.
 *
 * Paths are the unicode mailbox paths imapflow uses (modified UTF-7 already decoded), with the
 * server's own delimiter. Every method may be synchronous or asynchronous.
 */
export interface ImapSyncSink {
  /** Replaces the folder list: folders missing from `folders` are gone on the server. */
  applyFolders(folders: RemoteFolder[]): Awaitable<void>;

  /** The committed cursor of a folder, or undefined before the first chunk of it is stored. */
  folderState(path: string): Awaitable<FolderCursor | undefined>;

  /** Every UID stored for the folder (quarantined ones included), for the UID diff. */
  localUids(path: string): Awaitable<ReadonlyMap<number, LocalMessageState>>;

  /**
   * Stores one batch and its cursor in ONE transaction: a cursor is never ahead of the rows it
   * covers, so a crash between two batches loses nothing and re-fetches at most one batch.
   *
   * - `added` for a UID already stored is an idempotent update (a retried batch after a
   *   dropped connection must not duplicate anything).
   * - `cursor.uidValidity` must equal the stored one (or the one set by `resetFolder`); if not,
   *   throw `UidValidityMismatchError` and store nothing: the rows were fetched under another
   *   UIDVALIDITY and would land on the wrong messages.
   * - A message the sink cannot take (its MIME parser fails) is kept as quarantined under its
   *   UID, so the UID diff accounts for it, and reported in the result; it never fails the batch.
   * - When the cursor is complete (`uidNext !== null`) after a `resetFolder`, messages not
   *   re-mapped by Message-ID during this sync are deleted.
   */
  applyChanges(path: string, changes: FolderChanges): Awaitable<ApplyResult>;

  /**
   * Headers-first sync: UIDs stored with `headersOnly` and `size <= maxSize`, newest first.
   * The engine fetches their bodies later in chunks.
   */
  pendingBodies(path: string, options: { limit: number; maxSize: number }): Awaitable<number[]>;

  /**
   * Replaces header-only rows with full sources. Ignores UIDs no longer stored. Same
   * UIDVALIDITY check and same quarantine rule as `applyChanges`.
   */
  applyBodies(path: string, uidValidity: bigint, bodies: FetchedBody[]): Awaitable<ApplyResult>;

  /**
   * UIDVALIDITY changed: every cached UID of the folder is meaningless. Drop the UID mapping
   * (messages stay, orphaned, so they can be re-mapped by Message-ID as the folder is fetched
   * again and nothing is applied to the wrong message) and set the cursor to
   * `{ uidValidity, highestModseq: null, uidNext: null }`.
   */
  resetFolder(path: string, uidValidity: bigint): Awaitable<void>;

  /**
   * Records a message the engine itself could not accept (a malformed FETCH response or a
   * source that is not RFC 822 at all), so the batch goes on and the UID stays accounted for.
   */
  quarantine(path: string, uidValidity: bigint, uid: number, reason: string): Awaitable<void>;
}

type Awaitable<T> = T | Promise<T>;

export interface RemoteFolder {
  /** Full unicode path, e.g. "Archive/2024" or "Café/Reçus" (server delimiter). */
  path: string;
  /** Last segment, decoded from modified UTF-7. */
  name: string;
  /** Path of the parent folder, or null at the top level. */
  parentPath: string | null;
  delimiter: string;
  role: FolderRole | null;
  subscribed: boolean;
  /** False for \Noselect / \NonExistent containers: listed for the hierarchy, never synced. */
  selectable: boolean;
}

/**
 * Where the engine is in a folder. `uidNext === null` means the folder is not complete yet
 * (initial sync or refill after a UIDVALIDITY change in progress): the engine then diffs UIDs.
 */
export interface FolderCursor {
  uidValidity: bigint;
  /** HIGHESTMODSEQ the stored rows are current to; null when incomplete or without CONDSTORE. */
  highestModseq: bigint | null;
  /** Every message with a lower UID is stored (or quarantined); null while incomplete. */
  uidNext: number | null;
}

export interface LocalMessageState {
  flags: readonly string[];
  modseq: bigint | null;
  headersOnly: boolean;
  quarantined: boolean;
}

export interface AddedMessage {
  uid: number;
  flags: string[];
  /** INTERNALDATE in milliseconds since the epoch. */
  internalDate: number;
  /** RFC822.SIZE of the full message (also when only headers were fetched). */
  size: number;
  modseq: bigint | null;
  /** The full source, or only the header block when `headersOnly`. */
  raw: Buffer;
  headersOnly: boolean;
}

export interface FlagChange {
  uid: number;
  /** The complete flag set now on the server (not a delta). */
  flags: string[];
  modseq: bigint | null;
}

export interface FolderChanges {
  added: AddedMessage[];
  flagChanges: FlagChange[];
  /** UIDs expunged on the server (or moved away). */
  vanished: number[];
  cursor: FolderCursor;
}

export interface ApplyResult {
  /** Messages the sink stored as quarantined instead of as mail, with the reason. */
  quarantined: { uid: number; reason: string }[];
}

export interface FetchedBody {
  uid: number;
  raw: Buffer;
}

/** Thrown by a sink when a batch's UIDVALIDITY is not the folder's: nothing was stored. */
export class UidValidityMismatchError extends Error {
  constructor(path: string, expected: bigint, got: bigint) {
    super(`UIDVALIDITY of "${path}" is ${expected}, batch was fetched under ${got}`);
    this.name = 'UidValidityMismatchError';
  }
}
