import type { EventHub } from '../../events';
import { calendarIndexer, calendarIndexFor, type CalendarIndex } from '../../store/calendar-index';
import type { DavIndexer, DavWriter } from '../../store/dav-types';
import type { ProfileStore } from '../../store/types';
import type { OutboxService } from '../outbox/outbox-service';
import { CalendarService, systemZone } from './calendar-service';
import { InvitationService } from './invitation-service';
import { ReminderScheduler } from './reminder-scheduler';

export interface CalendarParts {
  index: CalendarIndex;
  calendar: CalendarService;
  invitations: InvitationService;
  reminders: ReminderScheduler;
  /** Reminders on, and the series around today parsed in the background (desktop app and `serve`). */
  start(): void;
  dispose(): void;
}

/**
 * The calendar side of the core (issue 5), for app.ts: registers the calendar DavIndexer and
 * builds the services. Absent (undefined) for a store that is not the encrypted SQLite one.
 */
export function calendarParts(o: { store: ProfileStore; events: EventHub; indexers: DavIndexer[]; writer?: DavWriter; outbox?: OutboxService; userZone?: () => string }): CalendarParts | undefined {
  let index;
  try {
    index = calendarIndexFor(o.store);
  } catch {
    return undefined;
  }
  o.indexers.push(calendarIndexer);
  const userZone = o.userZone ?? systemZone;
  const myAddresses = (): string[] => o.store.listAccounts().map((a) => a.email ?? '').filter((e) => e.includes('@'));
  const calendar = new CalendarService({ index, writer: o.writer, userZone, myAddresses });
  const invitations = new InvitationService({ store: o.store, index, calendar, outbox: o.outbox, userZone });
  const reminders = new ReminderScheduler({ index, cache: calendar.cache, events: o.events, userZone });
  let warmTimer: NodeJS.Timeout | undefined;
  return {
    index, calendar, invitations, reminders,
    start() {
      reminders.start();
      warmTimer = setTimeout(() => { warmTimer = undefined; calendar.warmCache(); }, 0);
    },
    dispose() {
      if (warmTimer !== undefined) clearTimeout(warmTimer);
      reminders.stop();
      calendar.dispose();
    },
  };
}
