import type { ParsedCalendar, ParsedSeries } from '../../calendar/model';
import { parseCalendar } from '../../calendar/parse';
import { seriesFromPlan } from '../../calendar/series-plan';
import type { CalendarIndex } from '../../store/calendar-index';
import { onCalendarResourceChanged } from '../../store/calendar-index';
import type { DavSyncState } from '../../store/dav-types';

export interface CachedResource {
  calendarId: number;
  color: string;
  syncState: DavSyncState;
  data: string;
  parsed: ParsedCalendar;
}

/**
 * Parsed calendar resources kept in memory: parsing is most of the cost of a view, and series
 * rarely change. Every change the DAV store makes (sync or local) goes through the calendar
 * indexer, which drops the entry here; sync-state changes alone drop it too.
 *
 * Views need less than a parse: listingSeries serves them from the series plan the index
 * stores (no ical.js parse of the raw data) when there is one, kept apart from the full
 * entries because plan-built series carry only the listing fields.
 */
export class SeriesCache {
  private readonly entries = new Map<number, CachedResource>();
  private readonly planned = new Map<number, ParsedSeries[]>();
  private readonly stop: () => void;

  constructor(private readonly index: CalendarIndex, private readonly maxEntries = 20_000) {
    this.stop = onCalendarResourceChanged((resourceId) => { this.entries.delete(resourceId); this.planned.delete(resourceId); });
  }

  /** Loads the plans of the resources not cached yet in one query, ahead of listingSeries. */
  preloadListing(resourceIds: readonly number[]): void {
    const missing = resourceIds.filter((id) => !this.entries.has(id) && !this.planned.has(id));
    if (missing.length < 2) return;
    for (const [id, plan] of this.index.seriesPlans(missing)) {
      const series = seriesFromPlan(plan);
      if (!series) continue;
      if (this.planned.size >= this.maxEntries) this.planned.clear();
      this.planned.set(id, series);
    }
  }

  /** The series of a resource for listing (listing fields only), or undefined when it is gone. */
  listingSeries(resourceId: number): ParsedSeries[] | undefined {
    const full = this.entries.get(resourceId);
    if (full) return full.parsed.series;
    const hit = this.planned.get(resourceId);
    if (hit) return hit;
    const plan = this.index.seriesPlan(resourceId);
    const series = plan === undefined ? null : seriesFromPlan(plan);
    if (!series) return this.get(resourceId)?.parsed.series;
    if (this.planned.size >= this.maxEntries) this.planned.clear();
    this.planned.set(resourceId, series);
    return series;
  }

  get(resourceId: number): CachedResource | undefined {
    const hit = this.entries.get(resourceId);
    if (hit) return hit;
    const row = this.index.resource(resourceId);
    if (!row) return undefined;
    const entry = { ...row, parsed: parseCalendar(row.data) };
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(resourceId, entry);
    return entry;
  }

  /** The DAV store changed a resource without the indexer (sync state only): forget it. */
  invalidate(resourceId?: number): void {
    if (resourceId === undefined) {
      this.entries.clear();
      this.planned.clear();
    } else {
      this.entries.delete(resourceId);
      this.planned.delete(resourceId);
    }
  }

  dispose(): void {
    this.stop();
    this.entries.clear();
    this.planned.clear();
  }
}
