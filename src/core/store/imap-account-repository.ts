import { AccountSettings, type ServerSettings } from '../../shared/api/accounts';
import type { Account } from '../../shared/api/mail';
import { notFound } from './folder-repository';
import type { NewImapAccount, StoredImapAccount } from './imap-sync-types';
import type { StatementCache } from './statements';

interface ImapAccountRow {
  account_id: number; email: string | null; imap_host: string; imap_port: number; imap_tls: ServerSettings['tls'];
  smtp_host: string; smtp_port: number; smtp_tls: ServerSettings['tls']; user: string; password: string;
  ca_pem: string | null; last_sync_at: number | null;
}

const DEFAULT_SETTINGS: AccountSettings = { syncFolders: null, notifications: true };

function toStored(r: ImapAccountRow): StoredImapAccount {
  return {
    accountId: r.account_id, email: r.email ?? '',
    imap: { host: r.imap_host, port: r.imap_port, tls: r.imap_tls },
    smtp: { host: r.smtp_host, port: r.smtp_port, tls: r.smtp_tls },
    user: r.user, password: r.password, caPem: r.ca_pem, lastSyncAt: r.last_sync_at,
  };
}

const SELECT = `SELECT a.id AS account_id, a.email, i.imap_host, i.imap_port, i.imap_tls, i.smtp_host, i.smtp_port, i.smtp_tls,
  i.user, i.password, i.ca_pem, i.last_sync_at FROM imap_accounts i JOIN accounts a ON a.id = i.account_id`;

/** IMAP accounts: settings and secrets (inside the encrypted database), per-account preferences. */
export class ImapAccountRepository {
  constructor(private readonly stmts: StatementCache) {}

  add(account: NewImapAccount): Account {
    const run = this.stmts.db.transaction((): Account => {
      const info = this.stmts.get("INSERT INTO accounts(kind, name, email, settings, created_at) VALUES ('imap', ?, ?, ?, ?)")
        .run(account.name, account.email, JSON.stringify(DEFAULT_SETTINGS), Date.now());
      const id = Number(info.lastInsertRowid);
      this.stmts
        .get(`INSERT INTO imap_accounts(account_id, imap_host, imap_port, imap_tls, smtp_host, smtp_port, smtp_tls, user, password, ca_pem)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(id, account.imap.host, account.imap.port, account.imap.tls, account.smtp.host, account.smtp.port, account.smtp.tls,
          account.user, account.password, account.caPem);
      return { id, kind: 'imap', name: account.name, email: account.email };
    });
    return run.immediate();
  }

  get(accountId: number): StoredImapAccount | undefined {
    const row = this.stmts.get<ImapAccountRow>(`${SELECT} WHERE a.id = ?`).get(accountId);
    return row ? toStored(row) : undefined;
  }

  list(): StoredImapAccount[] {
    return this.stmts.get<ImapAccountRow>(`${SELECT} ORDER BY a.id`).all().map(toStored);
  }

  /**
   * Everything of the account goes by cascade (folders, messages, bodies and their FTS rows via
   * the 0030 trigger, attachments, threads, sync state); threading refs have no foreign key.
   */
  remove(accountId: number): boolean {
    const run = this.stmts.db.transaction((): boolean => {
      if (!this.stmts.get('SELECT 1 FROM accounts WHERE id = ?').get(accountId)) return false;
      this.stmts.get('DELETE FROM message_refs WHERE account_id = ?').run(accountId);
      // Messages before threads: messages.thread_id references threads without a cascade.
      this.stmts.get('DELETE FROM messages WHERE account_id = ?').run(accountId);
      this.stmts.get('DELETE FROM accounts WHERE id = ?').run(accountId);
      return true;
    });
    return run.immediate();
  }

  settings(accountId: number): AccountSettings {
    const raw = this.stmts.get<{ settings: string }>('SELECT settings FROM accounts WHERE id = ?').get(accountId);
    if (!raw) throw notFound(`Account ${accountId}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.settings);
    } catch {
      parsed = {};
    }
    const merged = AccountSettings.safeParse({ ...DEFAULT_SETTINGS, ...(typeof parsed === 'object' && parsed !== null ? parsed : {}) });
    return merged.success ? merged.data : { ...DEFAULT_SETTINGS };
  }

  updateSettings(accountId: number, patch: Partial<AccountSettings>): AccountSettings {
    const run = this.stmts.db.transaction((): AccountSettings => {
      const next = AccountSettings.parse({ ...this.settings(accountId), ...patch });
      this.stmts.get('UPDATE accounts SET settings = ? WHERE id = ?').run(JSON.stringify(next), accountId);
      return next;
    });
    return run.immediate();
  }

  setLastSyncAt(accountId: number, at: number): void {
    this.stmts.get('UPDATE imap_accounts SET last_sync_at = ? WHERE account_id = ?').run(at, accountId);
  }
}
