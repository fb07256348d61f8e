import { PmsyncError } from '../../../shared/errors';
import type { ImapSyncEngine } from '../../../sync/imap/engine';
import { MailboxRefusedError } from '../../../sync/imap/mutations';
import { RemoteRefusedError, type RemoteMailbox, type RemoteMoveResult } from './remote-mailbox';

/** Where the engines come from: SyncSupervisor.engineFor, or (CLI) engines made on demand. */
export interface EngineSource {
  engineFor(accountId: number): ImapSyncEngine | undefined;
}

/**
 * RemoteMailbox over the account's ImapSyncEngine: the engine runs the command on its sync
 * connection (or a short-lived one under its connection cap) and asks for a sync of what changed.
 */
export class EngineRemoteMailbox implements RemoteMailbox {
  constructor(private readonly engines: EngineSource) {}

  async setFlags(accountId: number, folderPath: string, uidValidity: string, uids: number[], flags: string[], op: 'add' | 'remove'): Promise<void> {
    const edit = op === 'add' ? { add: flags } : { remove: flags };
    await refusals(() => this.engine(accountId).setFlags(folderPath, uids, edit, { expectUidValidity: BigInt(uidValidity) }));
  }

  async move(accountId: number, fromPath: string, uidValidity: string, uids: number[], toPath: string): Promise<RemoteMoveResult> {
    const r = await refusals(() => this.engine(accountId).moveReporting(fromPath, uids, toPath, { expectUidValidity: BigInt(uidValidity) }));
    return { uidMap: r.uidMap, destinationUidValidity: r.uidValidity === undefined ? null : String(r.uidValidity) };
  }

  async expunge(accountId: number, folderPath: string, uidValidity: string, uids: number[]): Promise<void> {
    await refusals(() => this.engine(accountId).expunge(folderPath, uids, { expectUidValidity: BigInt(uidValidity) }));
  }

  async ensureFolder(accountId: number, path: string): Promise<void> {
    await refusals(() => this.engine(accountId).ensureMailbox(path));
  }

  private engine(accountId: number): ImapSyncEngine {
    const engine = this.engines.engineFor(accountId);
    // Transient: the account is not connected (stopped, or being restarted); the task waits.
    if (!engine) throw new PmsyncError('CONNECTION_LOST', `Account ${accountId} is not connected right now.`, 'The change is kept and sent when the account syncs again.');
    return engine;
  }
}

async function refusals<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof MailboxRefusedError) throw new RemoteRefusedError(err.message, err.hint);
    throw err;
  }
}
