import type { EditScope, EventInstance } from '../../../shared/api/calendar';
import { addDays, localDateToUtcMidnight, utcDateString } from './zoned-time';

const HOUR_MS = 3_600_000;

/** One occurrence's identity in the views (recurring events share eventId). */
export function instanceKey(i: Pick<EventInstance, 'eventId' | 'instanceStart'>): string {
  return `${i.eventId}:${i.instanceStart}`;
}

export function parseInstanceKey(key: string): { eventId: number; instanceStart: number } | null {
  const m = /^(\d+):(-?\d+)$/.exec(key);
  return m ? { eventId: Number(m[1]), instanceStart: Number(m[2]) } : null;
}

export interface Span {
  start: number;
  end: number;
  allDay: boolean;
}

/**
 * FullCalendar's dates (local zone) → API times. All-day dates become UTC midnights; a missing
 * end means FullCalendar's default length (a day, or an hour).
 */
export function spanFromCalendar(start: Date, end: Date | null, allDay: boolean): Span {
  if (allDay) {
    const s = localDateToUtcMidnight(start);
    const e = end ? localDateToUtcMidnight(end) : addDays(s, 1);
    return { start: s, end: Math.max(e, addDays(s, 1)), allDay: true };
  }
  const s = start.getTime();
  return { start: s, end: end ? end.getTime() : s + HOUR_MS, allDay: false };
}

/** API times → what FullCalendar takes: date-only strings for all-day (no zone shift). */
export function spanForCalendar(span: Span): { start: string | number; end: string | number; allDay: boolean } {
  if (span.allDay) return { start: utcDateString(span.start), end: utcDateString(Math.max(span.end, addDays(span.start, 1))), allDay: true };
  return { start: span.start, end: span.end, allDay: false };
}

export const SCOPE_LABELS: Record<EditScope, string> = {
  this: 'This event',
  following: 'This and following events',
  all: 'All events',
};

/**
 * The times to send for a move or resize under `scope`. One occurrence or "this and following"
 * take the occurrence's new times; "all events" moves the whole series by the same shift, so
 * it is the series' own start and end that change (read from the series, not the occurrence).
 */
export function timesForScope(scope: EditScope, occurrence: Span, moved: Span, series: Span | null): Span {
  if (scope !== 'all' || !series) return moved;
  const startShift = moved.start - occurrence.start;
  const endShift = moved.end - occurrence.end;
  if (moved.allDay === series.allDay) {
    return { start: series.start + startShift, end: series.end + endShift, allDay: series.allDay };
  }
  // Timed ↔ all-day: the series takes the new shape on its own first day.
  const length = moved.end - moved.start;
  if (moved.allDay) {
    const firstDay = localDateToUtcMidnight(new Date(series.start));
    return { start: firstDay, end: firstDay + length, allDay: true };
  }
  const first = new Date(series.start);
  const firstLocalMidnight = new Date(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate()).getTime();
  const start = firstLocalMidnight + (moved.start - localMidnight(moved.start));
  return { start, end: start + length, allDay: false };
}

function localMidnight(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}
