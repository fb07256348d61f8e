import { afterEach, expect, it } from 'vitest';
import { databaseAt } from '../test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

it('0120 adds the outbox: unique Message-ID, known states, rows removed with their account', () => {
  const t = databaseAt(110);
  cleanup = t.cleanup;
  const account = Number(t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('imap', 'Work', 1)").run().lastInsertRowid);
  t.migrateTo(120);
  expect(t.db.pragma('user_version', { simple: true })).toBe(120);
  const insert = t.db.prepare(
    `INSERT INTO outbox(account_id, message_id, raw, envelope_from, envelope_to, state, due_at, created_at, updated_at)
     VALUES (?, ?, ?, 'a@x.test', ?, ?, 0, 0, 0)`,
  );
  insert.run(account, '<1@x.test>', Buffer.from('raw'), '["b@x.test"]', 'queued');
  expect(() => insert.run(account, '<1@x.test>', Buffer.from('raw'), '[]', 'queued')).toThrow(/UNIQUE/);
  expect(() => insert.run(account, '<2@x.test>', Buffer.from('raw'), 'nope', 'queued')).toThrow(/CHECK/);
  expect(() => insert.run(account, '<3@x.test>', Buffer.from('raw'), '[]', 'flying')).toThrow(/CHECK/);
  t.db.prepare('DELETE FROM accounts WHERE id = ?').run(account);
  expect(t.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
});
