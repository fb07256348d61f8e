import type { NewDavAccount, StoredDavAccount } from './dav-store-types';
import type { StatementCache } from './statements';

interface Row {
  account_id: number; name: string; server_url: string; user: string; password: string; principal_url: string | null;
  calendar_home: string | null; addressbook_home: string | null; last_sync_at: number | null;
}

const SELECT = `SELECT a.id AS account_id, a.name, d.server_url, d.user, d.password, d.principal_url, d.calendar_home,
  d.addressbook_home, d.last_sync_at FROM dav_accounts d JOIN accounts a ON a.id = d.account_id`;

function toStored(r: Row): StoredDavAccount {
  return {
    accountId: r.account_id, name: r.name, serverUrl: r.server_url, user: r.user, password: r.password,
    principalUrl: r.principal_url, calendarHome: r.calendar_home, addressBookHome: r.addressbook_home, lastSyncAt: r.last_sync_at,
  };
}

/** CalDAV/CardDAV accounts: an `accounts` row of kind 'dav' plus where and how to sign in. */
export class DavAccountRepository {
  constructor(private readonly stmts: StatementCache) {}

  /** Runs inside the caller's transaction. */
  add(a: NewDavAccount, now: number): number {
    const info = this.stmts.get("INSERT INTO accounts(kind, name, email, settings, created_at) VALUES ('dav', ?, NULL, ?, ?)")
      .run(a.name, JSON.stringify({ syncFolders: null, notifications: true, syncIntervalMinutes: 15 }), now);
    const id = Number(info.lastInsertRowid);
    this.stmts.get(`INSERT INTO dav_accounts(account_id, server_url, user, password, principal_url, calendar_home, addressbook_home)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).run(id, a.serverUrl, a.user, a.password, a.principalUrl, a.calendarHome, a.addressBookHome);
    return id;
  }

  get(accountId: number): StoredDavAccount | undefined {
    const r = this.stmts.get<Row>(`${SELECT} WHERE a.id = ?`).get(accountId);
    return r ? toStored(r) : undefined;
  }

  list(): StoredDavAccount[] {
    return this.stmts.get<Row>(`${SELECT} ORDER BY a.id`).all().map(toStored);
  }

  /** Collections, resources, conflicts and tasks go by cascade; the caller runs the indexers first. */
  remove(accountId: number): boolean {
    return this.stmts.get("DELETE FROM accounts WHERE id = ? AND kind = 'dav'").run(accountId).changes > 0;
  }

  setLastSyncAt(accountId: number, at: number): void {
    this.stmts.get('UPDATE dav_accounts SET last_sync_at = ? WHERE account_id = ?').run(at, accountId);
  }

  syncIntervalMinutes(accountId: number): number {
    const raw = this.stmts.get<{ settings: string }>('SELECT settings FROM accounts WHERE id = ?').get(accountId)?.settings;
    try {
      const v: unknown = raw ? JSON.parse(raw) : null;
      const m = v && typeof v === 'object' && 'syncIntervalMinutes' in v ? Number(v.syncIntervalMinutes) : NaN;
      return Number.isInteger(m) && m >= 1 && m <= 1440 ? m : 15;
    } catch {
      return 15;
    }
  }
}
