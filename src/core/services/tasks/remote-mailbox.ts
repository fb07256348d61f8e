import { PmsyncError } from '../../../shared/errors';

/**
 * What the task queue needs from an IMAP account (the SyncSupervisor provides it, one engine
 * per account). Paths are the server's mailbox paths. `uidValidity` is decimal text (task
 * payloads are JSON): each method checks, inside the mailbox lock, that the folder still has
 * this UIDVALIDITY and throws RemoteRefusedError when it does not — UIDs of another epoch would
 * name other messages.
 *
 * Errors: RemoteRefusedError = the server refused for good (NO [TRYCREATE] / [NONEXISTENT] /
 * [NOPERM], mailbox gone, UIDVALIDITY changed): the local change is reverted. Anything else is
 * treated as transient (offline, connection lost, timeout) and retried with backoff.
 */
export interface RemoteMailbox {
  setFlags(accountId: number, folderPath: string, uidValidity: string, uids: number[], flags: string[], op: 'add' | 'remove'): Promise<void>;
  /** MOVE (or COPY+EXPUNGE); returns old UID → new UID where the server reports it (UIDPLUS). */
  move(accountId: number, fromPath: string, uidValidity: string, uids: number[], toPath: string): Promise<RemoteMoveResult>;
  /** UID EXPUNGE of exactly these UIDs (delete for good). */
  expunge(accountId: number, folderPath: string, uidValidity: string, uids: number[]): Promise<void>;
  /** CREATE the mailbox when the server does not have it (archiving into a new "Archive"). */
  ensureFolder(accountId: number, path: string, role: 'archive' | 'trash' | null): Promise<void>;
}

export interface RemoteMoveResult {
  uidMap: Map<number, number>;
  /** UIDVALIDITY of the destination as the server reported it with the map; null when unknown. */
  destinationUidValidity: string | null;
}

/** The server said no for good; retrying the same command cannot succeed. */
export class RemoteRefusedError extends PmsyncError {
  constructor(message: string, hint = 'Refresh the folder list; if the folder still exists on the server, try again.') {
    super('SERVER_ERROR', message, hint);
    this.name = 'RemoteRefusedError';
  }
}

export type FailureKind = 'permanent' | 'server' | 'transient';

/**
 * RemoteRefusedError is permanent. A plain SERVER_ERROR (a NO whose response code the engine did
 * not keep) may be momentary ([INUSE], [UNAVAILABLE]): it is retried a few times before it counts
 * as a refusal. Connection, DNS, TLS and login problems never revert anything: the change waits.
 */
export function classifyFailure(err: unknown): FailureKind {
  if (err instanceof RemoteRefusedError) return 'permanent';
  if (err instanceof PmsyncError && err.code === 'SERVER_ERROR') return 'server';
  // Network trouble always arrives as a PmsyncError (the engine classifies it). Anything else is
  // a bug or a payload this version cannot read: retried a few times, then failed, so that it
  // never blocks the account's later tasks forever.
  if (!(err instanceof PmsyncError)) return 'server';
  return 'transient';
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Until IMAP accounts are connected (or in a core without sync): every step waits, nothing is reverted. */
export const disconnectedRemoteMailbox: RemoteMailbox = {
  setFlags: notConnected,
  move: notConnected,
  expunge: notConnected,
  ensureFolder: notConnected,
};

function notConnected(accountId: number): Promise<never> {
  return Promise.reject(new PmsyncError('CONNECTION_LOST', `Account ${accountId} is not connected right now.`, 'The change is kept and sent when the account syncs again.'));
}
