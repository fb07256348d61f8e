import { DavRefusedError, statusError } from './errors';
import type { DavHttp } from './http';
import { etagOf } from './props';
import type { CollectionKind } from './types';

export type WriteResult =
  | { ok: true; etag: string | null }
  /** 412: the server's copy is not the one we based the change on. Nothing was written. */
  | { ok: false; conflict: true };

const CONTENT_TYPE: Record<CollectionKind, string> = {
  calendar: 'text/calendar; charset=utf-8',
  addressbook: 'text/vcard; charset=utf-8',
};

async function drain(r: Response): Promise<string> {
  try {
    return await r.text();
  } catch {
    return '';
  }
}

function refuse(status: number, what: string, url: string, body: string): never {
  if (status === 401 || status >= 500 || status === 408 || status === 429) throw statusError(status, what, url);
  const detail = body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
  throw new DavRefusedError(status, `The server refused ${what} (HTTP ${status}${detail ? `: ${detail}` : ''}).`);
}

/** ETag of a resource by PROPFIND, for servers that send none with the PUT answer. */
async function currentEtag(http: DavHttp, url: string): Promise<string | null> {
  const ms = await http.xml('PROPFIND', url, '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>', '0');
  return ms.status === 207 ? etagOf(ms.responses[0]?.props?.getetag) : null;
}

/**
 * PUT with If-Match (update of a known version) or If-None-Match: * (create): a 412 never
 * overwrites, it comes back as a conflict.
 */
export async function putResource(http: DavHttp, kind: CollectionKind, url: string, data: string, etag: string | null): Promise<WriteResult> {
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPE[kind] };
  if (etag) headers['if-match'] = etag;
  else headers['if-none-match'] = '*';
  const r = await http.fetch(url, { method: 'PUT', headers, body: data });
  const body = await drain(r);
  if (r.status === 412) return { ok: false, conflict: true };
  if (!r.ok) refuse(r.status, `saving ${new URL(url).pathname}`, url, body);
  // Weak or missing ETag: the server may have rewritten the data; ask for the current one.
  const sent = r.headers.get('etag');
  return { ok: true, etag: sent && !sent.startsWith('W/') ? sent : await currentEtag(http, url) };
}

/** DELETE with If-Match; a resource already gone counts as deleted. */
export async function deleteResource(http: DavHttp, url: string, etag: string | null): Promise<WriteResult> {
  const r = await http.fetch(url, { method: 'DELETE', headers: etag ? { 'if-match': etag } : {} });
  const body = await drain(r);
  if (r.status === 412) return { ok: false, conflict: true };
  if (r.status === 404 || r.status === 410) return { ok: true, etag: null };
  if (!r.ok) refuse(r.status, `deleting ${new URL(url).pathname}`, url, body);
  return { ok: true, etag: null };
}

/** The server's current copy (for a conflict): null when it no longer exists. */
export async function getResource(http: DavHttp, url: string): Promise<{ data: string; etag: string | null } | null> {
  const r = await http.fetch(url, { method: 'GET' });
  if (!r.ok) {
    const body = await drain(r);
    if (r.status === 404 || r.status === 410) return null;
    refuse(r.status, `reading ${new URL(url).pathname}`, url, body);
  }
  // Not drain(): a copy cut short must fail (and be retried), never become the server's version.
  return { data: await http.text(r, url), etag: r.headers.get('etag') };
}

