import { afterEach, expect, it } from 'vitest';
import { databaseAt } from '../test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

it('0010 creates accounts and folders with unique paths per account', () => {
  const t = databaseAt(0);
  cleanup = t.cleanup;
  expect(t.db.pragma('user_version', { simple: true })).toBe(0);
  t.migrateTo(10);
  expect(t.db.pragma('user_version', { simple: true })).toBe(10);
  const account = t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('imap', 'Work', 1)").run().lastInsertRowid;
  t.db.prepare("INSERT INTO folders(account_id, path, name, role) VALUES (?, 'INBOX', 'INBOX', 'inbox')").run(account);
  expect(() => t.db.prepare("INSERT INTO folders(account_id, path, name) VALUES (?, 'INBOX', 'x')").run(account)).toThrow(/UNIQUE/);
  expect(() => t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('pop', 'x', 1)").run()).toThrow(/CHECK/);
  expect(() => t.db.prepare("INSERT INTO folders(account_id, path, name) VALUES (999, 'x', 'x')").run()).toThrow(/FOREIGN KEY/);
  expect(t.db.prepare('SELECT unread_count, total_count FROM folders').get()).toEqual({ unread_count: 0, total_count: 0 });
});
