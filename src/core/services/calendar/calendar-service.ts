import type { EditScope, EventDetail, EventFields, EventInstance } from '../../../shared/api/calendar';
import { PmsyncError } from '../../../shared/errors';
import { deleteEventData, updateEventData, type EditResult } from '../../calendar/edit';
import { expandSeries, instantOf, type Occurrence } from '../../calendar/expand';
import { buildNewEvent, CalendarEditError } from '../../calendar/fields';
import { conflictFlags } from '../../calendar/overlaps';
import type { CalendarIndex } from '../../store/calendar-index';
import type { DavWriter } from '../../store/dav-types';
import { isBusy, toDetail, toInstance } from './event-views';
import { SeriesCache, type CachedResource } from './series-cache';

export interface CalendarServiceOptions {
  index: CalendarIndex;
  /** DAV writes (absent in a core without DAV: writes are refused with a hint). */
  writer?: DavWriter;
  /** The user's IANA zone: floating times and new events are read in it. */
  userZone?: () => string;
  /** The user's own addresses (their mail accounts), for myPartstat and invitations. */
  myAddresses?: () => string[];
  now?: () => number;
}

/** Expanding beyond this many occurrences in one view is a runaway request, not a calendar. */
const MAX_VIEW_INSTANCES = 50_000;

export function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** calendar.listEvents / getEvent / createEvent / updateEvent / deleteEvent. */
export class CalendarService {
  readonly cache: SeriesCache;
  private readonly userZone: () => string;
  private readonly now: () => number;

  constructor(private readonly o: CalendarServiceOptions) {
    this.cache = new SeriesCache(o.index);
    this.userZone = o.userZone ?? systemZone;
    this.now = o.now ?? Date.now;
  }

  myAddresses(): Set<string> {
    return new Set((this.o.myAddresses?.() ?? []).map((a) => a.toLowerCase()));
  }

  /** Occurrences overlapping [from, to), sorted by start, with overlaps among busy ones flagged. */
  listEvents(from: number, to: number, calendarIds?: number[]): EventInstance[] {
    if (to <= from) return [];
    const zone = this.userZone();
    const mine = this.myAddresses();
    const out: EventInstance[] = [];
    const transparent: boolean[] = [];
    const rows = this.o.index.seriesInWindow(from, to, calendarIds);
    this.cache.preloadListing(rows.map((r) => r.resourceId));
    for (const row of rows) {
      const seriesList = this.cache.listingSeries(row.resourceId);
      if (!seriesList) continue;
      for (const series of seriesList) {
        for (const o of expandSeries(series, from, to, { floatingZone: zone }).occurrences) {
          if (out.length >= MAX_VIEW_INSTANCES) break;
          out.push(toInstance(o, row.resourceId, row, mine));
          transparent.push(o.event.transparent);
        }
      }
    }
    const flags = conflictFlags(out.map((i, n) => ({ start: i.start, end: i.end, busy: isBusy(i, transparent[n]) })));
    out.forEach((i, n) => { i.conflict = flags[n]; });
    return out.sort((a, b) => a.start - b.start || a.end - b.end || a.eventId - b.eventId);
  }

  getEvent(eventId: number, instanceStart?: number): EventDetail {
    const res = this.resource(eventId);
    const series = res.parsed.series[0];
    if (!series) throw new PmsyncError('NOT_FOUND', `Event ${eventId} has no readable event data.`, 'Fix or delete it on the server, then sync again.');
    const zone = this.userZone();
    return toDetail(eventId, res, series, instanceStart === undefined ? null : this.occurrenceAt(res, instanceStart, zone), zone);
  }

  createEvent(calendarId: number, fields: EventFields): EventDetail {
    const writer = this.writable(calendarId);
    const built = this.guardEdit(() => buildNewEvent(fields, { userZone: this.userZone(), now: this.now(), organizer: this.organizerFor(fields) }));
    const row = writer.create(calendarId, built.uid, built.ics);
    this.cache.invalidate(row.id);
    return this.getEvent(row.id);
  }

  updateEvent(eventId: number, scope: EditScope, instanceStart: number | undefined, changes: Partial<EventFields>, calendarId?: number): EventDetail {
    const res = this.resource(eventId);
    const writer = this.writable(res.calendarId);
    if (calendarId !== undefined && calendarId !== res.calendarId) this.writable(calendarId);
    const full = this.completeTimes(res, scope, instanceStart, changes);
    const result: EditResult = this.guardEdit(() => updateEventData(res.data, scope, instanceStart, full, { userZone: this.userZone(), now: this.now() }));
    if (result.data === null) throw new PmsyncError('INTERNAL', 'The edit left no event.', 'Please report this.');
    const moveTo = calendarId !== undefined && calendarId !== res.calendarId && scope === 'all' ? calendarId : undefined;
    const updated = writer.update(eventId, result.data, moveTo);
    this.cache.invalidate(eventId);
    if (result.newSeries) {
      const created = writer.create(moveTo ?? res.calendarId, result.newSeries.uid, result.newSeries.data);
      this.cache.invalidate(created.id);
      return this.getEvent(created.id);
    }
    return this.getEvent(updated.id, scope === 'this' ? instanceStart : undefined);
  }

