import { afterEach, expect, it } from 'vitest';
import { davStoreFor, type DavStore } from './dav-store';
import type { DavIndexer } from './dav-types';
import { SqliteProfileStore } from './sqlite-profile-store';
import { openTestStore, type TestStore } from './test-support/test-store';

let t: TestStore | undefined;
afterEach(() => t?.cleanup());

const account = { name: 'Cal', serverUrl: 'http://dav.test/', user: 'u', password: 'p', principalUrl: 'http://dav.test/u/', calendarHome: 'http://dav.test/u/', addressBookHome: null };
const calendar = { kind: 'calendar' as const, url: 'http://dav.test/u/c/', name: 'C', color: '', readOnly: false, components: ['VEVENT'] };

async function setup(indexers: DavIndexer[]): Promise<{ dav: DavStore; collectionId: number; db: SqliteProfileStore['connection'] }> {
  t = await openTestStore();
  if (!(t.store instanceof SqliteProfileStore)) throw new Error('expected the SQLCipher store');
  const dav = davStoreFor(t.store, () => indexers, () => undefined);
  const accountId = dav.addAccount(account, [calendar]);
  const collectionId = dav.listCollections('calendar', accountId)[0]?.id ?? 0;
  return { dav, collectionId, db: t.store.connection };
}

it('stores server changes and the cursor together, never over a local change', async () => {
  const { dav, collectionId } = await setup([]);
  expect(dav.collection(collectionId)?.color).toMatch(/^#[0-9a-f]{6}$/);
  dav.applyServerChanges(collectionId, { upserts: [{ href: '/u/c/a.ics', etag: '"1"', data: 'A1' }, { href: '/u/c/b.ics', etag: '"1"', data: 'B1' }], removed: [], syncToken: 't1', ctag: 'c1' });
  const a = [...dav.collectionState(collectionId).etags.keys()];
  expect(a).toEqual(['/u/c/a.ics', '/u/c/b.ics']);
  const idOf = (href: string) => Number((t?.store as SqliteProfileStore).connection.prepare('SELECT id FROM dav_resources WHERE href = ?').pluck().get(href));
  dav.updateLocal(idOf('/u/c/a.ics'), 'A-local');
  expect(dav.removeLocal(idOf('/u/c/b.ics'))).toBe(true);
  expect(dav.resource(idOf('/u/c/b.ics'))).toBeUndefined();
  const applied = dav.applyServerChanges(collectionId, { upserts: [{ href: '/u/c/a.ics', etag: '"2"', data: 'A2' }, { href: '/u/c/b.ics', etag: '"2"', data: 'B2' }], removed: [], syncToken: 't2', ctag: 'c2' });
  expect(applied).toEqual({ changed: 0, skippedLocal: 2 });
  expect(dav.resource(idOf('/u/c/a.ics'))).toMatchObject({ data: 'A-local', etag: '"1"', syncState: 'pending' });
  expect(dav.resourceState(idOf('/u/c/b.ics'))).toMatchObject({ deleted: true, etag: '"1"' });
  expect(dav.collectionState(collectionId)).toMatchObject({ syncToken: 't2', ctag: 'c2' });
  // A created item that never reached the server simply goes when deleted.
  const fresh = dav.createLocal(collectionId, '/u/c/new.ics', 'N');
  expect(dav.removeLocal(fresh.id)).toBe(false);
  expect(dav.resourceState(fresh.id)).toBeUndefined();
});

it('runs indexers inside the transaction; one that throws loses only its own writes', async () => {
  const seen: string[] = [];
  const broken: DavIndexer = {
    kind: 'calendar',
    resourceChanged(db, r) {
      db.prepare('CREATE TABLE IF NOT EXISTS ix_probe(id INTEGER)').run();
      db.prepare('INSERT INTO ix_probe(id) VALUES (?)').run(r.id);
      if (r.data === 'bad') throw new Error('hostile data');
      seen.push(r.data);
    },
    resourceRemoved() {},
  };
  const { dav, collectionId, db } = await setup([broken]);
  dav.applyServerChanges(collectionId, { upserts: [{ href: '/u/c/ok.ics', etag: '"1"', data: 'ok' }, { href: '/u/c/bad.ics', etag: '"1"', data: 'bad' }], removed: [], syncToken: 't', ctag: null });
  expect(seen).toEqual(['ok']);
  // Both raw resources are stored; only the good one's index write survived.
  expect(dav.collectionState(collectionId).etags.size).toBe(2);
  expect(db.prepare('SELECT count(*) FROM ix_probe').pluck().get()).toBe(1);
});
