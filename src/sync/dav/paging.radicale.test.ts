// RFC 6578 §3.6 paging against a real Radicale behind a proxy that truncates every sync-collection
// answer: all pages are applied before a token is saved, and a cut between pages stores nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PmsyncError } from '../../shared/errors';
import { DavEngine } from './engine';
import { eventIcs, startRadicale, vcard, type DavTestServer } from './test-support/dav-servers';
import { MemorySink } from './test-support/memory-sink';
import { startPagingProxy, type PagingProxy } from './test-support/paging-proxy';

const EVENTS = 23;
const CARDS = 12;
const PAGE = 5;

/** The collection's current sync-token, asked of Radicale directly (not through the proxy). */
async function serverToken(server: DavTestServer, collectionUrl: string): Promise<string> {
  const r = await server.request('PROPFIND', collectionUrl, '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:sync-token/></d:prop></d:propfind>', { depth: '0', 'content-type': 'application/xml' });
  const token = /<(?:[\w.-]+:)?sync-token>([^<]+)</.exec(r.text)?.[1];
  if (!token) throw new Error(`no sync-token for ${collectionUrl}: ${r.status} ${r.text.slice(0, 200)}`);
  return token.replace(/&amp;/g, '&');
}

/** Summary lines (events) or FN lines (cards) of what the sink holds, sorted. */
function names(sink: MemorySink, url: string): string[] {
  const items = sink.collections.get(url)?.items ?? new Map();
  return [...items.values()].map((i) => /^(?:SUMMARY|FN):(.*)$/m.exec(i.data)?.[1]?.trim() ?? '?').sort();
}

