import type { ParsedCalendar } from '../../calendar/model';
import { parseCalendar } from '../../calendar/parse';
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
 */
export class SeriesCache {
  private readonly entries = new Map<number, CachedResource>();
  private readonly stop: () => void;

  constructor(private readonly index: CalendarIndex, private readonly maxEntries = 20_000) {
    this.stop = onCalendarResourceChanged((resourceId) => { this.entries.delete(resourceId); });
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
    if (resourceId === undefined) this.entries.clear();
    else this.entries.delete(resourceId);
  }

  dispose(): void {
    this.stop();
    this.entries.clear();
  }
}
