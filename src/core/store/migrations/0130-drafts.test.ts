import { afterEach, expect, it } from 'vitest';
import { CorrespondentRepository } from '../draft-correspondents';
import { databaseAt } from '../test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

it('0130 adds drafts, attachments and templates; existing and new mail is counted into correspondents', () => {
  const t = databaseAt(120);
  cleanup = t.cleanup;
  const account = Number(t.db.prepare("INSERT INTO accounts(kind, name, email, created_at) VALUES ('imap', 'Me', 'me@x.test', 1)").run().lastInsertRowid);
  const inbox = Number(t.db.prepare("INSERT INTO folders(account_id, path, name, role) VALUES (?, 'INBOX', 'Inbox', 'inbox')").run(account).lastInsertRowid);
  const sent = Number(t.db.prepare("INSERT INTO folders(account_id, path, name, role) VALUES (?, 'Sent', 'Sent', 'sent')").run(account).lastInsertRowid);
  const junk = Number(t.db.prepare("INSERT INTO folders(account_id, path, name, role) VALUES (?, 'Junk', 'Junk', 'junk')").run(account).lastInsertRowid);
  const thread = Number(t.db.prepare("INSERT INTO threads(account_id, subject, thread_subject, first_date, last_date) VALUES (?, 's', 's', 1, 1)").run(account).lastInsertRowid);
  const insert = t.db.prepare(
    `INSERT INTO messages(account_id, folder_id, thread_id, message_id, date, subject, from_name, from_addr, to_json, cc_json, size, imported_at)
     VALUES (?, ?, ?, ?, ?, 's', ?, ?, ?, ?, 1, 1)`,
  );
  insert.run(account, inbox, thread, 'a@x', 10, 'Ann', 'Ann@Example.org', '[{"name":"Me","address":"me@x.test"}]', '[]');
  insert.run(account, inbox, thread, 'b@x', 20, 'Ann', 'ann@example.org', '[]', '[]');
  insert.run(account, junk, thread, 'j@x', 25, 'Spam', 'spam@example.org', '[]', '[]');
  insert.run(account, sent, thread, 'c@x', 30, 'Me', 'me@x.test', '[{"name":"Bob B","address":"bob@example.org"}]', '[{"name":"","address":"dora@example.org"}]');

  t.migrateTo(130);

  expect(t.db.pragma('user_version', { simple: true })).toBe(130);
  const corr = new CorrespondentRepository(t.db);
  const rows = () => t.db.prepare('SELECT address, name, sent_count, received_count, last_at FROM correspondents ORDER BY address').all();
  expect(corr.catchUp(2)).toBe(2); // bounded: two messages counted, two left
  expect(corr.catchUp(100)).toBe(0);
  expect(rows()).toEqual([
    { address: 'ann@example.org', name: 'Ann', sent_count: 0, received_count: 2, last_at: 20 },
    { address: 'bob@example.org', name: 'Bob B', sent_count: 1, received_count: 0, last_at: 30 },
    { address: 'dora@example.org', name: '', sent_count: 1, received_count: 0, last_at: 30 },
  ]);
  // New mail: a sent message counts its recipients; an outbox row counts its envelope, and its
  // Sent copy synced back later is not counted twice.
  insert.run(account, sent, thread, 'd@x', 40, 'Me', 'me@x.test', '[{"name":"Ann A","address":"ANN@example.org"},{"name":"","address":"nobody"}]', '[]');
  t.db.prepare(
    "INSERT INTO outbox(account_id, message_id, raw, envelope_from, envelope_to, state, due_at, created_at, updated_at) VALUES (?, '<e@x>', x'00', 'me@x.test', '[\"carl@example.org\",\"bob@example.org\"]', 'queued', 0, 50, 50)",
  ).run(account);
  insert.run(account, sent, thread, 'e@x', 50, 'Me', 'me@x.test', '[{"name":"","address":"carl@example.org"}]', '[]');
  expect(corr.catchUp(100)).toBe(0);
  expect(rows()).toEqual([
    { address: 'ann@example.org', name: 'Ann A', sent_count: 1, received_count: 2, last_at: 40 },
    { address: 'bob@example.org', name: 'Bob B', sent_count: 2, received_count: 0, last_at: 50 },
    { address: 'carl@example.org', name: '', sent_count: 1, received_count: 0, last_at: 50 },
    { address: 'dora@example.org', name: '', sent_count: 1, received_count: 0, last_at: 30 },
  ]);
  expect(corr.match('an', 5, ['me@x.test']).map((r) => r.address)).toEqual(['ann@example.org']);
  expect(corr.match('example.org', 2, []).map((r) => r.address)).toEqual(['bob@example.org', 'ann@example.org']);

  const draft = Number(t.db.prepare(
    "INSERT INTO drafts(account_id, message_id, mode, remote_state, created_at, updated_at) VALUES (?, '<d1@x.test>', 'new', 'pending', 1, 1)",
  ).run(account).lastInsertRowid);
  t.db.prepare("INSERT INTO draft_attachments(draft_id, filename, content_type, size, content, created_at) VALUES (?, 'a.bin', 'application/octet-stream', 3, x'010203', 1)").run(draft);
  expect(() => t.db.prepare("INSERT INTO drafts(account_id, message_id, mode, remote_state, created_at, updated_at) VALUES (?, '<d1@x.test>', 'new', 'pending', 1, 1)").run(account)).toThrow(/UNIQUE/);
  expect(() => t.db.prepare("INSERT INTO drafts(account_id, message_id, mode, remote_state, created_at, updated_at) VALUES (?, '<d2@x.test>', 'draft', 'pending', 1, 1)").run(account)).toThrow(/CHECK/);
  t.db.prepare("INSERT INTO templates(name, subject, html, created_at, updated_at) VALUES ('Hi', 's', '<p>x</p>', 1, 1)").run();
  t.db.prepare('DELETE FROM accounts WHERE id = ?').run(account);
  expect(t.db.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(0);
  expect(t.db.prepare('SELECT count(*) FROM draft_attachments').pluck().get()).toBe(0);
  expect(t.db.prepare('SELECT count(*) FROM templates').pluck().get()).toBe(1);
});
