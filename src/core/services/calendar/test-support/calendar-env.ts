// Test helper: a real encrypted profile with the DAV parts and the calendar services wired as
// app.ts wires them (calendarParts registers the real calendar indexer), and a task queue that
// PUTs/DELETEs to the server.
import { EventHub } from '../../../events';
import type { Db } from '../../../store/connection';
import type { DavIndexer } from '../../../store/dav-types';
import { SqliteProfileStore } from '../../../store/sqlite-profile-store';
import { openTestStore, type TestStore } from '../../../store/test-support/test-store';
import { imapSyncStoreFor } from '../../../store/imap-sync-store';
import { outboxParts } from '../../outbox/outbox-parts';
import type { OutboxService } from '../../outbox/outbox-service';
import { imapTaskKinds } from '../../tasks/imap-task-kinds';
import { disconnectedRemoteMailbox } from '../../tasks/remote-mailbox';
import { davParts, type DavParts } from '../../dav/dav-parts';
import { TaskQueue } from '../../tasks/task-queue';
import { calendarParts, type CalendarParts } from '../calendar-parts';

export interface CalendarEnv {
  t: TestStore;
  events: EventHub;
  dav: DavParts;
  cal: CalendarParts;
  queue: TaskQueue;
  db: Db;
  close(): Promise<void>;
}

export interface CalendarEnvOptions {
  userZone?: string;
  /** An existing profile (e.g. the outbox test env's, with alice's IMAP account); closed by its owner. */
  store?: TestStore;
  /** Wire compose.send's outbox into the same task queue (iMIP replies). */
  withOutbox?: boolean;
}

export async function openCalendarEnv(o: CalendarEnvOptions = {}): Promise<CalendarEnv> {
  const t = o.store ?? await openTestStore();
  const events = new EventHub();
  const indexers: DavIndexer[] = [];
  const dav = davParts({ store: t.store, events, indexers });
  const mail = o.withOutbox ? outboxParts(t.store, imapSyncStoreFor(t.store), events) : undefined;
  const queue = new TaskQueue({
    store: t.store, events, backoff: { initialMs: 50, maxMs: 200, jitter: 0 },
    kinds: { ...dav.taskKinds, ...(mail ? { ...imapTaskKinds(t.store, disconnectedRemoteMailbox), ...mail.kinds } : {}) },
  });
  dav.attachQueue(queue);
  const outbox: OutboxService | undefined = mail?.service(queue);
  const cal = calendarParts({ store: t.store, events, indexers, writer: dav.writer, outbox, userZone: () => o.userZone ?? 'Europe/Berlin' });
  if (!cal || !(t.store instanceof SqliteProfileStore)) throw new Error('expected the SQLCipher store');
  const db = t.store.connection;
  return {
    t, events, dav, cal, queue, db,
    async close() {
      cal.dispose();
      await queue.stop();
      await dav.supervisor.close();
      if (!o.store) t.cleanup();
    },
  };
}
