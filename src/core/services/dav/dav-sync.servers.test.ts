import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventIcs, startRadicale, startXandikos, vcard, type DavTestServer } from '../../../sync/dav/test-support/dav-servers';
import { openDavEnv, type DavEnv } from './test-support/dav-env';

const servers = [['Radicale', startRadicale], ['Xandikos', startXandikos]] as const;

describe.each(servers)('DAV sync against %s', (_name, start) => {
  let server: DavTestServer;
  let env: DavEnv;
  let accountId: number;
  let workUrl: string;
  let homeUrl: string;
  let peopleUrl: string;

  const put = async (url: string, body: string, type = 'text/calendar') => {
    const r = await server.request('PUT', url, body, { 'content-type': type });
    expect([201, 204]).toContain(r.status);
    return r.etag;
  };
  const resources = (collectionId: number) =>
    env.db.prepare('SELECT id, href, etag, data, sync_state AS syncState, deleted FROM dav_resources WHERE collection_id = ? ORDER BY href')
      .all(collectionId) as { id: number; href: string; etag: string | null; data: string; syncState: string; deleted: number }[];
  const collectionId = (url: string) => {
    const c = env.parts.dav.collectionByUrl(accountId, url);
    if (!c) throw new Error(`no local collection for ${url}`);
    return c.id;
  };
  const sync = () => env.parts.supervisor.syncOnce(accountId);
  const uidsOf = (collectionIdValue: number) => resources(collectionIdValue).map((r) => /UID:(.*)/.exec(r.data)?.[1]?.trim()).sort();

  beforeAll(async () => {
    server = await start();
    workUrl = await server.makeCalendar('work', 'Work', '#ff0000ff');
    homeUrl = await server.makeCalendar('home', 'Home');
    peopleUrl = await server.makeAddressBook('people', 'People');
    for (let i = 0; i < 25; i++) await put(`${workUrl}w${i}.ics`, eventIcs(`w${i}`, `Work ${i}`));
    for (let i = 0; i < 5; i++) await put(`${homeUrl}h${i}.ics`, eventIcs(`h${i}`, `Home ${i}`));
    for (let i = 0; i < 20; i++) await put(`${peopleUrl}p${i}.vcf`, vcard(`p${i}`, `Person ${i}`), 'text/vcard');
    env = await openDavEnv();
  });
  afterAll(async () => {
    await env?.close();
    await server?.dispose();
  });

  it('discovers every calendar and address book through the well-known URLs', async () => {
    accountId = await env.addAccount(server);
    const account = env.parts.accounts.listDav().find((a) => a.id === accountId);
    expect(account).toMatchObject({ calendars: 2, addressBooks: 1, user: 'alice' });
    const calendars = env.parts.accounts.listCalendars();
    expect(calendars.map((c) => c.name).sort()).toEqual(['Home', 'Work']);
    const work = calendars.find((c) => c.name === 'Work');
    expect(work).toMatchObject({ readOnly: false, visible: true });
    if (server.kind === 'radicale') expect(work?.color.toLowerCase()).toBe('#ff0000ff');
    expect(work?.components).toContain('VEVENT');
    expect(env.parts.accounts.listAddressBooks().map((b) => b.name)).toEqual(['People']);
    // DAV accounts are not mail accounts.
    expect(env.t.store.listAccounts().map((a) => a.kind)).not.toContain('dav');
  });

  it('downloads every item of every collection, indexed in the same transaction', async () => {
    const report = await sync();
    expect(report.collections.map((c) => c.method)).toEqual(['full-sync-collection', 'full-sync-collection', 'full-sync-collection']);
    expect(uidsOf(collectionId(workUrl))).toEqual(Array.from({ length: 25 }, (_, i) => `w${i}`).sort());
    expect(uidsOf(collectionId(homeUrl))).toEqual(['h0', 'h1', 'h2', 'h3', 'h4']);
    expect(uidsOf(collectionId(peopleUrl))).toEqual(Array.from({ length: 20 }, (_, i) => `p${i}`).sort());
    const work = resources(collectionId(workUrl));
    expect(work.every((r) => r.etag && r.syncState === 'synced' && r.data.includes('SUMMARY:Work'))).toBe(true);
    expect(env.calendars.rows.size).toBe(30);
    expect(env.contacts.rows.size).toBe(20);
    expect(env.calendars.outsideTransaction + env.contacts.outsideTransaction).toBe(0);
    expect(env.seen('calendar.changed').length).toBeGreaterThan(0);
    expect(env.seen('contacts.changed').length).toBeGreaterThan(0);
    // Nothing changed: the collection listing alone says so.
    const again = await sync();
    expect(again.collections.every((c) => c.method === 'unchanged')).toBe(true);
  });

  it('applies another client\'s adds, changes and deletions through the sync token', async () => {
    await put(`${workUrl}new.ics`, eventIcs('new', 'Added elsewhere'));
    await put(`${workUrl}w3.ics`, eventIcs('w3', 'Work 3 changed elsewhere'));
    expect((await server.request('DELETE', `${workUrl}w4.ics`)).status).toBeLessThan(300);
    await put(`${peopleUrl}p1.vcf`, vcard('p1', 'Person One Renamed'), 'text/vcard');
    expect((await server.request('DELETE', `${peopleUrl}p2.vcf`)).status).toBeLessThan(300);

    const report = await sync();
    const byUrl = new Map(report.collections.map((c) => [c.url, c]));
    expect(byUrl.get(workUrl)).toMatchObject({ method: 'sync-token', upserts: 2, removed: 1, tokenRejected: false });
    expect(byUrl.get(homeUrl)?.method).toBe('unchanged');
    expect(byUrl.get(peopleUrl)).toMatchObject({ method: 'sync-token', upserts: 1, removed: 1 });
    const work = resources(collectionId(workUrl));
    expect(work.find((r) => r.href.endsWith('/w3.ics'))?.data).toContain('Work 3 changed elsewhere');
    expect(work.some((r) => r.href.endsWith('/w4.ics'))).toBe(false);
    expect(work.find((r) => r.href.endsWith('/new.ics'))?.data).toContain('Added elsewhere');
    const people = resources(collectionId(peopleUrl));
    expect(people.find((r) => r.href.endsWith('/p1.vcf'))?.data).toContain('Person One Renamed');
    expect(people.some((r) => r.href.endsWith('/p2.vcf'))).toBe(false);
    expect(env.calendars.rows.size).toBe(30);
    expect(env.contacts.rows.size).toBe(19);
  });

  it('drops to a full resync when the server refuses the saved token, and still finds deletions', async () => {
    env.db.prepare("UPDATE dav_collections SET sync_token = 'http://bogus.invalid/sync/123' WHERE id = ?").run(collectionId(workUrl));
    expect((await server.request('DELETE', `${workUrl}w5.ics`)).status).toBeLessThan(300);
    await put(`${workUrl}w6.ics`, eventIcs('w6', 'Work 6 changed'));
    const report = await sync();
    const work = report.collections.find((c) => c.url === workUrl);
    expect(work).toMatchObject({ tokenRejected: true, method: 'full-sync-collection', removed: 1, upserts: 1 });
    const rows = resources(collectionId(workUrl));
    expect(rows.some((r) => r.href.endsWith('/w5.ics'))).toBe(false);
    expect(rows.find((r) => r.href.endsWith('/w6.ics'))?.data).toContain('Work 6 changed');
    expect(rows).toHaveLength(24);
    // The new token works again.
    await put(`${workUrl}w7.ics`, eventIcs('w7', 'Work 7 changed'));
    expect((await sync()).collections.find((c) => c.url === workUrl)).toMatchObject({ method: 'sync-token', upserts: 1 });
  });

  it('writes local changes with If-None-Match / If-Match and keeps them through the next sync', async () => {
    const cal = collectionId(homeUrl);
    const created = env.parts.writer.create(cal, 'local-1', eventIcs('local-1', 'Made here'));
    expect(created.syncState).toBe('pending');
    const h0 = resources(cal).find((r) => r.href.endsWith('/h0.ics'));
    if (!h0) throw new Error('h0 missing');
    env.parts.writer.update(h0.id, eventIcs('h0', 'Home 0 edited here'));
    const h1 = resources(cal).find((r) => r.href.endsWith('/h1.ics'));
    if (!h1) throw new Error('h1 missing');
    env.parts.writer.remove(h1.id);
    expect(env.calendars.rows.has(h1.id)).toBe(false);

    const drained = await env.queue.drain({ timeoutMs: 20_000 });
    expect(drained).toMatchObject({ done: 3, failed: 0, pending: 0 });
    expect((await server.request('GET', new URL(created.href, homeUrl).href)).text).toContain('Made here');
    expect((await server.request('GET', `${homeUrl}h0.ics`)).text).toContain('Home 0 edited here');
    expect((await server.request('GET', `${homeUrl}h1.ics`)).status).toBe(404);
    const rows = resources(cal);
    expect(rows.every((r) => r.syncState === 'synced' && r.etag)).toBe(true);
    expect(rows.map((r) => r.href.split('/').pop())).toEqual(['h0.ics', 'h2.ics', 'h3.ics', 'h4.ics', 'local-1.ics']);
    await sync();
    expect(resources(cal)).toEqual(rows);
  });

  it('matches its own item after the server spells the href differently (a UID with @)', async () => {
    const cal = collectionId(workUrl);
    const created = env.parts.writer.create(cal, 'meet@example.org', eventIcs('meet@example.org', 'Meeting'));
    expect((await env.queue.drain({ timeoutMs: 20_000 })).done).toBe(1);
    await put(`${workUrl}other.ics`, eventIcs('other', 'Forces a delta'));
    const report = await sync();
    expect(report.collections.find((c) => c.url === workUrl)).toMatchObject({ upserts: 1, removed: 0 });
    expect(resources(cal).filter((r) => r.data.includes('UID:meet@example.org'))).toEqual([expect.objectContaining({ id: created.id, syncState: 'synced' })]);
    // And a full listing (no token) matches it too.
    env.db.prepare('UPDATE dav_collections SET sync_token = NULL, ctag = NULL WHERE id = ?').run(cal);
    expect((await sync()).collections.find((c) => c.url === workUrl)).toMatchObject({ method: 'full-sync-collection', upserts: 0, removed: 0 });
    expect(resources(cal).filter((r) => r.data.includes('UID:meet@example.org'))).toHaveLength(1);
  });

  it('turns a stale ETag into a conflict without overwriting the server, then lets the user choose', async () => {
    const cal = collectionId(homeUrl);
    const h2 = resources(cal).find((r) => r.href.endsWith('/h2.ics'));
    const h3 = resources(cal).find((r) => r.href.endsWith('/h3.ics'));
    if (!h2 || !h3) throw new Error('seeded items missing');
    await put(`${homeUrl}h2.ics`, eventIcs('h2', 'Server side of h2'));
    await put(`${homeUrl}h3.ics`, eventIcs('h3', 'Server side of h3'));
    env.parts.writer.update(h2.id, eventIcs('h2', 'Local side of h2'));
    env.parts.writer.update(h3.id, eventIcs('h3', 'Local side of h3'));
    await env.queue.drain({ timeoutMs: 20_000 });

    expect((await server.request('GET', `${homeUrl}h2.ics`)).text).toContain('Server side of h2');
    expect((await server.request('GET', `${homeUrl}h3.ics`)).text).toContain('Server side of h3');
    const conflicts = env.parts.conflicts.list();
    expect(conflicts).toHaveLength(2);
    const c2 = conflicts.find((c) => c.title === 'Local side of h2');
    expect(c2).toMatchObject({ kind: 'event', collectionId: cal });
    expect(c2?.serverData).toContain('Server side of h2');
    expect(c2?.localData).toContain('Local side of h2');
    // A sync meanwhile does not overwrite the local side either.
    await sync();
    expect(resources(cal).find((r) => r.id === h2.id)).toMatchObject({ syncState: 'conflict' });
    expect(resources(cal).find((r) => r.id === h2.id)?.data).toContain('Local side of h2');

    const c3 = conflicts.find((c) => c.title === 'Local side of h3');
    if (!c2 || !c3) throw new Error('conflicts missing');
    env.parts.conflicts.resolve(c2.id, 'local');
    env.parts.conflicts.resolve(c3.id, 'server');
    await env.queue.drain({ timeoutMs: 20_000 });
    expect((await server.request('GET', `${homeUrl}h2.ics`)).text).toContain('Local side of h2');
    expect((await server.request('GET', `${homeUrl}h3.ics`)).text).toContain('Server side of h3');
    expect(resources(cal).find((r) => r.id === h3.id)?.data).toContain('Server side of h3');
    expect(env.parts.conflicts.list()).toEqual([]);
    expect(resources(cal).every((r) => r.syncState === 'synced')).toBe(true);
    expect(env.calendars.rows.get(h3.id)).toContain('Server side of h3');
  });

  it('a deletion meeting a server change is a conflict too; keeping the server\'s version brings the item back', async () => {
    const cal = collectionId(homeUrl);
    const h4 = resources(cal).find((r) => r.href.endsWith('/h4.ics'));
    if (!h4) throw new Error('h4 missing');
    await put(`${homeUrl}h4.ics`, eventIcs('h4', 'Home 4 changed on the server'));
    env.parts.writer.remove(h4.id);
    expect(env.calendars.rows.has(h4.id)).toBe(false);
    await env.queue.drain({ timeoutMs: 20_000 });
    expect((await server.request('GET', `${homeUrl}h4.ics`)).status).toBe(200);
    const [conflict] = env.parts.conflicts.list();
    expect(conflict).toMatchObject({ localSummary: 'Deleted here', localData: '' });
    expect(conflict?.serverData).toContain('Home 4 changed on the server');
    env.parts.conflicts.resolve(conflict?.id ?? 0, 'server');
    expect(env.parts.writer.getResource(h4.id)?.data).toContain('Home 4 changed on the server');
    expect(env.calendars.rows.get(h4.id)).toContain('Home 4 changed on the server');
    expect(env.t.store.tasks.countOpen()).toBe(0);
  });

  it('keeps offline edits as tasks and applies them when the server is back', async () => {
    const book = collectionId(peopleUrl);
    await server.stop();
    const created = env.parts.writer.create(book, 'offline-1', vcard('offline-1', 'Offline Person'));
    const p3 = resources(book).find((r) => r.href.endsWith('/p3.vcf'));
    const p4 = resources(book).find((r) => r.href.endsWith('/p4.vcf'));
    if (!p3 || !p4) throw new Error('seeded cards missing');
    env.parts.writer.update(p3.id, vcard('p3', 'Person Three Offline'));
    env.parts.writer.remove(p4.id);
    await expect(sync()).rejects.toMatchObject({ code: 'CONNECTION_REFUSED' });
    const offline = await env.queue.drain({ timeoutMs: 5_000 });
    expect(offline).toMatchObject({ done: 0, failed: 0, pending: 3 });
    expect(env.t.store.tasks.countOpen(accountId)).toBe(3);

    await server.restart();
    await sync();
    const back = await env.queue.drain({ timeoutMs: 20_000 });
    expect(back).toMatchObject({ done: 3, failed: 0, pending: 0 });
    expect((await server.request('GET', new URL(created.href, peopleUrl).href)).text).toContain('Offline Person');
    expect((await server.request('GET', `${peopleUrl}p3.vcf`)).text).toContain('Person Three Offline');
    expect((await server.request('GET', `${peopleUrl}p4.vcf`)).status).toBe(404);
  });
});
