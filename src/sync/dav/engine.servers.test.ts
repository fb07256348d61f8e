import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DavEngine } from './engine';
import { MemorySink } from './test-support/memory-sink';
import { eventIcs, startRadicale, startXandikos, vcard, type DavTestServer } from './test-support/dav-servers';

/** A proxy that answers 501 to every sync-collection REPORT: a server without RFC 6578. */
async function withoutSyncCollection(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'REPORT' && body.toString('utf8').includes('sync-collection')) {
        res.writeHead(501).end('not implemented');
        return;
      }
      const up = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.writeHead(502).end());
      up.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

describe.each([['Radicale', startRadicale], ['Xandikos', startXandikos]] as const)('DavEngine against %s', (_name, start) => {
  let server: DavTestServer;
  let cal: string;
  let book: string;

  beforeAll(async () => {
    server = await start();
    cal = await server.makeCalendar('team', 'Team');
    book = await server.makeAddressBook('friends', 'Friends');
    for (let i = 0; i < 60; i++) await server.request('PUT', `${cal}t${i}.ics`, eventIcs(`t${i}`, `Team ${i}`), { 'content-type': 'text/calendar' });
    for (let i = 0; i < 60; i++) await server.request('PUT', `${book}f${i}.vcf`, vcard(`f${i}`, `Friend ${i}`), { 'content-type': 'text/vcard' });
  }, 60_000);
  afterAll(async () => server?.dispose());

  it('falls back to an ETag listing when sync-collection is refused, and still finds changes and deletions', async () => {
    const proxy = await withoutSyncCollection(server.url);
    try {
      const engine = new DavEngine({ credentials: { url: proxy.url, user: server.user, password: server.password } });
      const sink = new MemorySink();
      const first = await engine.syncOnce(sink);
      const proxied = (u: string) => new URL(new URL(u).pathname, proxy.url).href;
      expect(first.collections.map((c) => [c.method, c.upserts])).toEqual([['etag-listing', 60], ['etag-listing', 60]]);
      expect(sink.collections.get(proxied(cal))?.syncToken).toBeNull();
      expect(sink.collections.get(proxied(cal))?.ctag).toBeTruthy();

      const unchanged = await engine.syncOnce(sink);
      expect(unchanged.collections.every((c) => c.method === 'unchanged')).toBe(true);

      await server.request('PUT', `${cal}t0.ics`, eventIcs('t0', 'Team 0 again'), { 'content-type': 'text/calendar' });
      await server.request('DELETE', `${cal}t1.ics`);
      const second = await engine.syncOnce(sink);
      expect(second.collections.find((c) => c.kind === 'calendar')).toMatchObject({ method: 'etag-listing', upserts: 1, removed: 1 });
      const items = sink.collections.get(proxied(cal))?.items;
      expect(items?.size).toBe(59);
      expect([...(items?.values() ?? [])].some((i) => i.data.includes('Team 0 again'))).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('fetches item data efficiently on a first sync (one query, not one multiget per item)', async () => {
    const engine = new DavEngine({ credentials: { url: server.url, user: server.user, password: server.password } });
    const requests: string[] = [];
    const original = engine.http.fetch;
    Object.defineProperty(engine.http, 'fetch', { value: async (input: string, init?: RequestInit) => {
      requests.push(`${init?.method ?? 'GET'} ${String(init?.body ?? '').match(/<[a-z]+:([a-z-]+)/)?.[1] ?? ''}`);
      return original(input, init);
    } });
    const sink = new MemorySink();
    const report = await engine.syncOnce(sink);
    expect(report.collections.map((c) => c.upserts).sort()).toEqual([59, 60]);
    // Per collection: the sync-collection REPORT, plus at most one query/multiget round for data the server did not inline.
    expect(requests.filter((r) => r.startsWith('REPORT')).length).toBeLessThanOrEqual(5);
  });
});
