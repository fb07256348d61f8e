import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/api/accounts';
import { eventIcs, startRadicale, type DavTestServer } from '../../../sync/dav/test-support/dav-servers';
import { EventHub } from '../../events';
import { openTestStore, type TestStore } from '../../store/test-support/test-store';
import { TaskQueue } from '../tasks/task-queue';
import { davParts, type DavParts } from './dav-parts';

let server: DavTestServer;
let t: TestStore;
let parts: DavParts;
let queue: TaskQueue;
const events = new EventHub();
const statuses: SyncStatus[] = [];

async function until(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  server = await startRadicale();
  const cal = await server.makeCalendar('plans', 'Plans');
  await server.request('PUT', `${cal}a.ics`, eventIcs('a', 'First'), { 'content-type': 'text/calendar' });
  t = await openTestStore();
  parts = davParts({ store: t.store, events, indexers: [], supervisor: { afterChangeDelayMs: 50, retryBaseMs: 100 } });
  queue = new TaskQueue({ store: t.store, events, kinds: parts.taskKinds, backoff: { initialMs: 50, maxMs: 200, jitter: 0 } });
  parts.attachQueue(queue);
  events.on('sync.status', (s) => statuses.push(s));
});

afterAll(async () => {
  await queue?.stop();
  await parts?.supervisor.close();
  t?.cleanup();
  await server?.dispose();
});

it('in background mode syncs a new account at once, sends local changes, syncs after them and retries when the server is back', async () => {
  parts.supervisor.startAll();
  queue.start();
  const account = await parts.accounts.addDav({ url: server.url, user: 'alice', password: 'alicepw' });
  const [calendar] = parts.accounts.listCalendars();
  if (!calendar) throw new Error('no calendar discovered');
  await until('first pass', () => parts.dav.collectionState(calendar.id).etags.size === 1);
  expect(statuses.some((s) => s.accountId === account.id && s.state === 'syncing' && s.progress?.phase === 'calendars')).toBe(true);
  await until('idle after the first pass', () => parts.supervisor.status()[0]?.state === 'idle');
  expect(parts.supervisor.status()[0]?.lastSyncAt).toBeGreaterThan(0);

  // A local change goes out through the running queue; a pass follows and finds the server agrees.
  const created = parts.writer.create(calendar.id, 'b', eventIcs('b', 'Second'));
  await until('PUT of the new event', () => parts.dav.resource(created.id)?.syncState === 'synced');
  expect((await server.request('GET', new URL(created.href, server.url).href)).text).toContain('Second');
  const passesBefore = statuses.filter((s) => s.state === 'idle').length;
  await until('a pass after the change', () => statuses.filter((s) => s.state === 'idle').length > passesBefore);

  // Server down: the pass reports offline and retries; the edit waits, and goes out when it is back.
  await server.stop();
  parts.writer.update(created.id, eventIcs('b', 'Second edited offline'));
  await until('offline status', () => parts.supervisor.status()[0]?.state === 'offline');
  expect(parts.supervisor.status()[0]?.error?.code).toBe('CONNECTION_REFUSED');
  expect(parts.dav.resource(created.id)?.syncState).toBe('pending');
  await server.restart();
  await until('the offline edit on the server', () => parts.dav.resource(created.id)?.syncState === 'synced', 20_000);
  expect((await server.request('GET', new URL(created.href, server.url).href)).text).toContain('Second edited offline');
  await until('idle again', () => parts.supervisor.status()[0]?.state === 'idle');
}, 60_000);
