import { afterEach, expect, it } from 'vitest';
import { seriesFromPlan } from '../../calendar/series-plan';
import { ics, WEEKLY_BERLIN } from '../../calendar/test-support/ics';
import { CalendarIndex } from '../calendar-index';
import { databaseAt } from '../test-support/migration-db';

let cleanup = (): void => undefined;
afterEach(() => cleanup());

it('0170 stores series plans for calendar resources already synced, not for complex rules, tombstones or vCards', () => {
  const t = databaseAt(160);
  cleanup = t.cleanup;
  const account = Number(t.db.prepare("INSERT INTO accounts(kind, name, created_at) VALUES ('dav', 'DAV', 1)").run().lastInsertRowid);
  const cal = Number(t.db.prepare("INSERT INTO dav_collections(account_id, kind, url, name, color) VALUES (?, 'calendar', '/cal/', 'Cal', '#f00')").run(account).lastInsertRowid);
  const book = Number(t.db.prepare("INSERT INTO dav_collections(account_id, kind, url, name) VALUES (?, 'addressbook', '/ab/', 'AB')").run(account).lastInsertRowid);
  const put = (collection: number, href: string, data: string, deleted = 0) =>
    Number(t.db.prepare('INSERT INTO dav_resources(collection_id, href, etag, data, deleted) VALUES (?, ?, ?, ?, ?)').run(collection, href, '"e"', data, deleted).lastInsertRowid);
  const weekly = put(cal, '/cal/w.ics', WEEKLY_BERLIN);
  const complex = put(cal, '/cal/c.ics', ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:c', 'DTSTART:20240101T100000Z', 'RRULE:FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,FR', 'END:VEVENT', 'END:VCALENDAR'));
  put(cal, '/cal/gone.ics', ics('BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'UID:gone', 'DTSTART:20240101T100000Z', 'END:VEVENT', 'END:VCALENDAR'), 1);
  put(cal, '/cal/bad.ics', 'garbage');
  put(book, '/ab/a.vcf', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCARD\r\n');

  t.migrateTo(170);

  expect(t.db.pragma('user_version', { simple: true })).toBe(170);
  expect(t.db.prepare('SELECT resource_id FROM calendar_series_plans').pluck().all()).toEqual([weekly]);
  const index = new CalendarIndex(t.db);
  expect(index.seriesPlan(complex)).toBeUndefined();
  const series = seriesFromPlan(index.seriesPlan(weekly) ?? '');
  expect(series?.map((s) => [s.uid, s.master?.summary, s.master?.rrule?.toString(), s.master?.exdates.length, s.overrides.map((o) => o.summary)]))
    .toEqual([['weekly-1@test', 'Standup', 'FREQ=WEEKLY;COUNT=6;BYDAY=MO', 1, ['Standup (moved)']]]);
  expect(t.db.pragma('foreign_key_check')).toEqual([]);
  t.db.prepare('DELETE FROM accounts WHERE id = ?').run(account);
  expect(t.db.prepare('SELECT count(*) FROM calendar_series_plans').pluck().get()).toBe(0);
});
