import { afterEach, expect, it } from 'vitest';
import { databaseAt } from '../test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

it('0040 adds settings and remote-content allow-lists, dating the profile from its first account', () => {
  const t = databaseAt(30);
  cleanup = t.cleanup;
  t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('local', 'Local', 1700000000000)").run();
  t.migrateTo(40);
  expect(t.db.pragma('user_version', { simple: true })).toBe(40);
  expect(t.db.prepare("SELECT value FROM settings WHERE key = 'profile.createdAt'").pluck().get()).toBe('1700000000000');
  t.db.prepare("INSERT INTO remote_content_allow(scope, value, created_at) VALUES ('sender', 'ann@x.org', 1)").run();
  expect(() => t.db.prepare("INSERT INTO remote_content_allow(scope, value, created_at) VALUES ('domain', 'x.org', 1)").run()).toThrow(/CHECK/);
});
