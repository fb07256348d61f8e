import type { Migration } from '../migrate';
import { reindexAllSeriesPlans } from '../calendar-plans';

/**
 * Series plans (issue 5, cold month view under 50 ms): for each calendar resource whose
 * series the fast path can expand, the compact JSON of what listing needs (calendar/series-plan.ts),
 * so the first view after start expands plans instead of parsing every raw iCalendar object
 * with ical.js. No row for a resource = list it from its raw data (complex rules, unreadable data).
 * Derived data: written by the calendar indexer with calendar_events, in the same transaction.
 */
export const calendarSeriesPlans: Migration = {
  version: 170,
  name: 'calendar-series-plans',
  up(db) {
    db.exec(`
      CREATE TABLE calendar_series_plans (
        resource_id INTEGER PRIMARY KEY REFERENCES dav_resources(id) ON DELETE CASCADE,
        plan TEXT NOT NULL
      );
    `);
    // Calendars synced before this version get their plans now, in the same transaction.
    reindexAllSeriesPlans(db);
  },
};
