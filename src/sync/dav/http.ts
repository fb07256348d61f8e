import { davRequest, type DAVResponse } from 'tsdav';
import { networkError } from './errors';

export interface DavHttpOptions {
  user: string;
  password: string;
  /** Per request (default 60 s: a first REPORT with thousands of items takes a while). */
  timeoutMs?: number;
}

export interface Multistatus {
  status: number;
  responses: DAVResponse[];
  /** Top-level DAV:sync-token of a sync-collection answer. */
  syncToken: string | null;
  /** A non-207 answer's body (for error messages). */
  raw: string;
}

const XML = 'application/xml; charset=utf-8';

/** HTTP for one DAV account: Basic auth, timeouts, network errors as PmsyncErrors. */
export class DavHttp {
  private readonly auth: string;
  private readonly timeoutMs: number;

  constructor(o: DavHttpOptions) {
    this.auth = 'Basic ' + Buffer.from(`${o.user}:${o.password}`, 'utf8').toString('base64');
    this.timeoutMs = o.timeoutMs ?? 60_000;
  }

  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init.headers);
    headers.set('authorization', this.auth);
    try {
      return await fetch(url, { ...init, headers, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw networkError(err, url);
    }
  };

  /** A response body; a connection that breaks while it arrives is a network error like any other. */
  async text(r: Response, url: string): Promise<string> {
    try {
      return await r.text();
    } catch (err) {
      throw networkError(err, url);
    }
  }

  /** PROPFIND / REPORT with an XML body; the answer parsed by tsdav (camelCased names, no prefixes). */
  async xml(method: 'PROPFIND' | 'REPORT', url: string, body: string, depth: '0' | '1'): Promise<Multistatus> {
    let status = 0;
    let raw = '';
    const fetchWithStatus = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const r = await this.fetch(input, init);
      status = r.status;
      // The body is read here, not by tsdav: a connection cut mid-answer must surface as a
      // network PmsyncError (retry later), not as undici's bare "TypeError: terminated".
      const text = await this.text(r, url);
      if (!r.ok) raw = text;
      return new Response(text, { status: r.status, statusText: r.statusText, headers: r.headers });
    };
    const responses = await davRequest({
      url,
      init: { method, headers: { 'content-type': XML, depth }, body },
      convertIncoming: false,
      fetch: fetchWithStatus as typeof fetch,
    });
    const first = responses[0];
    const multistatus = (first?.raw as { multistatus?: { syncToken?: unknown } } | undefined)?.multistatus;
    const token = multistatus?.syncToken;
    const ok = status === 207 && responses.every((r) => r.href !== undefined || r.ok);
    return {
      status,
      responses: status === 207 && multistatus ? responses.filter((r) => r.href !== undefined) : [],
      syncToken: typeof token === 'string' || typeof token === 'number' ? String(token) : null,
      raw: ok ? '' : raw,
    };
  }
}
