import { PmsyncError } from '../../../../shared/errors';
import { RemoteRefusedError, type RemoteMailbox, type RemoteMoveResult } from '../remote-mailbox';

interface RemoteFolderState { uidValidity: string; uidNext: number; flags: Map<number, Set<string>> }

export type RemoteCall = { op: 'setFlags' | 'move' | 'expunge' | 'ensureFolder'; args: unknown[] };

/**
 * A small in-memory IMAP server model for the queue's unit tests: folders with UIDVALIDITY and
 * UIDs, MOVE with a UID map, offline mode (transient errors) and scripted refusals. The real
 * engine against Dovecot is tested in imap-tasks.dovecot.test.ts.
 */
export class ScriptedRemote implements RemoteMailbox {
  readonly folders = new Map<string, RemoteFolderState>();
  readonly calls: RemoteCall[] = [];
  offline = false;
  /** Errors the next calls throw, in order (after the offline check). */
  readonly failures: Error[] = [];

  addFolder(path: string, uids: number[], uidValidity = '1000'): void {
    this.folders.set(path, { uidValidity, uidNext: Math.max(0, ...uids) + 1, flags: new Map(uids.map((u) => [u, new Set<string>()])) });
  }

  async setFlags(accountId: number, folderPath: string, uidValidity: string, uids: number[], flags: string[], op: 'add' | 'remove'): Promise<void> {
    const f = this.enter('setFlags', [accountId, folderPath, uidValidity, uids, flags, op], folderPath, uidValidity);
    for (const uid of uids) for (const flag of flags) f.flags.get(uid)?.[op === 'add' ? 'add' : 'delete'](flag);
  }

  async move(accountId: number, fromPath: string, uidValidity: string, uids: number[], toPath: string): Promise<RemoteMoveResult> {
    const from = this.enter('move', [accountId, fromPath, uidValidity, uids, toPath], fromPath, uidValidity);
    const to = this.folders.get(toPath);
    if (!to) throw new RemoteRefusedError(`NO [TRYCREATE] Mailbox doesn't exist: ${toPath}`);
    const uidMap = new Map<number, number>();
    for (const uid of uids) {
      const flags = from.flags.get(uid);
      if (!flags) continue;
      from.flags.delete(uid);
      const next = to.uidNext++;
      to.flags.set(next, flags);
      uidMap.set(uid, next);
    }
    return { uidMap, destinationUidValidity: to.uidValidity };
  }

  async expunge(accountId: number, folderPath: string, uidValidity: string, uids: number[]): Promise<void> {
    const f = this.enter('expunge', [accountId, folderPath, uidValidity, uids], folderPath, uidValidity);
    for (const uid of uids) f.flags.delete(uid);
  }

  async ensureFolder(accountId: number, path: string): Promise<void> {
    this.enter('ensureFolder', [accountId, path], null, null);
    if (!this.folders.has(path)) this.addFolder(path, [], '2000');
  }

  private enter(op: RemoteCall['op'], args: unknown[], path: string | null, uidValidity: string | null): RemoteFolderState {
    if (this.offline) throw new PmsyncError('CONNECTION_REFUSED', '127.0.0.1:1 refused the connection.');
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.calls.push({ op, args });
    if (path === null) return { uidValidity: '', uidNext: 0, flags: new Map() };
    const f = this.folders.get(path);
    if (!f) throw new RemoteRefusedError(`NO [NONEXISTENT] Mailbox doesn't exist: ${path}`);
    if (uidValidity !== f.uidValidity) throw new RemoteRefusedError(`UIDVALIDITY of ${path} changed`);
    return f;
  }
}
