// Test helper: an HTTP proxy in front of a real DAV server that truncates sync-collection answers
// into pages (RFC 6578 §3.6), because neither Radicale nor Xandikos ever truncates on its own.
// The first REPORT goes to the server; the proxy keeps the server's answer, returns its first
// `pageSize` responses plus a 507 on the collection and a synthetic token, and serves the rest
// when the client asks again with that token. The last page carries the server's real token.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the proxy misbehaves on pages after the first one. */
export type PageFault =
  | 'none'
  | 'cut-before-answer'
  | 'cut-mid-body'
  /** A broken server: every follow-up gets the same page again, 507 and the same token. */
  | 'same-token-again';

export interface PagingProxy {
  url: string;
  /** Every synthetic (intermediate) token handed out so far. */
  readonly issuedTokens: ReadonlySet<string>;
  /** sync-collection REPORTs answered as a page after the first (a follow-up with a synthetic token). */
  readonly followUps: { token: string; status: 'served' | 'cut' }[];
  /** Responses per page; truncation happens only when the server's answer has more. */
  pageSize: number;
  fault: PageFault;
  close(): Promise<void>;
}

interface Remainder {
  responses: string[];
  realToken: string;
  head: string;
  tail: string;
  prefix: string;
  href: string;
}

const RESPONSE = /<(?:([\w.-]+):)?response\b[^>]*>[\s\S]*?<\/(?:[\w.-]+:)?response>/g;
const SYNC_TOKEN = /(<(?:[\w.-]+:)?sync-token>)([\s\S]*?)(<\/(?:[\w.-]+:)?sync-token>)/;

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(upstream: URL, req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    // Plain bodies only: Radicale gzips when asked, and the proxy must read the XML.
    const headers = { ...req.headers };
    delete headers['accept-encoding'];
    const up = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: Buffer.concat(chunks) }));
      r.on('error', reject);
    });
    up.on('error', reject);
    up.end(body);
  });
}

function passThrough(res: http.ServerResponse, answer: { status: number; headers: http.IncomingHttpHeaders; body: Buffer }): void {
  const headers = { ...answer.headers };
  delete headers['transfer-encoding'];
  res.writeHead(answer.status, { ...headers, 'content-length': answer.body.length }).end(answer.body);
}

export async function startPagingProxy(target: string, pageSize: number): Promise<PagingProxy> {
  const upstream = new URL(target);
  const pending = new Map<string, Remainder>();
  let serial = 0;
  const state = {
    issuedTokens: new Set<string>(),
    followUps: [] as PagingProxy['followUps'],
    pageSize,
    fault: 'none' as PageFault,
  };

  /**
   * One page from a remainder: a synthetic token and a 507 while more is left, else the real
   * token. With `stuckAt`, the page makes no progress: it carries that (already used) token again.
   */
  const page = (r: Remainder, stuckAt?: string): string => {
    const chunk = r.responses.slice(0, state.pageSize);
    const rest = r.responses.slice(state.pageSize);
    let token = r.realToken;
    let truncated = '';
    if (rest.length > 0) {
      token = stuckAt ?? `http://pmsync.test/ns/sync/page-${++serial}`;
      state.issuedTokens.add(token);
      if (!stuckAt) pending.set(token, { ...r, responses: rest });
      const p = r.prefix ? `${r.prefix}:` : '';
      truncated = `<${p}response><${p}href>${r.href}</${p}href><${p}status>HTTP/1.1 507 Insufficient Storage</${p}status></${p}response>`;
    }
    // Radicale puts the token before the responses, RFC 6578's example after them.
    const withToken = (s: string) => s.replace(SYNC_TOKEN, (_m, open: string, _t: string, close: string) => `${open}${token}${close}`);
    return withToken(r.head) + chunk.join('') + truncated + withToken(r.tail);
  };

  const send = (res: http.ServerResponse, xml: string, contentType = 'application/xml; charset=utf-8') => {
    res.writeHead(207, { 'content-type': contentType, 'content-length': Buffer.byteLength(xml) });
    res.end(xml);
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const text = body.toString('utf8');
      if (req.method === 'REPORT' && text.includes('sync-collection')) {
        const asked = unescapeXml(SYNC_TOKEN.exec(text)?.[2]?.trim() ?? '');
        const rest = pending.get(asked);
        if (rest) {
          if (state.fault === 'cut-before-answer') {
            state.followUps.push({ token: asked, status: 'cut' });
            req.socket.destroy();
            return;
          }
          const xml = page(rest, state.fault === 'same-token-again' ? asked : undefined);
          if (state.fault === 'cut-mid-body') {
            state.followUps.push({ token: asked, status: 'cut' });
            res.writeHead(207, { 'content-type': 'application/xml; charset=utf-8', 'content-length': Buffer.byteLength(xml) });
            res.write(xml.slice(0, Math.floor(xml.length / 2)), () => req.socket.destroy());
            return;
          }
          state.followUps.push({ token: asked, status: 'served' });
          send(res, xml);
          return;
        }
        const answer = await forward(upstream, req, body);
        const xml = answer.body.toString('utf8');
        const responses = answer.status === 207 ? [...xml.matchAll(RESPONSE)] : [];
        const realToken = SYNC_TOKEN.exec(xml)?.[2];
        const first = responses[0];
        const last = responses[responses.length - 1];
        if (!first || !last || realToken === undefined || first.index === undefined || last.index === undefined) {
          passThrough(res, answer);
          return;
        }
        send(res, page({
          responses: responses.map((m) => m[0]),
          realToken,
          head: xml.slice(0, first.index),
          tail: xml.slice(last.index + last[0].length),
          prefix: first[1] ?? '',
          href: new URL(req.url ?? '/', upstream).pathname,
        }), answer.headers['content-type']);
        return;
      }
      passThrough(res, await forward(upstream, req, body));
    })().catch(() => {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  });
}
