import crypto from 'node:crypto';
import type { Account, Folder, FolderRole } from '../../../shared/api/mail';
import { PmsyncError } from '../../../shared/errors';
import { systemClock, type Clock } from '../../../sync/imap/clock';
import type { EventHub } from '../../events';
import type { MovedMessage } from '../../store/message-mover';
import type { ProfileStore } from '../../store/types';
import { TASK_KINDS, type ExpungePayload, type FlagsPayload, type MovePayload } from './imap-task-kinds';
import type { TaskQueue } from './task-queue';
import { UndoRegistry } from './undo-registry';

export interface MutationResult {
  changed: number;
  undoToken: string | null;
}

export interface MailMutationsDeps {
  store: ProfileStore;
  events: EventHub;
  queue: TaskQueue;
  clock?: Clock;
  undoTtlMs?: number;
}

type MoveLabel = MovePayload['label'];

/**
 * Mail mutations, Mailspring-style: the local change and the task that carries it to the server
 * commit in one store transaction, the UI sees the change at once (mail.changed), and the task
 * queue does the remote step later. The Local Folders account has no remote step, so no task.
 */
export class MailMutations {
  private readonly store: ProfileStore;
  private readonly events: EventHub;
  private readonly queue: TaskQueue;
  private readonly clock: Clock;
  private readonly undo: UndoRegistry;

  constructor(d: MailMutationsDeps) {
    this.store = d.store;
    this.events = d.events;
    this.queue = d.queue;
    this.clock = d.clock ?? systemClock;
    this.undo = new UndoRegistry(this.clock, d.undoTtlMs);
  }

  setRead(messageIds: number[], read: boolean): { changed: number } {
    return this.setFlag(messageIds, 'seen', read);
  }

  setFlagged(messageIds: number[], flagged: boolean): { changed: number } {
    return this.setFlag(messageIds, 'flagged', flagged);
  }

  move(messageIds: number[], toFolderId: number): MutationResult {
    const dest = this.store.getFolder(toFolderId);
    if (!dest) throw new PmsyncError('NOT_FOUND', `No folder ${toFolderId} in this profile.`, 'It may have been deleted; refresh the folder list.');
    return this.moveAll(messageIds.map((id) => ({ id, toFolderId })), 'move');
  }

  /** To each account's archive folder ("Archive" is made when the account has none). */
  archive(messageIds: number[]): MutationResult {
    const located = this.store.mover.locate(messageIds);
    const targets = this.store.transaction(() => new Map([...new Set(located.map((m) => m.accountId))].map((a) => [a, this.roleFolder(a, 'archive', 'Archive')])));
    return this.moveAll(located.map((m) => ({ id: m.id, toFolderId: targets.get(m.accountId)?.id ?? m.folderId })), 'archive');
  }

  /** To each account's Trash; what already is in Trash is deleted for good (no undo for that part). */
  delete(messageIds: number[]): MutationResult {
    const located = this.store.mover.locate(messageIds);
    const roles = new Map(this.store.listFolders().map((f) => [f.id, f.role]));
    const forGood = located.filter((m) => roles.get(m.folderId) === 'trash').map((m) => m.id);
    const toTrash = located.filter((m) => roles.get(m.folderId) !== 'trash');
    const removed = forGood.length > 0 ? this.deleteForGood(forGood) : 0;
    if (toTrash.length === 0) return { changed: removed, undoToken: null };
    const trash = this.store.transaction(() => new Map([...new Set(toTrash.map((m) => m.accountId))].map((a) => [a, this.roleFolder(a, 'trash', 'Trash')])));
    const moved = this.moveAll(toTrash.map((m) => ({ id: m.id, toFolderId: trash.get(m.accountId)?.id ?? m.folderId })), 'delete');
    return { changed: moved.changed + removed, undoToken: moved.undoToken };
  }

  /**
   * Before the remote step ran: the task is cancelled and the messages go back locally. After it
   * ran: they go back locally and a reverse move is queued. A step in flight is waited for.
   */
  async undoAction(token: string): Promise<{ changed: number }> {
    const entry = this.undo.take(token);
    const accounts = new Set(entry.moves.map((m) => m.accountId));
    while (this.store.tasks.byGroup(entry.group).some((t) => this.queue.isRunning(t.id))) await this.queue.settled(accounts);
    const imap = this.imapAccounts();
    const moved = this.store.transaction(() => {
      this.store.tasks.cancelPending(entry.group, this.clock.now());
      const ranRemotely = new Set(this.store.tasks.byGroup(entry.group).filter((t) => t.state === 'done').map((t) => t.accountId));
      const remoteHere = new Set(this.store.mover.remoteRefs(entry.moves.map((m) => m.id)).filter((r) => entry.moves.some((m) => m.id === r.messageId && m.to === r.folderId)).map((r) => r.messageId));
      const here = new Map(this.store.mover.locate(entry.moves.map((m) => m.id)).map((l) => [l.id, l.folderId]));
      const back = entry.moves.filter((m) => here.get(m.id) === m.to);
      const result = this.store.mover.move(back.map((m) => ({ id: m.id, toFolderId: m.from })));
      // The server has them in the destination (a finished task, or a partial run before a retry): move them back there too.
      const reverse = back.filter((m) => imap.has(m.accountId) && (ranRemotely.has(m.accountId) || remoteHere.has(m.id)));
      this.queueMoves(reverse.map((m) => ({ id: m.id, accountId: m.accountId, fromFolderId: m.to, toFolderId: m.from, merged: false })), 'undo', null);
      return result;
    });
    this.queue.kick();
    this.changed(moved, 'move');
    return { changed: moved.length };
  }

