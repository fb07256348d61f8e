import { instantOf, isRecurring, seriesBounds } from '../calendar/expand';
import { maxLeadMs } from '../calendar/alarms';
import type { ParsedCalendar, ParsedEvent } from '../calendar/model';
import { parseCalendar } from '../calendar/parse';
import { deleteSeriesPlan, writeSeriesPlan } from './calendar-plans';
import type { Db } from './connection';
import type { DavCollectionRow, DavIndexer, DavResourceRow } from './dav-types';

type ChangeListener = (resourceId: number, calendarId: number) => void;

const listeners = new Set<ChangeListener>();

/** The calendar service drops its parsed-series cache through this (also on sync-driven changes). */
export function onCalendarResourceChanged(listener: ChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(resourceId: number, calendarId: number): void {
  for (const l of listeners) l(resourceId, calendarId);
}

const INSERT = `INSERT INTO calendar_events(resource_id, calendar_id, uid, recurrence_id, summary, location, start_at, end_at,
  all_day, floating, recurring, status, transparent, sequence, alarm_lead_ms, organizer)
  VALUES (@resourceId, @calendarId, @uid, @recurrenceId, @summary, @location, @startAt, @endAt,
  @allDay, @floating, @recurring, @status, @transparent, @sequence, @alarmLeadMs, @organizer)`;

function rowOf(ev: ParsedEvent, resourceId: number, calendarId: number, bounds: { start: number; end: number }, recurring: boolean) {
  return {
    resourceId, calendarId, uid: ev.uid,
    // Floating RECURRENCE-IDs are keyed in UTC: they only name the override, the service matches in the user's zone.
    recurrenceId: ev.recurrenceId ? instantOf(ev.recurrenceId, 'UTC') : null,
    summary: ev.summary, location: ev.location, startAt: bounds.start, endAt: bounds.end,
    allDay: ev.start.allDay ? 1 : 0, floating: !ev.start.allDay && ev.start.zone.kind === 'floating' ? 1 : 0,
    recurring: recurring ? 1 : 0, status: ev.status, transparent: ev.transparent ? 1 : 0, sequence: ev.sequence,
    alarmLeadMs: ev.alarms.length > 0 ? maxLeadMs(ev.alarms) : null,
    organizer: ev.organizer?.email ?? '',
  };
}

/** Replaces the rows of one resource with what its data says now. Never throws on hostile data. */
export function indexCalendarResource(db: Db, resourceId: number, calendarId: number, data: string): void {
  indexParsedResource(db, resourceId, calendarId, parseCalendar(data));
}

function indexParsedResource(db: Db, resourceId: number, calendarId: number, parsed: ParsedCalendar): void {
  db.prepare('DELETE FROM calendar_events WHERE resource_id = ?').run(resourceId);
  const insert = db.prepare(INSERT);
  for (const series of parsed.series) {
    const bounds = seriesBounds(series);
    const recurring = (series.master !== null && isRecurring(series.master)) || series.overrides.length > 0;
    if (series.master) insert.run(rowOf(series.master, resourceId, calendarId, bounds, recurring));
    for (const ov of series.overrides) {
      // Override rows only name their occurrence; the master row carries the series' bounds.
      const s = instantOf(ov.start, 'UTC');
      const ob = series.master ? { start: s - 14 * 3_600_000, end: s + ov.durationMs + 14 * 3_600_000 } : bounds;
      insert.run(rowOf(ov, resourceId, calendarId, ob, true));
    }
  }
}

/** The calendar DavIndexer: kept in step with dav_resources inside the DAV store's transaction. */
export const calendarIndexer: DavIndexer = {
  kind: 'calendar',
  resourceChanged(db: Db, resource: DavResourceRow, collection: DavCollectionRow): void {
    // One parse for both: the event rows (0150) and the series plan (0170).
    const parsed = parseCalendar(resource.data);
    indexParsedResource(db, resource.id, collection.id, parsed);
    writeSeriesPlan(db, resource.id, parsed);
    notify(resource.id, collection.id);
  },
  resourceRemoved(db: Db, resourceId: number, collection: DavCollectionRow): void {
    db.prepare('DELETE FROM calendar_events WHERE resource_id = ?').run(resourceId);
    deleteSeriesPlan(db, resourceId);
    notify(resourceId, collection.id);
  },
};

/**
 * Indexes every live calendar resource into calendar_events (migration 0150, which runs before
 * the plans table exists: plans are rebuilt by reindexAllSeriesPlans).
 */
export function reindexAllEvents(db: Db): number {
  db.prepare('DELETE FROM calendar_events').run();
  const rows = db.prepare(`SELECT r.id, r.collection_id AS calendarId, r.data FROM dav_resources r
    JOIN dav_collections c ON c.id = r.collection_id WHERE c.kind = 'calendar' AND r.deleted = 0`).all() as { id: number; calendarId: number; data: string }[];
  for (const r of rows) indexCalendarResource(db, r.id, r.calendarId, r.data);
  return rows.length;
}
