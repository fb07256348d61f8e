import { afterEach, expect, it } from 'vitest';
import { databaseAt } from '../test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

it('0100 adds IMAP accounts, folder cursors, UID maps and quarantine, all cascading with their account', () => {
  const t = databaseAt(40);
  cleanup = t.cleanup;
  t.db.prepare("INSERT INTO accounts(id, kind, name, created_at) VALUES (1, 'imap', 'a@x.org', 1)").run();
  t.db.prepare("INSERT INTO folders(id, account_id, path, name, role) VALUES (1, 1, 'INBOX', 'INBOX', 'inbox')").run();
  t.migrateTo(100);
  expect(t.db.pragma('user_version', { simple: true })).toBe(100);
  t.db.prepare(`INSERT INTO imap_accounts(account_id, imap_host, imap_port, imap_tls, smtp_host, smtp_port, smtp_tls, user, password)
    VALUES (1, 'imap.x.org', 993, 'implicit', 'smtp.x.org', 587, 'starttls', 'a@x.org', 'secret')`).run();
  expect(() => t.db.prepare(`INSERT INTO imap_accounts(account_id, imap_host, imap_port, imap_tls, smtp_host, smtp_port, smtp_tls, user, password)
    VALUES (1, 'h', 1, 'ssl', 'h', 1, 'none', 'u', 'p')`).run()).toThrow(/CHECK|UNIQUE/);
  t.db.prepare("INSERT INTO imap_folders(folder_id, account_id, remote_path, delimiter, uid_validity, highest_modseq, uid_next) VALUES (1, 1, 'INBOX', '/', 7, '18446744073709551615', 42)").run();
  // A MODSEQ beyond 2^53 (JavaScript numbers) survives as text.
  expect(t.db.prepare('SELECT highest_modseq FROM imap_folders').pluck().get()).toBe('18446744073709551615');
  t.db.prepare("INSERT INTO imap_messages(folder_id, uid, message_row, flags) VALUES (1, 5, NULL, '[]')").run();
  t.db.prepare("INSERT INTO imap_quarantine(folder_id, uid, uid_validity, reason, created_at) VALUES (1, 5, 7, 'bad', 1)").run();
  expect(() => t.db.prepare("INSERT INTO imap_messages(folder_id, uid, flags) VALUES (1, 5, '[]')").run()).toThrow(/UNIQUE|PRIMARY/);
  t.db.prepare('DELETE FROM accounts WHERE id = 1').run();
  for (const table of ['imap_accounts', 'imap_folders', 'imap_messages', 'imap_quarantine']) {
    expect(t.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
  }
});
