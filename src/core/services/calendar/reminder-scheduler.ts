import { systemClock, type Clock } from '../../../sync/imap/clock';
import { alarmTimes } from '../../calendar/alarms';
import { expandSeries } from '../../calendar/expand';
import type { EventHub } from '../../events';
import type { CalendarIndex } from '../../store/calendar-index';
import type { SeriesCache } from './series-cache';

export interface ReminderSchedulerOptions {
  index: CalendarIndex;
  cache: SeriesCache;
  events: EventHub;
  userZone: () => string;
  clock?: Clock;
}

export interface DueReminder {
  eventId: number;
  instanceStart: number;
  title: string;
  start: number;
  location: string;
  at: number;
}

/** Persisted: reminders up to this instant were shown, so a restart never shows them again. */
export const FIRED_UNTIL_KEY = 'calendar.reminders.firedUntil';
/** A reminder missed while PMSync was closed is still shown when it is at most this late. */
const LATE_GRACE_MS = 15 * 60_000;
/** VALARM leads reach 4 weeks (the API's limit); occurrences that far ahead can ring now. */
const MAX_LEAD_MS = 28 * 86_400_000;
/** Node timers overflow past ~24.8 days; the scheduler re-checks at least daily. */
const MAX_WAIT_MS = 24 * 3_600_000;

/**
 * Emits calendar.reminder when a VALARM is due. Holds one timer, for the next reminder only;
 * re-plans when calendars change.
 */
export class ReminderScheduler {
  private readonly clock: Clock;
  private timer: unknown;
  private running = false;
  private stopListening: (() => void) | null = null;

  constructor(private readonly o: ReminderSchedulerOptions) {
    this.clock = o.clock ?? systemClock;
  }

  /** Reminders whose time is in (from, to], earliest first. */
  due(from: number, to: number): DueReminder[] {
    const zone = this.o.userZone();
    const out: DueReminder[] = [];
    for (const row of this.o.index.seriesWithAlarms(from)) {
      const res = this.o.cache.get(row.resourceId);
      if (!res) continue;
      for (const series of res.parsed.series) {
        for (const occ of expandSeries(series, from - 86_400_000, to + MAX_LEAD_MS, { floatingZone: zone }).occurrences) {
          if (occ.event.status === 'CANCELLED') continue;
          for (const at of alarmTimes(occ)) {
            if (at > from && at <= to) out.push({ eventId: row.resourceId, instanceStart: occ.instanceStart, title: occ.event.summary, start: occ.start, location: occ.event.location, at });
          }
        }
      }
    }
    return out.sort((a, b) => a.at - b.at);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopListening = this.o.events.on('calendar.changed', () => this.plan());
    this.check();
  }

  stop(): void {
    this.running = false;
    this.stopListening?.();
    this.stopListening = null;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Shows what is due since the last check (missed ones only when recent), then plans the next. */
  check(): void {
    const now = this.clock.now();
    const stored = Number(this.o.index.getSetting(FIRED_UNTIL_KEY));
    const from = Math.max(Number.isFinite(stored) && stored > 0 ? stored : now, now - LATE_GRACE_MS);
    if (now > from) {
      for (const r of this.due(from, now)) {
        this.o.events.emit('calendar.reminder', { eventId: r.eventId, instanceStart: r.instanceStart, title: r.title, start: r.start, location: r.location });
      }
    }
    this.o.index.setSetting(FIRED_UNTIL_KEY, String(now));
    this.plan();
  }

  private plan(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.running) return;
    const now = this.clock.now();
    const next = this.due(now, now + MAX_WAIT_MS)[0];
    const wait = next ? Math.max(0, next.at - now) : MAX_WAIT_MS;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.check();
    }, Math.min(wait, MAX_WAIT_MS));
  }
}
