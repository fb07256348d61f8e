import { statusError } from './errors';
import { dataProp, fetchData, resourceData } from './fetch-data';
import { hrefKey } from './href';
import type { DavHttp } from './http';
import { etagOf } from './props';
import type { CollectionReport, DavSink, RemoteCollection, RemoteResource } from './types';

const NS = 'xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cr="urn:ietf:params:xml:ns:carddav"';
const MAX_PAGES = 10_000;

interface Listed {
  href: string;
  etag: string | null;
  /** Sent inline (Radicale does); null when it must be fetched (Xandikos never sends it here). */
  data: string | null;
}

type SyncReportResult =
  | { ok: true; items: Listed[]; removed: string[]; token: string | null }
  | { ok: false; status: number };

/**
 * RFC 6578 sync-collection, following truncated answers (507 on the collection itself) until
 * the server says it is done. Nothing is applied here: the caller stores every page and the
 * final token together.
 */
async function syncReport(http: DavHttp, coll: RemoteCollection, token: string | null): Promise<SyncReportResult> {
  const self = hrefKey(coll.url, coll.url);
  const items = new Map<string, Listed>();
  const removed = new Set<string>();
  let cursor = token;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = `<?xml version="1.0" encoding="utf-8"?><d:sync-collection ${NS}><d:sync-token>${cursor ? cursor.replace(/&/g, '&amp;').replace(/</g, '&lt;') : ''}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/>${dataProp(coll.kind)}</d:prop></d:sync-collection>`;
    const ms = await http.xml('REPORT', coll.url, body, '1');
    // 403/409 (valid-sync-token), Xandikos' 500 on a foreign token, 501/400 where unsupported.
    if (ms.status !== 207) return { ok: false, status: ms.status };
    let truncated = false;
    for (const r of ms.responses) {
      const href = hrefKey(String(r.href), coll.url);
      if (href === self) {
        if (r.status === 507) truncated = true;
        continue;
      }
      if (r.status === 404) {
        items.delete(href);
        removed.add(href);
      } else if (r.status >= 200 && r.status < 300) {
        removed.delete(href);
        items.set(href, { href, etag: etagOf(r.props?.getetag), data: resourceData(coll.kind, r.props) });
      }
    }
    if (!truncated) return { ok: true, items: [...items.values()], removed: [...removed], token: ms.syncToken };
    // A truncated answer must hand over a new token to continue from; asking again with the same
    // one would bring the same page back up to MAX_PAGES times. Treat it as unusable paging.
    if (!ms.syncToken || ms.syncToken === cursor) return { ok: false, status: 507 };
    cursor = ms.syncToken;
  }
  return { ok: false, status: 507 };
}

/** PROPFIND Depth 1 for every member's ETag: the fallback for servers without a usable sync-collection. */
async function etagListing(http: DavHttp, coll: RemoteCollection): Promise<Listed[]> {
  const ms = await http.xml('PROPFIND', coll.url, `<?xml version="1.0" encoding="utf-8"?><d:propfind ${NS}><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>`, '1');
  if (ms.status !== 207) throw statusError(ms.status, 'listing items', coll.url);
  const self = hrefKey(coll.url, coll.url);
  return ms.responses
    .filter((r) => r.status >= 200 && r.status < 300)
    .map((r) => ({ href: hrefKey(String(r.href), coll.url), etag: etagOf(r.props?.getetag), data: null }))
    .filter((r) => r.href !== self && !r.href.endsWith('/'));
}

/** Items whose ETag differs from ours, with their data (inline where sent, fetched otherwise). */
async function withData(http: DavHttp, coll: RemoteCollection, listed: Listed[], local: Map<string, string | null>, full: boolean): Promise<RemoteResource[]> {
  const changed = listed.filter((i) => i.etag === null || local.get(i.href) !== i.etag);
  const inline: RemoteResource[] = [];
  const missing: string[] = [];
  for (const i of changed) {
    if (i.data !== null) inline.push({ href: i.href, etag: i.etag, data: i.data });
    else missing.push(i.href);
  }
  const fetched = await fetchData(http, coll.kind, coll.url, missing, full ? listed.length : missing.length * 4);
  return [...inline, ...fetched];
}

/**
 * Brings one collection up to date. With a saved token: sync-collection delta. Without one, or
 * when the server refuses the token (403/409/500…): a full listing — sync-collection without a
 * token, else a PROPFIND of ETags — whose differences from the local copy are the changes,
 * deletions included. The server's collection listing (sync-token / ctag) short-cuts a
 * collection that did not change at all.
 */
export async function syncCollection(http: DavHttp, sink: DavSink, coll: RemoteCollection): Promise<CollectionReport> {
  const local = sink.collectionState(coll.url);
  const report = (method: CollectionReport['method'], upserts: number, removed: number, tokenRejected = false): CollectionReport =>
    ({ url: coll.url, kind: coll.kind, method, upserts, removed, tokenRejected });

  if (local.syncToken && coll.syncToken !== null && coll.syncToken === local.syncToken) return report('unchanged', 0, 0);
  if (!local.syncToken && local.ctag && coll.ctag !== null && coll.ctag === local.ctag) return report('unchanged', 0, 0);

  let tokenRejected = false;
  if (local.syncToken) {
    const delta = await syncReport(http, coll, local.syncToken);
    if (delta.ok) {
      const upserts = await withData(http, coll, delta.items, local.etags, false);
      // A changed item we could not fetch (deleted meanwhile) is left for the next delta.
      sink.applyChanges(coll.url, coll.kind, { upserts, removed: delta.removed, syncToken: delta.token ?? local.syncToken, ctag: coll.ctag, full: false });
      return report('sync-token', upserts.length, delta.removed.length);
    }
    tokenRejected = true;
  }

  const listing = await syncReport(http, coll, null);
  const listed = listing.ok ? listing.items : await etagListing(http, coll);
  const onServer = new Set(listed.map((i) => i.href));
  const removed = [...local.etags.keys()].filter((h) => !onServer.has(h));
  const upserts = await withData(http, coll, listed, local.etags, true);
  // Without a working sync-collection the token is useless to us: keep the ctag only.
  const syncToken = listing.ok ? listing.token : null;
  sink.applyChanges(coll.url, coll.kind, { upserts, removed, syncToken, ctag: coll.ctag, full: true });
  return report(listing.ok ? 'full-sync-collection' : 'etag-listing', upserts.length, removed.length, tokenRejected);
}
