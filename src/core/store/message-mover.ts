import { PmsyncError } from '../../shared/errors';
import type { FolderRepository } from './folder-repository';
import { MessageDeleter } from './message-deleter';
import { jsonIds, type StatementCache } from './statements';
import type { ThreadSummaries } from './thread-summaries';

export interface LocatedMessage {
  id: number;
  accountId: number;
  folderId: number;
  unread: boolean;
  flagged: boolean;
}

export interface MoveRequest {
  id: number;
  toFolderId: number;
}

export interface MovedMessage {
  id: number;
  accountId: number;
  fromFolderId: number;
  toFolderId: number;
  /** True when the destination already held an identical copy and this row was merged into it. */
  merged: boolean;
}

/** Where a stored message lives on its IMAP server (tables of migration 0100). */
export interface RemoteRef {
  messageId: number;
  /** The local folder row that mirrors the remote mailbox the UID belongs to. */
  folderId: number;
  remotePath: string;
  /** Decimal text (task payloads are JSON); null before the folder's first sync. */
  uidValidity: string | null;
  uid: number;
}

export interface RemoteFolderInfo {
  folderId: number;
  remotePath: string;
  uidValidity: string | null;
  delimiter: string;
}

/** Local moves and deletions, and the remote identity (folder, UID) of IMAP messages. */
export interface MessageMoverStore {
  locate(ids: readonly number[]): LocatedMessage[];
  /** Moves rows between folders of their own account; folder counts and thread summaries follow. */
  move(requests: readonly MoveRequest[]): MovedMessage[];
  /** Deletes rows for good (bodies, attachments and FTS rows go with them). */
  deleteForGood(ids: readonly number[]): { deleted: number; folderIds: number[] };
  remoteRefs(ids: readonly number[]): RemoteRef[];
  remoteFolder(folderId: number): RemoteFolderInfo | undefined;
  /** The hierarchy delimiter the account's server uses, from any synced folder. */
  remoteDelimiter(accountId: number): string | undefined;
  /**
   * After a remote MOVE of `uids` out of `fromFolderId`: each UID's mapping moves to its new UID
   * in `toFolderId` (uidMap, from UIDPLUS). Without a new UID, or when the destination's
   * UIDVALIDITY is not the one the server reported, the row is left unmapped in the destination
   * for the sync to adopt by Message-ID; nothing keeps pointing at the old UID either way.
   */
  applyRemoteMove(fromFolderId: number, toFolderId: number, uids: readonly number[], uidMap: ReadonlyMap<number, number>, destUidValidity: string | null): void;
  /**
   * A message deleted for good locally before its UID EXPUNGE ran: its UIDs stay accounted for
   * as placeholders (message_row NULL, like a quarantined UID) so a sync meanwhile does not
   * fetch it again. The UID vanishing on the server removes the placeholder.
   */
  holdExpungedUids(refs: readonly RemoteRef[]): void;
  /** The expunge was refused for good: drop the placeholders so the next sync brings the mail back. */
  releaseExpungedUids(folderId: number, uids: readonly number[]): void;
}

interface LocateRow { id: number; account_id: number; folder_id: number; thread_id: number; unread: number; flagged: number; message_id: string; size: number }

export class MessageMover implements MessageMoverStore {
  constructor(
    private readonly stmts: StatementCache,
    private readonly folders: FolderRepository,
    private readonly summaries: ThreadSummaries,
  ) {
    this.deleter = new MessageDeleter(stmts, summaries);
  }

  private readonly deleter: MessageDeleter;

  locate(ids: readonly number[]): LocatedMessage[] {
    return this.rows(ids).map((r) => ({ id: r.id, accountId: r.account_id, folderId: r.folder_id, unread: r.unread === 1, flagged: r.flagged === 1 }));
  }

  move(requests: readonly MoveRequest[]): MovedMessage[] {
    const rows = new Map(this.rows(requests.map((r) => r.id)).map((r) => [r.id, r]));
    const destAccount = new Map<number, number>();
    const accountOf = (folderId: number): number => {
      let a = destAccount.get(folderId);
      if (a === undefined) {
        a = this.folders.accountOfFolder(folderId);
        destAccount.set(folderId, a);
      }
      return a;
    };
    const moved: MovedMessage[] = [];
    const threads = new Set<number>();
    for (const req of requests) {
      const row = rows.get(req.id);
      if (!row || row.folder_id === req.toFolderId) continue;
      if (accountOf(req.toFolderId) !== row.account_id) {
        throw new PmsyncError('INVALID_INPUT', 'Messages can only be moved between folders of the same account.', 'Pick a folder of the account the message belongs to.');
      }
      const twin = this.stmts
        .get<{ id: number }>('SELECT id FROM messages WHERE folder_id = ? AND message_id = ? AND size = ?')
        .get(req.toFolderId, row.message_id, row.size);
      const unread = row.unread;
      if (twin) {
        // The destination already holds this exact message (dedupe key of 0020): keep one copy.
        this.deleter.delete([row.id]);
      } else {
        this.stmts.get('UPDATE messages SET folder_id = ? WHERE id = ?').run(req.toFolderId, row.id);
        this.folders.addToCounts(row.folder_id, -1, -unread);
        this.folders.addToCounts(req.toFolderId, 1, unread);
      }
      threads.add(row.thread_id);
      moved.push({ id: row.id, accountId: row.account_id, fromFolderId: row.folder_id, toFolderId: req.toFolderId, merged: !!twin });
      row.folder_id = req.toFolderId;
    }
    this.summaries.refresh(threads);
    return moved;
  }

