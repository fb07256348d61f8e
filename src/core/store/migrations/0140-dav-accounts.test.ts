import { afterEach, expect, it } from 'vitest';
import { databaseAt } from '../test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

it('0140 lets accounts hold DAV accounts and keeps every mail row and reference', () => {
  const t = databaseAt(120);
  cleanup = t.cleanup;
  const account = Number(t.db.prepare("INSERT INTO accounts(kind, name, email, settings, created_at) VALUES ('imap', 'Work', 'w@x.test', '{\"a\":1}', 7)").run().lastInsertRowid);
  const folder = Number(t.db.prepare("INSERT INTO folders(account_id, path, name, role) VALUES (?, 'INBOX', 'Inbox', 'inbox')").run(account).lastInsertRowid);
  t.db.prepare("INSERT INTO tasks(kind, account_id, payload, next_attempt_at, created_at, updated_at) VALUES ('x', ?, '{}', 0, 0, 0)").run(account);
  expect(() => t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('dav', 'Cal', 1)").run()).toThrow(/CHECK/);

  t.migrateTo(140);

  expect(t.db.pragma('user_version', { simple: true })).toBe(140);
  expect(t.db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(t.db.prepare('SELECT id, kind, name, email, settings, created_at FROM accounts').all()).toEqual([
    { id: account, kind: 'imap', name: 'Work', email: 'w@x.test', settings: '{"a":1}', created_at: 7 },
  ]);
  expect(t.db.prepare('SELECT id FROM folders').pluck().all()).toEqual([folder]);
  expect(t.db.prepare('SELECT count(*) FROM tasks').pluck().get()).toBe(1);
  const dav = Number(t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('dav', 'Cal', 1)").run().lastInsertRowid);
  expect(dav).toBeGreaterThan(account);
  expect(() => t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('pop', 'x', 1)").run()).toThrow(/CHECK/);
  // References still point at the rebuilt table: deleting the account still cascades.
  t.db.prepare('DELETE FROM accounts WHERE id = ?').run(account);
  expect(t.db.prepare('SELECT count(*) FROM folders').pluck().get()).toBe(0);
  expect(t.db.prepare('SELECT count(*) FROM tasks').pluck().get()).toBe(0);
  expect(t.db.pragma('foreign_key_check')).toEqual([]);
});
