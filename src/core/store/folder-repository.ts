import { PmsyncError } from '../../shared/errors';
import type { Account, Folder, FolderRole } from '../../shared/api/mail';
import type { StatementCache } from './statements';

interface AccountRow { id: number; kind: 'local' | 'imap'; name: string; email: string | null }
interface FolderRow { id: number; account_id: number; name: string; path: string; role: FolderRole | null; unread_count: number; total_count: number }

const FOLDER_COLUMNS = 'id, account_id, name, path, role, unread_count, total_count';
// Well-known folders first, in the order mail clients show them; the rest by path.
const ROLE_ORDER = `CASE role WHEN 'inbox' THEN 0 WHEN 'flagged' THEN 1 WHEN 'drafts' THEN 2 WHEN 'sent' THEN 3
  WHEN 'all' THEN 4 WHEN 'archive' THEN 5 WHEN 'junk' THEN 6 WHEN 'trash' THEN 7 ELSE 8 END`;

function toAccount(r: AccountRow): Account {
  return { id: r.id, kind: r.kind, name: r.name, email: r.email };
}

function toFolder(r: FolderRow): Folder {
  return { id: r.id, accountId: r.account_id, name: r.name, path: r.path, role: r.role, unreadCount: r.unread_count, totalCount: r.total_count };
}

export function notFound(what: string): PmsyncError {
  return new PmsyncError('NOT_FOUND', `${what} does not exist (it may have been deleted).`, 'Refresh the view and try again.');
}

/** Accounts and folders, including the per-folder counters other writes maintain. */
export class FolderRepository {
  constructor(private readonly stmts: StatementCache) {}

  listAccounts(): Account[] {
    // Mail accounts only: CalDAV/CardDAV accounts (kind 'dav', issue 5) are listed by accounts.listDav.
    return this.stmts.get<AccountRow>("SELECT id, kind, name, email FROM accounts WHERE kind IN ('local', 'imap') ORDER BY id").all().map(toAccount);
  }

  ensureLocalAccount(): Account {
    const existing = this.stmts.get<AccountRow>("SELECT id, kind, name, email FROM accounts WHERE kind = 'local' ORDER BY id LIMIT 1").get();
    if (existing) return toAccount(existing);
    const create = this.stmts.db.transaction((): Account => {
      const info = this.stmts.get("INSERT INTO accounts(kind, name, email, created_at) VALUES ('local', 'Local Folders', NULL, ?)").run(Date.now());
      const id = Number(info.lastInsertRowid);
      this.ensureFolder(id, 'Inbox', 'inbox');
      return { id, kind: 'local', name: 'Local Folders', email: null };
    });
    return create.immediate();
  }

  listFolders(accountId?: number): Folder[] {
    const sql = `SELECT ${FOLDER_COLUMNS} FROM folders ${accountId === undefined ? '' : 'WHERE account_id = ?'} ORDER BY account_id, ${ROLE_ORDER}, path`;
    const stmt = this.stmts.get<FolderRow>(sql);
    return (accountId === undefined ? stmt.all() : stmt.all(accountId)).map(toFolder);
  }

  getFolder(id: number): Folder | undefined {
    const row = this.stmts.get<FolderRow>(`SELECT ${FOLDER_COLUMNS} FROM folders WHERE id = ?`).get(id);
    return row ? toFolder(row) : undefined;
  }

  ensureFolder(accountId: number, path: string, role: FolderRole | null = null): Folder {
    const clean = path.split('/').map((s) => s.trim()).filter((s) => s !== '').join('/');
    if (clean === '' || clean.length > 1000) {
      throw new PmsyncError('INVALID_INPUT', `"${path.slice(0, 80)}" is not a usable folder path.`, 'Use a name such as "Archive/2024".');
    }
    const found = this.stmts.get<FolderRow>(`SELECT ${FOLDER_COLUMNS} FROM folders WHERE account_id = ? AND path = ?`).get(accountId, clean);
    if (found) {
      if (role && found.role !== role) {
        this.stmts.get('UPDATE folders SET role = ? WHERE id = ?').run(role, found.id);
        return toFolder({ ...found, role });
      }
      return toFolder(found);
    }
    if (!this.stmts.get('SELECT 1 FROM accounts WHERE id = ?').get(accountId)) throw notFound(`Account ${accountId}`);
    const name = clean.slice(clean.lastIndexOf('/') + 1);
    const info = this.stmts.get('INSERT INTO folders(account_id, path, name, role) VALUES (?, ?, ?, ?)').run(accountId, clean, name, role);
    return { id: Number(info.lastInsertRowid), accountId, name, path: clean, role, unreadCount: 0, totalCount: 0 };
  }

  accountOfFolder(folderId: number): number {
    const row = this.stmts.get<{ account_id: number }>('SELECT account_id FROM folders WHERE id = ?').get(folderId);
    if (!row) throw notFound(`Folder ${folderId}`);
    return row.account_id;
  }

  addToCounts(folderId: number, total: number, unread: number): void {
    if (total === 0 && unread === 0) return;
    this.stmts.get('UPDATE folders SET total_count = total_count + ?, unread_count = unread_count + ? WHERE id = ?').run(total, unread, folderId);
  }
}
