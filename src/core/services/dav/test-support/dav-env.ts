// Test helper: a real encrypted profile with the DAV parts wired as app.ts wires them, a task
// queue running dav.put / dav.delete, and a recording DavIndexer that checks it runs inside the
// store's transaction.
import type { EventName, EventPayload } from '../../../../shared/api/index';
import type { DavTestServer } from '../../../../sync/dav/test-support/dav-servers';
import { EventHub } from '../../../events';
import { SqliteProfileStore } from '../../../store/sqlite-profile-store';
import type { Db } from '../../../store/connection';
import type { DavIndexer } from '../../../store/dav-types';
import { openTestStore, type TestStore } from '../../../store/test-support/test-store';
import { TaskQueue } from '../../tasks/task-queue';
import { davParts, type DavParts } from '../dav-parts';

export interface RecordingIndexer extends DavIndexer {
  rows: Map<number, string>;
  outsideTransaction: number;
}

export function recordingIndexer(kind: DavIndexer['kind']): RecordingIndexer {
  const ix: RecordingIndexer = {
    kind, rows: new Map(), outsideTransaction: 0,
    resourceChanged(db, resource) {
      if (!db.inTransaction) ix.outsideTransaction++;
      ix.rows.set(resource.id, resource.data);
    },
    resourceRemoved(db, id) {
      if (!db.inTransaction) ix.outsideTransaction++;
      ix.rows.delete(id);
    },
  };
  return ix;
}

export interface DavEnv {
  t: TestStore;
  events: EventHub;
  parts: DavParts;
  queue: TaskQueue;
  calendars: RecordingIndexer;
  contacts: RecordingIndexer;
  db: Db;
  seen<N extends EventName>(name: N): EventPayload<N>[];
  /** Adds the server's alice as a DAV account; returns its id. */
  addAccount(server: DavTestServer): Promise<number>;
  close(): Promise<void>;
}

export async function openDavEnv(): Promise<DavEnv> {
  const t = await openTestStore();
  const events = new EventHub();
  const calendars = recordingIndexer('calendar');
  const contacts = recordingIndexer('addressbook');
  const parts = davParts({ store: t.store, events, indexers: [calendars, contacts] });
  const queue = new TaskQueue({
    store: t.store, events, kinds: parts.taskKinds,
    backoff: { initialMs: 50, maxMs: 200, jitter: 0 },
  });
  parts.attachQueue(queue);
  const log: { name: string; payload: unknown }[] = [];
  events.onAny((name, payload) => log.push({ name, payload }));
  if (!(t.store instanceof SqliteProfileStore)) throw new Error('expected the SQLCipher store');
  const db = t.store.connection;
  return {
    t, events, parts, queue, calendars, contacts, db,
    seen: <N extends EventName>(name: N) => log.filter((e) => e.name === name).map((e) => e.payload as EventPayload<N>),
    async addAccount(server) {
      const a = await parts.accounts.addDav({ url: server.url, user: server.user, password: server.password });
      return a.id;
    },
    async close() {
      await queue.stop();
      await parts.supervisor.close();
      t.cleanup();
    },
  };
}