function range(n: number, label: (i: number) => string): string[] {
  return Array.from({ length: n }, (_, i) => label(i)).sort();
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('sync-collection paging (507 on the collection) through a truncating proxy in front of Radicale', () => {
  let server: DavTestServer;
  let proxy: PagingProxy;
  let cal: string;
  let book: string;
  /** The same collections as the engine sees them (through the proxy). */
  let calViaProxy: string;
  let bookViaProxy: string;
  let engine: DavEngine;

  beforeEach(async () => {
    server = await startRadicale();
    cal = await server.makeCalendar('team', 'Team');
    book = await server.makeAddressBook('friends', 'Friends');
    for (let i = 0; i < EVENTS; i++) await server.request('PUT', `${cal}e${i}.ics`, eventIcs(`e${i}`, `Event ${i}`), { 'content-type': 'text/calendar' });
    for (let i = 0; i < CARDS; i++) await server.request('PUT', `${book}c${i}.vcf`, vcard(`c${i}`, `Card ${i}`), { 'content-type': 'text/vcard' });
    proxy = await startPagingProxy(server.url, PAGE);
    calViaProxy = new URL(new URL(cal).pathname, proxy.url).href;
    bookViaProxy = new URL(new URL(book).pathname, proxy.url).href;
    engine = new DavEngine({ credentials: { url: proxy.url, user: server.user, password: server.password }, timeoutMs: 10_000 });
  }, 60_000);

  afterEach(async () => {
    await proxy?.close();
    await server?.dispose();
  });

  it('follows a truncated first sync to the last page and saves every item with the server\'s final token in one batch', async () => {
    const sink = new MemorySink();
    const report = await engine.syncOnce(sink);
    expect(report.collections.map((c) => [c.kind, c.method, c.upserts]).sort()).toEqual([['addressbook', 'full-sync-collection', CARDS], ['calendar', 'full-sync-collection', EVENTS]]);
    // The proxy really paged: ceil(23/5)-1 + ceil(12/5)-1 follow-up requests with synthetic tokens.
    expect(proxy.followUps.filter((f) => f.status === 'served')).toHaveLength(Math.ceil(EVENTS / PAGE) - 1 + Math.ceil(CARDS / PAGE) - 1);

    expect(names(sink, calViaProxy)).toEqual(range(EVENTS, (i) => `Event ${i}`));
    expect(names(sink, bookViaProxy)).toEqual(range(CARDS, (i) => `Card ${i}`));
    for (const [viaProxy, direct] of [[calViaProxy, cal], [bookViaProxy, book]] as const) {
      const stored = sink.collections.get(viaProxy)?.syncToken;
      expect(stored).toBe(await serverToken(server, direct));
      expect(proxy.issuedTokens.has(stored ?? '')).toBe(false);
      // All pages in ONE applyChanges: never a token saved with part of the data.
      expect(sink.batches.filter((b) => b.url === viaProxy)).toHaveLength(1);
    }

    // The saved token is the server's, so the next pass knows nothing changed.
    const again = await engine.syncOnce(sink);
    expect(again.collections.map((c) => c.method)).toEqual(['unchanged', 'unchanged']);
  });

  it('applies a truncated delta (adds, changes, deletions spread over pages) and keeps the final token', async () => {
    const sink = new MemorySink();
    await engine.syncOnce(sink);
    for (let i = EVENTS; i < EVENTS + 8; i++) await server.request('PUT', `${cal}e${i}.ics`, eventIcs(`e${i}`, `Event ${i}`), { 'content-type': 'text/calendar' });
    for (const i of [0, 1, 2]) await server.request('PUT', `${cal}e${i}.ics`, eventIcs(`e${i}`, `Changed ${i}`), { 'content-type': 'text/calendar' });
    for (const i of [3, 4, 5, 6]) expect((await server.request('DELETE', `${cal}e${i}.ics`)).status).toBeLessThan(300);
    const before = proxy.followUps.length;

    const report = await engine.syncOnce(sink);
    expect(report.collections.find((c) => c.kind === 'calendar')).toMatchObject({ method: 'sync-token', upserts: 11, removed: 4, tokenRejected: false });
    expect(proxy.followUps.length - before).toBe(Math.ceil(15 / PAGE) - 1);

    const expected = [
      ...[0, 1, 2].map((i) => `Changed ${i}`),
      ...range(EVENTS + 8, (i) => `Event ${i}`).filter((n) => Number(n.split(' ')[1]) > 6),
    ].sort();
    expect(names(sink, calViaProxy)).toEqual(expected);
    const stored = sink.collections.get(calViaProxy)?.syncToken;
    expect(stored).toBe(await serverToken(server, cal));
    expect(proxy.issuedTokens.has(stored ?? '')).toBe(false);
    expect((await engine.syncOnce(sink)).collections.map((c) => c.method)).toEqual(['unchanged', 'unchanged']);
  });

  it('stops following a server that truncates without moving its token, and falls back to an ETag listing', async () => {
    const sink = new MemorySink();
    proxy.fault = 'same-token-again';
    const report = await engine.syncOnce(sink);
    // One follow-up per collection is enough to see the token did not move (not MAX_PAGES of them).
    expect(proxy.followUps).toHaveLength(2);
    expect(report.collections.map((c) => [c.kind, c.method, c.upserts]).sort()).toEqual([['addressbook', 'etag-listing', CARDS], ['calendar', 'etag-listing', EVENTS]]);
    expect(names(sink, calViaProxy)).toEqual(range(EVENTS, (i) => `Event ${i}`));
    expect(names(sink, bookViaProxy)).toEqual(range(CARDS, (i) => `Card ${i}`));
    // No token from the broken paging is kept; the ctag decides next time.
    expect(sink.collections.get(calViaProxy)?.syncToken).toBeNull();
    expect(sink.collections.get(calViaProxy)?.ctag).toBeTruthy();
  });

  it.each(['cut-before-answer', 'cut-mid-body'] as const)('stores nothing when the first sync is cut on page 2 (%s); the next sync completes', async (fault) => {
    const sink = new MemorySink();
    proxy.fault = fault;
    const failure = await engine.syncOnce(sink).then(() => null, (err: unknown) => err);
    expect(failure).toBeInstanceOf(PmsyncError);
    expect((failure as PmsyncError).code).toBe('CONNECTION_LOST');
    // Both lanes reach page 2 and are cut; wait for the second so nothing is still in flight.
    await until(() => proxy.followUps.filter((f) => f.status === 'cut').length === 2, 'both collections to be cut');
    await new Promise((r) => setTimeout(r, 100));
    for (const url of [calViaProxy, bookViaProxy]) {
      expect(sink.collections.get(url)?.syncToken ?? null).toBeNull();
      expect(sink.collections.get(url)?.items.size ?? 0).toBe(0);
    }
    expect(sink.batches).toHaveLength(0);

    proxy.fault = 'none';
    const report = await engine.syncOnce(sink);
    expect(report.collections.map((c) => c.method)).toEqual(['full-sync-collection', 'full-sync-collection']);
    expect(names(sink, calViaProxy)).toEqual(range(EVENTS, (i) => `Event ${i}`));
    expect(names(sink, bookViaProxy)).toEqual(range(CARDS, (i) => `Card ${i}`));
    expect(sink.collections.get(calViaProxy)?.syncToken).toBe(await serverToken(server, cal));
    expect(sink.collections.get(bookViaProxy)?.syncToken).toBe(await serverToken(server, book));
  });

  it.each(['cut-before-answer', 'cut-mid-body'] as const)('keeps the old token and data when a delta is cut on page 2 (%s); the next delta applies everything', async (fault) => {
    const sink = new MemorySink();
    await engine.syncOnce(sink);
    const oldToken = sink.collections.get(calViaProxy)?.syncToken;
    const oldNames = names(sink, calViaProxy);
    expect(oldToken).toBe(await serverToken(server, cal));

    for (let i = EVENTS; i < EVENTS + 9; i++) await server.request('PUT', `${cal}e${i}.ics`, eventIcs(`e${i}`, `Event ${i}`), { 'content-type': 'text/calendar' });
    expect((await server.request('DELETE', `${cal}e0.ics`)).status).toBeLessThan(300);
    proxy.fault = fault;
    const failure = await engine.syncOnce(sink).then(() => null, (err: unknown) => err);
    expect(failure).toBeInstanceOf(PmsyncError);
    expect((failure as PmsyncError).hint).toBeTruthy();
    expect(proxy.followUps.filter((f) => f.status === 'cut')).toHaveLength(1);
    // Not ahead of its data: the token is still the one the old data belongs to.
    expect(sink.collections.get(calViaProxy)?.syncToken).toBe(oldToken);
    expect(names(sink, calViaProxy)).toEqual(oldNames);

    proxy.fault = 'none';
    const report = await engine.syncOnce(sink);
    expect(report.collections.find((c) => c.kind === 'calendar')).toMatchObject({ method: 'sync-token', upserts: 9, removed: 1 });
    expect(names(sink, calViaProxy)).toEqual(range(EVENTS + 9, (i) => `Event ${i}`).filter((n) => n !== 'Event 0'));
    expect(sink.collections.get(calViaProxy)?.syncToken).toBe(await serverToken(server, cal));
  });
});
