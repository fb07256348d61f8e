import { afterEach, expect, it } from 'vitest';
import { databaseAt } from '../test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

it('0145 adds DAV accounts, collections, resources and conflicts that go with their account', () => {
  const t = databaseAt(140);
  cleanup = t.cleanup;
  const imap = Number(t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('imap', 'Mail', 1)").run().lastInsertRowid);
  t.migrateTo(145);
  expect(t.db.pragma('user_version', { simple: true })).toBe(145);

  const account = Number(t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('dav', 'Cal', 1)").run().lastInsertRowid);
  t.db.prepare("INSERT INTO dav_accounts(account_id, server_url, user, password) VALUES (?, 'http://x/', 'u', 'p')").run(account);
  const cal = Number(t.db.prepare("INSERT INTO dav_collections(account_id, kind, url, name) VALUES (?, 'calendar', 'http://x/c/', 'C')").run(account).lastInsertRowid);
  expect(() => t.db.prepare("INSERT INTO dav_collections(account_id, kind, url, name) VALUES (?, 'calendar', 'http://x/c/', 'again')").run(account)).toThrow(/UNIQUE/);
  expect(() => t.db.prepare("INSERT INTO dav_collections(account_id, kind, url, name) VALUES (?, 'todo', 'http://x/t/', 'T')").run(account)).toThrow(/CHECK/);
  const res = Number(t.db.prepare("INSERT INTO dav_resources(collection_id, href, etag, data) VALUES (?, '/c/a.ics', '\"1\"', 'BEGIN:VCALENDAR')").run(cal).lastInsertRowid);
  expect(() => t.db.prepare("INSERT INTO dav_resources(collection_id, href, data, sync_state) VALUES (?, '/c/b.ics', 'x', 'lost')").run(cal)).toThrow(/CHECK/);
  t.db.prepare("INSERT INTO dav_conflicts(resource_id, local_data, server_data, created_at) VALUES (?, 'mine', 'theirs', 5)").run(res);
  expect(t.db.prepare('SELECT sync_state, deleted, local_rev FROM dav_resources').get()).toEqual({ sync_state: 'synced', deleted: 0, local_rev: 0 });

  // Removing the account takes everything DAV with it; the mail account is untouched.
  t.db.prepare('DELETE FROM accounts WHERE id = ?').run(account);
  for (const table of ['dav_accounts', 'dav_collections', 'dav_resources', 'dav_conflicts']) {
    expect(t.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
  }
  expect(t.db.prepare('SELECT id FROM accounts').pluck().all()).toEqual([imap]);
  expect(t.db.pragma('foreign_key_check')).toEqual([]);
});
