import type { Migration } from '../migrate';
import { reindexAllEvents } from '../calendar-indexer';

/**
 * The calendar index (issue 5), derived from the iCalendar objects in dav_resources by the
 * calendar DavIndexer (store/calendar-indexer.ts). One row per VEVENT: the series master
 * (recurrence_id NULL) and each RECURRENCE-ID override. An event's API id IS its resource id.
 *
 * start_at/end_at bound the whole series (first start, last end; year 9999 for a rule without
 * COUNT or UNTIL) so a view asks only for series that can touch its window; occurrences are
 * expanded in memory (services/calendar). alarm_lead_ms is the longest VALARM lead of the row,
 * for the reminder scheduler. sync_state is read from dav_resources, never copied.
 */
export const calendarIndex: Migration = {
  version: 150,
  name: 'calendar-index',
  up(db) {
    db.exec(`
      CREATE TABLE calendar_events (
        id INTEGER PRIMARY KEY,
        resource_id INTEGER NOT NULL REFERENCES dav_resources(id) ON DELETE CASCADE,
        calendar_id INTEGER NOT NULL REFERENCES dav_collections(id) ON DELETE CASCADE,
        uid TEXT NOT NULL,
        recurrence_id INTEGER,
        summary TEXT NOT NULL,
        location TEXT NOT NULL,
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL,
        all_day INTEGER NOT NULL CHECK (all_day IN (0, 1)),
        floating INTEGER NOT NULL CHECK (floating IN (0, 1)),
        recurring INTEGER NOT NULL CHECK (recurring IN (0, 1)),
        status TEXT NOT NULL CHECK (status IN ('CONFIRMED', 'TENTATIVE', 'CANCELLED')),
        transparent INTEGER NOT NULL CHECK (transparent IN (0, 1)),
        sequence INTEGER NOT NULL,
        alarm_lead_ms INTEGER,
        organizer TEXT NOT NULL
      );
      CREATE UNIQUE INDEX calendar_events_by_resource ON calendar_events(resource_id, ifnull(recurrence_id, -1));
      CREATE INDEX calendar_events_by_span ON calendar_events(start_at, end_at);
      CREATE INDEX calendar_events_by_uid ON calendar_events(uid);
      CREATE INDEX calendar_events_with_alarms ON calendar_events(end_at) WHERE alarm_lead_ms IS NOT NULL;
    `);
    // Calendars synced before this version are indexed now, in the same transaction.
    reindexAllEvents(db);
  },
};
