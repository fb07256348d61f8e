import { afterEach, expect, it } from 'vitest';
import { ics, WEEKLY_BERLIN } from '../../calendar/test-support/ics';
import { CalendarIndex } from '../calendar-index';
import { databaseAt } from '../test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

it('0150 creates the calendar index and indexes events already synced, not tombstones or vCards', () => {
  const t = databaseAt(145);
  cleanup = t.cleanup;
  const account = Number(t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('dav', 'DAV', 1)").run().lastInsertRowid);
  const cal = Number(t.db.prepare("INSERT INTO dav_collections(account_id, kind, url, name, color) VALUES (?, 'calendar', '/cal/', 'Cal', '#f00')").run(account).lastInsertRowid);
  const book = Number(t.db.prepare("INSERT INTO dav_collections(account_id, kind, url, name) VALUES (?, 'addressbook', '/ab/', 'AB')").run(account).lastInsertRowid);
  const put = (collection: number, href: string, data: string, deleted = 0) =>
    Number(t.db.prepare('INSERT INTO dav_resources(collection_id, href, etag, data, deleted) VALUES (?, ?, ?, ?, ?)').run(collection, href, '"e"', data, deleted).lastInsertRowid);
  const weekly = put(cal, '/cal/w.ics', WEEKLY_BERLIN);
  put(cal, '/cal/gone.ics', ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:gone', 'DTSTART:20240101T100000Z', 'END:VEVENT', 'END:VCALENDAR'), 1);
  put(cal, '/cal/bad.ics', 'garbage');
  put(book, '/ab/a.vcf', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCARD\r\n');

  t.migrateTo(150);

  expect(t.db.pragma('user_version', { simple: true })).toBe(150);
  const rows = t.db.prepare('SELECT resource_id, uid, recurrence_id, summary, start_at, end_at, recurring FROM calendar_events ORDER BY id').all();
  expect(rows).toEqual([
    { resource_id: weekly, uid: 'weekly-1@test', recurrence_id: null, summary: 'Standup', start_at: Date.UTC(2024, 2, 11, 9), end_at: Date.UTC(2024, 3, 15, 8, 30), recurring: 1 },
    { resource_id: weekly, uid: 'weekly-1@test', recurrence_id: Date.UTC(2024, 3, 8, 8), summary: 'Standup (moved)', start_at: Date.UTC(2024, 3, 8, 22), end_at: Date.UTC(2024, 3, 10, 2, 30), recurring: 1 },
  ]);
  const index = new CalendarIndex(t.db);
  expect(index.seriesInWindow(Date.UTC(2024, 3, 1), Date.UTC(2024, 4, 1))).toEqual([{ resourceId: weekly, calendarId: cal, color: '#f00', syncState: 'synced' }]);
  expect(index.seriesInWindow(Date.UTC(2024, 4, 1), Date.UTC(2024, 5, 1))).toEqual([]);
  expect(t.db.pragma('foreign_key_check')).toEqual([]);
  t.db.prepare('DELETE FROM accounts WHERE id = ?').run(account);
  expect(t.db.prepare('SELECT count(*) FROM calendar_events').pluck().get()).toBe(0);
});