  private setFlag(messageIds: number[], flag: FlagsPayload['flag'], value: boolean): { changed: number } {
    const imap = this.imapAccounts();
    const r = this.store.transaction(() => {
      const result = flag === 'seen' ? this.store.setRead(messageIds, value) : this.store.setFlagged(messageIds, value);
      if (result.changed > 0) {
        const byAccount = new Map<number, number[]>();
        for (const m of this.store.mover.locate(messageIds)) {
          if (imap.has(m.accountId)) byAccount.set(m.accountId, [...(byAccount.get(m.accountId) ?? []), m.id]);
        }
        for (const [accountId, ids] of byAccount) {
          const payload: FlagsPayload = { messageIds: ids, flag, value };
          this.store.tasks.insert({ kind: TASK_KINDS.flags, accountId, payload }, this.clock.now());
        }
      }
      return result;
    });
    if (r.changed > 0) {
      this.queue.kick();
      this.events.emit('mail.changed', { folderIds: r.folderIds, reason: 'flags' });
    }
    return { changed: r.changed };
  }

  private moveAll(requests: { id: number; toFolderId: number }[], label: MoveLabel): MutationResult {
    const group = crypto.randomUUID();
    const moved = this.store.transaction(() => {
      const result = this.store.mover.move(requests);
      this.queueMoves(result, label, group);
      return result;
    });
    if (moved.length === 0) return { changed: 0, undoToken: null };
    this.queue.kick();
    this.changed(moved, label === 'delete' ? 'delete' : 'move');
    const undoable = moved.filter((m) => !m.merged).map((m) => ({ id: m.id, accountId: m.accountId, from: m.fromFolderId, to: m.toFolderId }));
    return { changed: moved.length, undoToken: undoable.length > 0 ? this.undo.register({ group, moves: undoable }) : null };
  }

  /** One move task per IMAP account; call inside the transaction of the local move. */
  private queueMoves(moved: readonly MovedMessage[], label: MoveLabel, group: string | null): void {
    const imap = this.imapAccounts();
    const byAccount = new Map<number, MovePayload['moves']>();
    for (const m of moved) {
      if (!imap.has(m.accountId) || m.merged) continue;
      byAccount.set(m.accountId, [...(byAccount.get(m.accountId) ?? []), { id: m.id, from: m.fromFolderId, to: m.toFolderId }]);
    }
    for (const [accountId, moves] of byAccount) {
      const payload: MovePayload = { label, moves };
      this.store.tasks.insert({ kind: TASK_KINDS.move, accountId, payload, undoGroup: group }, this.clock.now());
    }
  }

  private deleteForGood(ids: number[]): number {
    const imap = this.imapAccounts();
    const accountOf = new Map(this.store.mover.locate(ids).map((m) => [m.id, m.accountId]));
    const r = this.store.transaction(() => {
      const refs = this.store.mover.remoteRefs(ids).filter((ref) => ref.uidValidity !== null && imap.has(accountOf.get(ref.messageId) ?? -1));
      const result = this.store.mover.deleteForGood(ids);
      this.store.mover.holdExpungedUids(refs);
      const byFolder = new Map<number, typeof refs>();
      for (const ref of refs) byFolder.set(ref.folderId, [...(byFolder.get(ref.folderId) ?? []), ref]);
      for (const [folderId, list] of byFolder) {
        const payload: ExpungePayload = { folderId, remotePath: list[0].remotePath, uidValidity: list[0].uidValidity ?? '', uids: list.map((x) => x.uid) };
        this.store.tasks.insert({ kind: TASK_KINDS.expunge, accountId: accountOf.get(list[0].messageId) ?? 0, payload }, this.clock.now());
      }
      return result;
    });
    if (r.deleted > 0) {
      this.queue.kick();
      this.events.emit('mail.changed', { folderIds: r.folderIds, reason: 'delete' });
    }
    return r.deleted;
  }

  /** The account's folder with `role`; made (named `name`) when the account has none. */
  private roleFolder(accountId: number, role: FolderRole, name: string): Folder {
    return this.store.listFolders(accountId).find((f) => f.role === role) ?? this.store.ensureFolder(accountId, name, role);
  }

  private imapAccounts(): Set<number> {
    return new Set(this.store.listAccounts().filter((a: Account) => a.kind === 'imap').map((a) => a.id));
  }

  private changed(moved: readonly MovedMessage[], reason: 'move' | 'delete'): void {
    const folderIds = [...new Set(moved.flatMap((m) => [m.fromFolderId, m.toFolderId]))].sort((a, b) => a - b);
    if (folderIds.length > 0) this.events.emit('mail.changed', { folderIds, reason });
  }
}
