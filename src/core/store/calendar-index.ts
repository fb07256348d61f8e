import { PmsyncError } from '../../shared/errors';
import type { Db } from './connection';
import type { DavSyncState } from './dav-types';
import { SqliteProfileStore } from './sqlite-profile-store';
import type { ProfileStore } from './types';

export { calendarIndexer, onCalendarResourceChanged, reindexAllEvents } from './calendar-indexer';

/** A series (one calendar resource) that can touch a window. */
export interface IndexedSeries {
  resourceId: number;
  calendarId: number;
  color: string;
  syncState: DavSyncState;
}

export interface CalendarInfo {
  id: number;
  accountId: number;
  name: string;
  color: string;
  readOnly: boolean;
  visible: boolean;
  components: string[];
}

/** Read side of the calendar index (the indexer in calendar-indexer.ts writes it). */
export class CalendarIndex {
  constructor(private readonly db: Db) {}

  /** Series overlapping [from, to) in the given calendars, or in the visible ones. */
  seriesInWindow(from: number, to: number, calendarIds?: number[]): IndexedSeries[] {
    const filter = calendarIds ? `c.id IN (${calendarIds.map(() => '?').join(',') || 'NULL'})` : 'c.visible = 1';
    return this.db.prepare(`SELECT DISTINCT e.resource_id AS resourceId, e.calendar_id AS calendarId, c.color, r.sync_state AS syncState
      FROM calendar_events e JOIN dav_resources r ON r.id = e.resource_id JOIN dav_collections c ON c.id = e.calendar_id
      WHERE e.start_at < ? AND e.end_at > ? AND r.deleted = 0 AND ${filter}`).all(to, from, ...(calendarIds ?? [])) as IndexedSeries[];
  }

  /** Series with VALARMs that may still fire after `now`. */
  seriesWithAlarms(now: number): IndexedSeries[] {
    return this.db.prepare(`SELECT DISTINCT e.resource_id AS resourceId, e.calendar_id AS calendarId, c.color, r.sync_state AS syncState
      FROM calendar_events e JOIN dav_resources r ON r.id = e.resource_id JOIN dav_collections c ON c.id = e.calendar_id
      WHERE e.alarm_lead_ms IS NOT NULL AND e.end_at > ? AND r.deleted = 0 AND c.visible = 1`).all(now) as IndexedSeries[];
  }

  /** The live resource holding a UID (invitations find their stored event this way). */
  resourceByUid(uid: string): { resourceId: number; calendarId: number; sequence: number } | undefined {
    return this.db.prepare(`SELECT e.resource_id AS resourceId, e.calendar_id AS calendarId, max(e.sequence) AS sequence
      FROM calendar_events e JOIN dav_resources r ON r.id = e.resource_id WHERE e.uid = ? AND r.deleted = 0
      GROUP BY e.resource_id ORDER BY e.recurrence_id IS NULL DESC LIMIT 1`).get(uid) as { resourceId: number; calendarId: number; sequence: number } | undefined;
  }

  /** Raw data and state of a live calendar resource. */
  resource(resourceId: number): { calendarId: number; data: string; syncState: DavSyncState; color: string } | undefined {
    return this.db.prepare(`SELECT r.collection_id AS calendarId, r.data, r.sync_state AS syncState, c.color FROM dav_resources r
      JOIN dav_collections c ON c.id = r.collection_id WHERE r.id = ? AND r.deleted = 0 AND c.kind = 'calendar'`).get(resourceId) as
      { calendarId: number; data: string; syncState: DavSyncState; color: string } | undefined;
  }

  /** The stored series plan of a resource (calendar/series-plan.ts), or undefined: parse its data. */
  seriesPlan(resourceId: number): string | undefined {
    return (this.db.prepare('SELECT plan FROM calendar_series_plans WHERE resource_id = ?').pluck().get(resourceId) as string | undefined) ?? undefined;
  }

  /** Stored series plans of several resources in one query (a cold view asks for hundreds). */
  seriesPlans(resourceIds: readonly number[]): Map<number, string> {
    const rows = this.db.prepare('SELECT resource_id AS id, plan FROM calendar_series_plans WHERE resource_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(resourceIds)) as { id: number; plan: string }[];
    return new Map(rows.map((r) => [r.id, r.plan]));
  }

  calendars(): CalendarInfo[] {
    const rows = this.db.prepare(`SELECT id, account_id AS accountId, name, color, read_only AS readOnly, visible, components
      FROM dav_collections WHERE kind = 'calendar' ORDER BY id`).all() as { id: number; accountId: number; name: string; color: string; readOnly: number; visible: number; components: string }[];
    return rows.map((r) => ({ ...r, readOnly: r.readOnly === 1, visible: r.visible === 1, components: parseComponents(r.components) }));
  }

  getSetting(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined) ?? undefined;
  }

  setSetting(key: string, value: string): void {
    this.db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}

function parseComponents(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

const byStore = new WeakMap<ProfileStore, CalendarIndex>();

/** The calendar index on the profile's own connection (absent from stores that are not SQLCipher). */
export function calendarIndexFor(store: ProfileStore): CalendarIndex {
  const known = byStore.get(store);
  if (known) return known;
  if (!(store instanceof SqliteProfileStore)) {
    throw new PmsyncError('INTERNAL', 'Calendars need the encrypted profile store.', 'This is a bug in how PMSync was started; please report it.');
  }
  const made = new CalendarIndex(store.connection);
  byStore.set(store, made);
  return made;
}
