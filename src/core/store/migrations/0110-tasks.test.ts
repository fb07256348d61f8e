import { afterEach, expect, it } from 'vitest';
import { databaseAt } from '../test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

it('0110 adds the task queue: JSON payloads, known states, rows removed with their account', () => {
  const t = databaseAt(40);
  cleanup = t.cleanup;
  const account = Number(t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('imap', 'Work', 1)").run().lastInsertRowid);
  t.migrateTo(110);
  expect(t.db.pragma('user_version', { simple: true })).toBe(110);
  const insert = t.db.prepare(
    'INSERT INTO tasks(kind, account_id, payload, state, next_attempt_at, created_at, updated_at, undo_group) VALUES (?, ?, ?, ?, 0, 0, 0, ?)',
  );
  insert.run('imap.move', account, '{"uids":[1]}', 'pending', 'g1');
  expect(() => insert.run('imap.move', account, 'not json', 'pending', null)).toThrow(/CHECK/);
  expect(() => insert.run('imap.move', account, '{}', 'sleeping', null)).toThrow(/CHECK/);
  const plan = t.db.prepare("EXPLAIN QUERY PLAN SELECT id FROM tasks WHERE account_id = ? AND state IN ('pending', 'running') ORDER BY id LIMIT 1").all(account);
  expect(JSON.stringify(plan)).toContain('tasks_open_by_account');
  t.db.prepare('DELETE FROM accounts WHERE id = ?').run(account);
  expect(t.db.prepare('SELECT count(*) FROM tasks').pluck().get()).toBe(0);
});
