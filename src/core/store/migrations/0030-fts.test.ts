import { afterEach, expect, it } from 'vitest';
import { databaseAt } from '../test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

it('0030 indexes messages stored before it and keeps the index in step afterwards', () => {
  const t = databaseAt(20);
  cleanup = t.cleanup;
  const account = t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('local', 'Local', 1)").run().lastInsertRowid;
  const folder = t.db.prepare("INSERT INTO folders(account_id, path, name) VALUES (?, 'Inbox', 'Inbox')").run(account).lastInsertRowid;
  const thread = t.db.prepare("INSERT INTO threads(account_id, subject, thread_subject, first_date, last_date) VALUES (?, 's', 's', 1, 1)").run(account).lastInsertRowid;
  const addMessage = (messageId: string, body: string, index = false): number | bigint => {
    const id = t.db.prepare(
      'INSERT INTO messages(account_id, folder_id, thread_id, message_id, date, subject, size, imported_at) VALUES (?, ?, ?, ?, 1, ?, 10, 1)',
    ).run(account, folder, thread, messageId, 'Budget').lastInsertRowid;
    t.db.prepare("INSERT INTO message_bodies(id, subject, sender, recipients, body, attachments) VALUES (?, 'Budget', 'Ann ann@x.org', '', ?, 'plan.pdf')").run(id, body);
    // New bodies are indexed by their writer, one statement per batch (see MessageWriter), not by a trigger.
    if (index) t.db.prepare('INSERT INTO message_fts(rowid, subject, sender, recipients, body, attachments) SELECT id, subject, sender, recipients, body, attachments FROM message_bodies WHERE id = ?').run(id);
    return id;
  };
  const old = addMessage('old@x', 'the walrus report');
  t.migrateTo(30);
  const match = (q: string): unknown[] => t.db.prepare('SELECT rowid FROM message_fts WHERE message_fts MATCH ?').pluck().all(q);
  expect(match('walrus')).toEqual([Number(old)]);
  expect(match('attachments : plan')).toEqual([Number(old)]);
  expect(t.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'message_bodies_fts_%' ORDER BY name").pluck().all())
    .toEqual(['message_bodies_fts_delete', 'message_bodies_fts_update']);
  const fresh = addMessage('new@x', 'a pelican note', true);
  expect(match('pelican')).toEqual([Number(fresh)]);
  expect(match('pel*')).toEqual([Number(fresh)]);
  t.db.prepare('DELETE FROM messages WHERE id = ?').run(fresh); // cascades to message_bodies, trigger removes the FTS row
  expect(match('pelican')).toEqual([]);
  t.db.prepare("UPDATE message_bodies SET body = 'the otter report' WHERE id = ?").run(old); // the update trigger re-indexes
  expect(match('walrus')).toEqual([]);
  expect(match('otter')).toEqual([Number(old)]);
  t.db.prepare("INSERT INTO message_fts(message_fts, rank) VALUES ('integrity-check', 1)").run();
});
