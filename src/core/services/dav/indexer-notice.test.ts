import { afterEach, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/api/index';
import { EventHub } from '../../events';
import type { DavIndexer } from '../../store/dav-types';
import { openTestStore, type TestStore } from '../../store/test-support/test-store';
import { davParts, type DavParts } from './dav-parts';

/** A real encrypted profile, DAV parts wired as app.ts wires them, and an indexer that refuses everything marked 'bad'. */
let t: TestStore | undefined;
let parts: DavParts | undefined;
afterEach(async () => {
  await parts?.supervisor.close();
  t?.cleanup();
});

const account = { name: 'Cal', serverUrl: 'http://dav.test/', user: 'u', password: 'p', principalUrl: 'http://dav.test/u/', calendarHome: 'http://dav.test/u/', addressBookHome: null };
const coll = (name: string) => ({ kind: 'calendar' as const, url: `http://dav.test/u/${name}/`, name, color: '', readOnly: false, components: ['VEVENT'] });

const refusing: DavIndexer = {
  kind: 'calendar',
  resourceChanged(_db, r) {
    if (r.data.startsWith('bad')) throw new Error(`BEGIN:VCALENDAR missing in ${r.href}`);
  },
  resourceRemoved() {
    throw new Error('index row locked');
  },
};

async function setup() {
  t = await openTestStore();
  const events = new EventHub();
  parts = davParts({ store: t.store, events, indexers: [refusing] });
  const notices: EventPayload<'app.notice'>[] = [];
  events.on('app.notice', (n) => notices.push(n));
  const accountId = parts.dav.addAccount(account, [coll('Work'), coll('Home')]);
  const id = (name: string) => parts?.dav.listCollections('calendar', accountId).find((c) => c.name === name)?.id ?? 0;
  return { dav: parts.dav, accountId, work: id('Work'), home: id('Home'), notices };
}

const items = (prefix: string, n: number, data: string) =>
  Array.from({ length: n }, (_, i) => ({ href: `/u/${prefix}/${i}.ics`, etag: `"${data}-${i}"`, data: `${data} ${i}` }));

it('a sync pass of a broken collection raises ONE notice per collection, however many items fail', async () => {
  const { dav, work, home, notices } = await setup();
  dav.applyServerChanges(work, { upserts: [...items('Work', 2000, 'bad'), ...items('Work-ok', 5, 'good')], removed: [], syncToken: 't1', ctag: null });
  expect(notices).toHaveLength(1);
  expect(notices[0]).toMatchObject({ level: 'warning', message: "2000 items in 'Work' could not be read; they are kept as the server sent them." });
  expect(notices[0].hint).toMatch(/^First problem: BEGIN:VCALENDAR missing in \/u\/Work\/0\.ics\. The rest of 'Work' synced normally\./);
  // Every raw item is still stored (the source of truth), good and bad alike.
  expect(dav.collectionState(work).etags.size).toBe(2005);

  dav.applyServerChanges(home, { upserts: items('Home', 12, 'bad'), removed: [], syncToken: 't1', ctag: null });
  expect(notices.map((n) => n.message)).toEqual([
    "2000 items in 'Work' could not be read; they are kept as the server sent them.",
    "12 items in 'Home' could not be read; they are kept as the server sent them.",
  ]);

  // The next pass reports again (once), for what failed in that pass only.
  dav.applyServerChanges(work, { upserts: items('Work', 3, 'bad-v2'), removed: [], syncToken: 't2', ctag: null });
  expect(notices.slice(2).map((n) => n.message)).toEqual(["3 items in 'Work' could not be read; they are kept as the server sent them."]);
});

it('items of a vanished collection that cannot be un-indexed are one notice too; a local write that fails is its own notice', async () => {
  const { dav, accountId, work, home, notices } = await setup();
  dav.applyServerChanges(home, { upserts: items('Home', 40, 'good'), removed: [], syncToken: 't1', ctag: null });
  expect(notices).toEqual([]);
  dav.applyCollections(accountId, [coll('Work')]); // 'Home' is gone on the server
  expect(notices.map((n) => n.message)).toEqual(["40 items removed from 'Home' could not be taken out of Calendar; they may still show there."]);

  dav.createLocal(work, '/u/Work/mine.ics', 'bad local edit');
  expect(notices[1]).toMatchObject({ message: "An item just saved in 'Work' could not be read back for Calendar; it is stored, but Calendar may miss it or show an older version." });
  expect(notices[1].hint).toMatch(/^First problem: BEGIN:VCALENDAR missing in \/u\/Work\/mine\.ics\./);
  expect(notices).toHaveLength(2);
});

it('a server change that fails as a whole reports nothing (its transaction rolled back)', async () => {
  const { dav, notices } = await setup();
  expect(() => dav.applyServerChanges(999_999, { upserts: items('X', 3, 'bad'), removed: [], syncToken: 't', ctag: null })).toThrow(/does not exist/);
  expect(notices).toEqual([]);
});