  deleteEvent(eventId: number, scope: EditScope, instanceStart?: number): { ok: true } {
    const res = this.resource(eventId);
    const writer = this.writable(res.calendarId);
    const result = this.guardEdit(() => deleteEventData(res.data, scope, instanceStart, { userZone: this.userZone(), now: this.now() }));
    if (result.data === null) writer.remove(eventId);
    else writer.update(eventId, result.data);
    this.cache.invalidate(eventId);
    return { ok: true };
  }

  /**
   * Lists the months around today once, ahead of the first view: loads their series (from
   * series plans where the index has them, else parsed) and lets the JIT compile the expansion
   * path, which is most of what makes the very first view of a process slower than the next.
   * Called once the core is up; returns how many occurrences that window holds.
   */
  warmCache(): number {
    const now = this.now();
    return this.listEvents(now - 45 * 86_400_000, now + 75 * 86_400_000).length;
  }

  dispose(): void {
    this.cache.dispose();
  }

  /** The stored resource of an event, or NOT_FOUND. */
  resource(eventId: number): CachedResource {
    const res = this.cache.get(eventId);
    if (!res) throw new PmsyncError('NOT_FOUND', `There is no event ${eventId}.`, 'It may have been deleted or moved; reload the calendar.');
    return res;
  }

  writer(): DavWriter {
    if (!this.o.writer) throw new PmsyncError('INVALID_INPUT', 'Calendar changes need a CalDAV account, and this profile has none set up.', 'Add one with `pmsync account add dav`.');
    return this.o.writer;
  }

  /** The DavWriter after checking that the calendar takes events and is not read-only. */
  writable(calendarId: number): DavWriter {
    const writer = this.writer();
    const coll = writer.getCollection(calendarId);
    if (!coll || coll.kind !== 'calendar') throw new PmsyncError('NOT_FOUND', `There is no calendar ${calendarId}.`, 'List calendars with calendar.listCalendars and pick one of them.');
    if (coll.readOnly) throw new PmsyncError('INVALID_INPUT', `The calendar "${coll.name}" is read-only.`, 'Choose a calendar you can write to.');
    if (coll.components.length > 0 && !coll.components.some((c) => c.toUpperCase() === 'VEVENT')) {
      throw new PmsyncError('INVALID_INPUT', `The calendar "${coll.name}" does not take events (only ${coll.components.join(', ')}).`, 'Choose another calendar.');
    }
    return writer;
  }

  private organizerFor(fields: EventFields): { name: string; email: string } | undefined {
    if (!fields.attendees?.length) return undefined;
    const [email] = this.o.myAddresses?.() ?? [];
    return email ? { name: '', email } : undefined;
  }

  private occurrenceAt(res: CachedResource, instanceStart: number, zone: string): Occurrence | null {
    for (const series of res.parsed.series) {
      const span = Math.max(series.master?.durationMs ?? 0, ...series.overrides.map((o) => o.durationMs), 0);
      // The override may have moved anywhere; look it up by its RECURRENCE-ID first.
      const ov = series.overrides.find((o) => o.recurrenceId && instantOf(o.recurrenceId, zone) === instanceStart);
      if (ov) {
        const s = instantOf(ov.start, zone);
        return { uid: series.uid, instanceStart, start: s, end: s + ov.durationMs, allDay: ov.start.allDay, floating: !ov.start.allDay && ov.start.zone.kind === 'floating', recurring: true, event: ov };
      }
      const found = expandSeries(series, instanceStart - span - 1, instanceStart + 1, { floatingZone: zone }).occurrences.find((o) => o.instanceStart === instanceStart);
      if (found) return found;
    }
    return null;
  }

  /** start and end go together: a move keeps the length, a resize keeps the start. */
  private completeTimes(res: CachedResource, scope: EditScope, instanceStart: number | undefined, changes: Partial<EventFields>): Partial<EventFields> {
    if (changes.start === undefined && changes.end === undefined && changes.allDay === undefined && changes.timeZone === undefined) return changes;
    const zone = this.userZone();
    const series = res.parsed.series[0];
    const base = scope === 'all' || instanceStart === undefined ? null : this.occurrenceAt(res, instanceStart, zone);
    const ev = base?.event ?? series?.master ?? series?.overrides[0];
    const curStart = base?.start ?? (ev ? instantOf(ev.start, zone) : 0);
    const curEnd = base?.end ?? curStart + (ev?.durationMs ?? 0);
    const start = changes.start ?? curStart;
    const end = changes.end ?? (changes.start !== undefined ? start + (curEnd - curStart) : curEnd);
    return { ...changes, start, end };
  }

  private guardEdit<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof CalendarEditError) throw new PmsyncError('INVALID_INPUT', err.message, err.hint);
      throw err;
    }
  }
}
