import { afterEach, expect, it } from 'vitest';
import { ContactsIndex } from '../contacts-index';
import { databaseAt } from '../test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

it('0160 creates the contacts index and indexes the vCards already synced, not tombstones or calendars', () => {
  const t = databaseAt(150);
  cleanup = t.cleanup;
  const account = Number(t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('dav', 'DAV', 1)").run().lastInsertRowid);
  const book = Number(t.db.prepare("INSERT INTO dav_collections(account_id, kind, url, name) VALUES (?, 'addressbook', '/ab/', 'Contacts')").run(account).lastInsertRowid);
  const cal = Number(t.db.prepare("INSERT INTO dav_collections(account_id, kind, url, name) VALUES (?, 'calendar', '/cal/', 'Cal')").run(account).lastInsertRowid);
  const put = (collection: number, href: string, data: string, deleted = 0) =>
    Number(t.db.prepare('INSERT INTO dav_resources(collection_id, href, etag, data, deleted) VALUES (?, ?, ?, ?, ?)').run(collection, href, '"e"', data, deleted).lastInsertRowid);
  const kept = put(book, '/ab/a.vcf', 'BEGIN:VCARD\r\nVERSION:4.0\r\nUID:a\r\nFN:Ada Lovelace\r\nEMAIL:ada@engine.test\r\nCATEGORIES:Math\r\nEND:VCARD\r\n');
  put(book, '/ab/gone.vcf', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Gone Person\r\nEND:VCARD\r\n', 1);
  put(cal, '/cal/e.ics', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');

  t.migrateTo(160);

  expect(t.db.pragma('user_version', { simple: true })).toBe(160);
  const index = new ContactsIndex(t.db);
  expect(index.search({ query: '', offset: 0, limit: 10 })).toEqual({
    total: 1,
    items: [{ id: kept, addressBookId: book, fullName: 'Ada Lovelace', emails: ['ada@engine.test'], organization: '', hasPhoto: false }],
  });
  expect(index.search({ query: 'love', offset: 0, limit: 10 }).total).toBe(1);
  expect(index.listGroups()).toEqual([{ name: 'Math', count: 1 }]);
  expect(t.db.pragma('foreign_key_check')).toEqual([]);
  // The index follows its source: removing the account removes the contact and its search terms.
  t.db.prepare('DELETE FROM accounts WHERE id = ?').run(account);
  expect(t.db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(0);
  expect(t.db.prepare("SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH 'ada*'").pluck().get()).toBe(0);
});