  deleteForGood(ids: readonly number[]): { deleted: number; folderIds: number[] } {
    return this.deleter.delete(ids);
  }

  remoteRefs(ids: readonly number[]): RemoteRef[] {
    return this.stmts
      .get<{ message_row: number; folder_id: number; uid: number; remote_path: string; uid_validity: number | null }>(
        `SELECT im.message_row, im.folder_id, im.uid, f.remote_path, f.uid_validity
         FROM imap_messages im JOIN imap_folders f ON f.folder_id = im.folder_id
         WHERE im.message_row IN (SELECT value FROM json_each(?)) ORDER BY im.folder_id, im.uid`,
      )
      .all(jsonIds(ids))
      .map((r) => ({
        messageId: r.message_row, folderId: r.folder_id, remotePath: r.remote_path, uid: r.uid,
        uidValidity: r.uid_validity === null ? null : String(r.uid_validity),
      }));
  }

  remoteFolder(folderId: number): RemoteFolderInfo | undefined {
    const r = this.stmts
      .get<{ remote_path: string; uid_validity: number | null; delimiter: string }>('SELECT remote_path, uid_validity, delimiter FROM imap_folders WHERE folder_id = ?')
      .get(folderId);
    return r ? { folderId, remotePath: r.remote_path, delimiter: r.delimiter, uidValidity: r.uid_validity === null ? null : String(r.uid_validity) } : undefined;
  }

  remoteDelimiter(accountId: number): string | undefined {
    return this.stmts
      .get<{ delimiter: string }>("SELECT delimiter FROM imap_folders WHERE account_id = ? AND delimiter != '' LIMIT 1")
      .get(accountId)?.delimiter;
  }

  applyRemoteMove(fromFolderId: number, toFolderId: number, uids: readonly number[], uidMap: ReadonlyMap<number, number>, destUidValidity: string | null): void {
    const dest = this.remoteFolder(toFolderId);
    const sameEpoch = destUidValidity !== null && (dest === undefined || dest.uidValidity === null || dest.uidValidity === destUidValidity);
    for (const uid of uids) {
      const old = this.stmts
        .get<{ message_row: number | null; flags: string; headers_only: number; size: number }>(
          'DELETE FROM imap_messages WHERE folder_id = ? AND uid = ? RETURNING message_row, flags, headers_only, size',
        )
        .get(fromFolderId, uid);
      if (!old || old.message_row === null) continue;
      const newUid = uidMap.get(uid);
      if (newUid !== undefined && sameEpoch) {
        this.stmts
          .get('INSERT OR REPLACE INTO imap_messages(folder_id, uid, message_row, flags, modseq, headers_only, size) VALUES (?, ?, ?, ?, NULL, ?, ?)')
          .run(toFolderId, newUid, old.message_row, old.flags, old.headers_only, old.size);
      }
      // Otherwise the row stays unmapped in its (already local) destination folder, and the
      // sync adopts it when it sees the new UID with the same Message-ID (I3a's sink rule).
    }
  }

  holdExpungedUids(refs: readonly RemoteRef[]): void {
    const keep = this.stmts.get('INSERT OR IGNORE INTO imap_messages(folder_id, uid, message_row, flags, modseq, headers_only, size) VALUES (?, ?, NULL, \'[]\', NULL, 0, 0)');
    for (const r of refs) keep.run(r.folderId, r.uid);
  }

  releaseExpungedUids(folderId: number, uids: readonly number[]): void {
    this.stmts
      .get('DELETE FROM imap_messages WHERE folder_id = ? AND message_row IS NULL AND uid IN (SELECT value FROM json_each(?))')
      .run(folderId, jsonIds(uids));
  }

  private rows(ids: readonly number[]): LocateRow[] {
    if (ids.length === 0) return [];
    return this.stmts
      .get<LocateRow>(
        `SELECT id, account_id, folder_id, thread_id, unread, flagged, message_id, size FROM messages
         WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
      )
      .all(jsonIds(ids));
  }
}
