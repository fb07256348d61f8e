import { afterEach, expect, it } from 'vitest';
import { databaseAt } from '../test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

it('0020 adds message tables next to existing accounts and folders', () => {
  const t = databaseAt(10);
  cleanup = t.cleanup;
  const account = t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('local', 'Local', 1)").run().lastInsertRowid;
  const folder = t.db.prepare("INSERT INTO folders(account_id, path, name) VALUES (?, 'Inbox', 'Inbox')").run(account).lastInsertRowid;
  t.migrateTo(20);
  expect(t.db.pragma('user_version', { simple: true })).toBe(20);
  expect(t.db.prepare('SELECT name FROM folders WHERE id = ?').pluck().get(folder)).toBe('Inbox');
  const thread = t.db.prepare("INSERT INTO threads(account_id, subject, thread_subject, first_date, last_date) VALUES (?, 'Hi', 'hi', 1, 1)").run(account).lastInsertRowid;
  const insert = t.db.prepare(
    "INSERT INTO messages(account_id, folder_id, thread_id, message_id, date, subject, size, imported_at) VALUES (?, ?, ?, 'a@b', 1, 'Hi', 10, 1)",
  );
  const message = insert.run(account, folder, thread).lastInsertRowid;
  expect(() => insert.run(account, folder, thread)).toThrow(/UNIQUE/); // same folder, Message-ID and size
  t.db.prepare("INSERT INTO attachments(message_id, filename, content_type, size, content) VALUES (?, 'a.txt', 'text/plain', 1, x'41')").run(message);
  // Deleting the folder cascades to its messages and their attachments.
  t.db.prepare('DELETE FROM folders WHERE id = ?').run(folder);
  expect(t.db.prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(0);
  const plan = t.db.prepare('EXPLAIN QUERY PLAN SELECT * FROM thread_folders WHERE folder_id = 1 ORDER BY last_date DESC LIMIT 50').all() as { detail: string }[];
  expect(plan.map((p) => p.detail).join(' ')).toContain('thread_folders_by_date');
});
