import { PmsyncError } from '../../shared/errors';
import type { FolderRepository } from './folder-repository';
import type { StoredCursor, StoredUidState, RemoteFolderRow } from './imap-sync-types';
import type { MessageDeleter } from './message-deleter';
import type { StatementCache } from './statements';

interface ImapFolderRow { folder_id: number; uid_validity: number | null; highest_modseq: string | null; uid_next: number | null }

/** The local path of a server path: segments joined with '/', as the rest of the app shows folders. */
export function localPathOf(remotePath: string, delimiter: string): string {
  return delimiter && delimiter !== '/' ? remotePath.split(delimiter).join('/') : remotePath;
}

/** Folder list, cursors and UID maps of IMAP folders. */
export class ImapFolderState {
  constructor(
    private readonly stmts: StatementCache,
    private readonly folders: FolderRepository,
    private readonly deleter: MessageDeleter,
  ) {}

  applyFolders(accountId: number, remote: readonly RemoteFolderRow[]): { changedFolderIds: number[] } {
    const run = this.stmts.db.transaction(() => {
      const changed: number[] = [];
      const keep = new Set<number>();
      for (const f of remote) {
        const folderId = this.ensure(accountId, f);
        keep.add(folderId);
      }
      const known = this.stmts.get<{ folder_id: number }>('SELECT folder_id FROM imap_folders WHERE account_id = ?').all(accountId);
      for (const { folder_id: folderId } of known) {
        if (keep.has(folderId)) continue;
        // Gone on the server: its messages go first, through the deleter, so threads stay right.
        const rows = this.stmts.get<{ id: number }>('SELECT id FROM messages WHERE folder_id = ?').all(folderId).map((r) => r.id);
        this.deleter.delete(rows);
        this.stmts.get('DELETE FROM folders WHERE id = ?').run(folderId);
        changed.push(folderId);
      }
      return { changedFolderIds: changed };
    });
    return run.immediate();
  }

  /** Finds or creates the local folder of a server folder (inside the caller's transaction). */
  ensure(accountId: number, f: RemoteFolderRow): number {
    const existing = this.stmts.get<{ folder_id: number }>('SELECT folder_id FROM imap_folders WHERE account_id = ? AND remote_path = ?').get(accountId, f.path);
    if (existing) {
      this.stmts
        .get('UPDATE imap_folders SET delimiter = ?, selectable = ?, subscribed = ? WHERE folder_id = ?')
        .run(f.delimiter, f.selectable ? 1 : 0, f.subscribed ? 1 : 0, existing.folder_id);
      this.stmts.get('UPDATE folders SET role = ? WHERE id = ? AND role IS NOT ?').run(f.role, existing.folder_id, f.role);
      return existing.folder_id;
    }
    const folder = this.folders.ensureFolder(accountId, localPathOf(f.path, f.delimiter), f.role);
    const taken = this.stmts.get('SELECT 1 FROM imap_folders WHERE folder_id = ?').get(folder.id);
    if (taken) {
      throw new PmsyncError('SERVER_ERROR', `The server lists two folders that both map to "${folder.path}".`, 'Rename one of them on the server (webmail), then sync again.');
    }
    this.stmts
      .get('INSERT INTO imap_folders(folder_id, account_id, remote_path, delimiter, selectable, subscribed) VALUES (?, ?, ?, ?, ?, ?)')
      .run(folder.id, accountId, f.path, f.delimiter, f.selectable ? 1 : 0, f.subscribed ? 1 : 0);
    return folder.id;
  }

  folderId(accountId: number, path: string): number | undefined {
    return this.stmts.get<{ folder_id: number }>('SELECT folder_id FROM imap_folders WHERE account_id = ? AND remote_path = ?').get(accountId, path)?.folder_id;
  }

  /** The folder of a batch; a folder the engine syncs before listing it is created on the fly. */
  requireFolder(accountId: number, path: string): number {
    return this.folderId(accountId, path) ?? this.ensure(accountId, { path, delimiter: '/', role: path.toUpperCase() === 'INBOX' ? 'inbox' : null, subscribed: true, selectable: true });
  }

  cursor(folderId: number): StoredCursor | undefined {
    const row = this.stmts.get<ImapFolderRow>('SELECT folder_id, uid_validity, highest_modseq, uid_next FROM imap_folders WHERE folder_id = ?').get(folderId);
    if (!row || row.uid_validity === null) return undefined;
    return {
      uidValidity: BigInt(row.uid_validity),
      highestModseq: row.highest_modseq === null ? null : BigInt(row.highest_modseq),
      uidNext: row.uid_next,
    };
  }

  setCursor(folderId: number, cursor: StoredCursor): void {
    this.stmts
      .get('UPDATE imap_folders SET uid_validity = ?, highest_modseq = ?, uid_next = ? WHERE folder_id = ?')
      .run(cursor.uidValidity, cursor.highestModseq === null ? null : cursor.highestModseq.toString(), cursor.uidNext, folderId);
  }

  localUids(folderId: number): Map<number, StoredUidState> {
    const rows = this.stmts
      .get<{ uid: number; flags: string; modseq: string | null; headers_only: number; quarantined: number }>(
        'SELECT uid, flags, modseq, headers_only, message_row IS NULL AS quarantined FROM imap_messages WHERE folder_id = ?',
      )
      .all(folderId);
    const out = new Map<number, StoredUidState>();
    for (const r of rows) {
      out.set(r.uid, { flags: parseFlags(r.flags), modseq: r.modseq === null ? null : BigInt(r.modseq), headersOnly: r.headers_only === 1, quarantined: r.quarantined === 1 });
    }
    return out;
  }

  pendingBodies(folderId: number, limit: number, maxSize: number): number[] {
    return this.stmts
      .get<{ uid: number }>(
        'SELECT uid FROM imap_messages WHERE folder_id = ? AND headers_only = 1 AND message_row IS NOT NULL AND size <= ? ORDER BY uid DESC LIMIT ?',
      )
      .all(folderId, maxSize, Math.min(limit, Number.MAX_SAFE_INTEGER))
      .map((r) => r.uid);
  }
}

export function parseFlags(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
