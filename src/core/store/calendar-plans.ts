import type { ParsedCalendar } from '../calendar/model';
import { parseCalendar } from '../calendar/parse';
import { seriesPlanOf } from '../calendar/series-plan';
import type { Db } from './connection';

/**
 * Series plans (migration 0170, calendar/series-plan.ts): one row per calendar resource whose
 * series the fast path can list without parsing its raw iCalendar. No row = parse the raw data.
 */
export function writeSeriesPlan(db: Db, resourceId: number, parsed: ParsedCalendar): void {
  const plan = seriesPlanOf(parsed);
  if (plan === null) db.prepare('DELETE FROM calendar_series_plans WHERE resource_id = ?').run(resourceId);
  else db.prepare('INSERT INTO calendar_series_plans(resource_id, plan) VALUES (?, ?) ON CONFLICT(resource_id) DO UPDATE SET plan = excluded.plan').run(resourceId, plan);
}

export function deleteSeriesPlan(db: Db, resourceId: number): void {
  db.prepare('DELETE FROM calendar_series_plans WHERE resource_id = ?').run(resourceId);
}

/** Plans for every live calendar resource (the migration, and a rebuild after a format change). */
export function reindexAllSeriesPlans(db: Db): number {
  db.prepare('DELETE FROM calendar_series_plans').run();
  const rows = db.prepare(`SELECT r.id, r.data FROM dav_resources r JOIN dav_collections c ON c.id = r.collection_id
    WHERE c.kind = 'calendar' AND r.deleted = 0`).all() as { id: number; data: string }[];
  for (const r of rows) writeSeriesPlan(db, r.id, parseCalendar(r.data));
  return rows.length;
}
