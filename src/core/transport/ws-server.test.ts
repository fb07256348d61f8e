import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApiClient, type ClientTransport } from '../../shared/api/client';
import type { WireMessage } from '../../shared/api/contract';
import { ApiError, PmsyncError } from '../../shared/errors';
import { handlersWith } from '../api/test-handlers';
import { EventHub } from '../events';
import { startServer, type RunningServer } from './ws-server';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'pmsync-ws-'));
const staticDir = path.join(tmp, 'renderer');
const events = new EventHub();
let server: RunningServer;

beforeAll(async () => {
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>PMSync</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(staticDir, 'assets', 'style.css'), 'body{}');
  writeFileSync(path.join(tmp, 'secret.txt'), 'TOP-SECRET');
  symlinkSync(path.join(tmp, 'secret.txt'), path.join(staticDir, 'assets', 'link.txt'));
  server = await startServer({
    core: {
      events,
      handlers: handlersWith({
        'app.ping': async () => ({ pong: true, now: 1 }),
        'mail.getMessage': async ({ id }) => {
          throw new PmsyncError('NOT_FOUND', `No message ${id}.`, 'Refresh.');
        },
      }),
    },
    staticDir,
  });
});

afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Raw HTTP so the request path reaches the server exactly as written (no URL normalising). */
function get(rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: rawPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

const origin = () => `http://127.0.0.1:${server.port}`;
const apiUrl = (token = server.token, p = '/api') => `ws://127.0.0.1:${server.port}${p}?token=${encodeURIComponent(token)}`;

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgradeStatus(url: string, headers: Record<string, string> = { Origin: origin() }): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', reject);
  });
}

function open(headers: Record<string, string> = { Origin: origin() }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(apiUrl(), { headers });
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
}

function transportOf(ws: WebSocket): ClientTransport {
  return {
    send: (m) => ws.send(JSON.stringify(m)),
    onMessage(listener) {
      const cb = (data: WebSocket.RawData) => listener(JSON.parse(String(data)) as WireMessage);
      ws.on('message', cb);
      return () => ws.off('message', cb);
    },
  };
}

const closeCode = (ws: WebSocket) => new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('startServer: static files', () => {
  it('prints a loopback URL carrying a 32-byte base64url token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(Buffer.from(server.token, 'base64url')).toHaveLength(32);
  });

  it('serves index.html for / with the security headers', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>PMSync</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'; script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port};`);
    expect(csp).toContain("object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  });

  it('labels assets by type', async () => {
    expect((await get('/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/assets/style.css?v=2')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/assets/nope.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
  });

  it.each([
    '/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/secret.txt', '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/%00', '/%zz', '/assets/link.txt', '//etc/passwd',
    '/../package.json', '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  ])('refuses the escape attempt %s', async (p) => {
    const res = await get(p);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain('TOP-SECRET');
  });

  it('answers only GET and HEAD, and only for its own host names', async () => {
    expect((await get('/', { Host: 'evil.example' })).status).toBe(403);
    expect((await get('/', { Host: `localhost:${server.port}` })).status).toBe(200);
    const post = await new Promise<number>((resolve) => {
      http.request({ host: '127.0.0.1', port: server.port, path: '/', method: 'POST' }, (res) => resolve(res.statusCode ?? 0)).end();
    });
    expect(post).toBe(405);
  });
});

describe('startServer: WebSocket API', () => {
  it('refuses a missing or wrong token with 401', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${server.port}/api`)).toBe(401);
    expect(await upgradeStatus(apiUrl('A'.repeat(43)))).toBe(401);
    expect(await upgradeStatus(apiUrl(server.token.slice(1)))).toBe(401);
  });

  it('refuses a foreign origin or another path with 403, even with the token', async () => {
    expect(await upgradeStatus(apiUrl(), { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(apiUrl(), { Origin: `http://127.0.0.1:${server.port + 1}` })).toBe(403);
    expect(await upgradeStatus(apiUrl(), { Origin: 'null' })).toBe(403);
    expect(await upgradeStatus(apiUrl(server.token, '/other'))).toBe(403);
    expect(await upgradeStatus(apiUrl(server.token, '/api/'))).toBe(403);
  });

  it('accepts its own origins, and a token-bearing client without an Origin', async () => {
    expect(await upgradeStatus(apiUrl())).toBe(101);
    expect(await upgradeStatus(apiUrl(), { Origin: `http://localhost:${server.port}` })).toBe(101);
    expect(await upgradeStatus(apiUrl(), {})).toBe(101);
  });

  it('carries calls and errors through createApiClient', async () => {
    const ws = await open();
    const client = createApiClient(transportOf(ws));
    expect(await client.api.app.ping()).toEqual({ pong: true, now: 1 });
    const err = await client.api.mail.getMessage({ id: 9 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ method: 'mail.getMessage', code: 'NOT_FOUND', message: 'No message 9.' });
    const unknown = await client.invoke('__proto__', {}).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'UNKNOWN_METHOD' });
    // A page may upload files, never make the core read local paths.
    const localRead = await client.api.mail.importFiles({ paths: ['/etc/passwd'] }).catch((e: unknown) => e);
    expect(localRead).toMatchObject({ code: 'UNAUTHORIZED', method: 'mail.importFiles' });
    client.dispose();
    const closed = closeCode(ws);
    ws.close();
    await closed;
  });

  it('forwards events to every socket and drops its listeners when they disconnect', async () => {
    // Sockets from earlier tests close asynchronously; start from none at all.
    await until(() => events.listenerCount() === 0);
    const baseline = events.listenerCount();
    expect(baseline).toBe(0);
    const sockets = await Promise.all([open(), open()]);
    await until(() => events.listenerCount() === baseline + 2);
    expect(events.listenerCount()).toBe(baseline + 2);
    const clients = sockets.map((ws) => createApiClient(transportOf(ws)));
    const got = clients.map((c) => new Promise((resolve) => c.on('mail.changed', resolve)));
    events.emit('mail.changed', { folderIds: [1, 2], reason: 'import' });
    expect(await Promise.all(got)).toEqual([{ folderIds: [1, 2], reason: 'import' }, { folderIds: [1, 2], reason: 'import' }]);
    await Promise.all(sockets.map((ws) => {
      const closed = closeCode(ws);
      ws.close();
      return closed;
    }));
    await until(() => events.listenerCount() === baseline);
    expect(events.listenerCount()).toBe(baseline);
  });

  it('closes on malformed JSON, binary frames, non-requests and oversized messages', async () => {
    const cases: [(ws: WebSocket) => void, number][] = [
      [(ws) => ws.send('{not json'), 1007],
      [(ws) => ws.send(Buffer.from([1, 2, 3])), 1003],
      [(ws) => ws.send(JSON.stringify({ type: 'event', event: 'mail.changed', payload: {} })), 1008],
      [(ws) => ws.send('x'.repeat(9 * 1024 * 1024)), 1009],
    ];
    for (const [act, expected] of cases) {
      const ws = await open();
      const code = closeCode(ws);
      act(ws);
      expect(await code).toBe(expected);
    }
  });
});

describe('startServer: lifecycle', () => {
  it('refuses a non-loopback host, and close() ends open sockets', async () => {
    await expect(startServer({ core: { events, handlers: handlersWith({}) }, staticDir, host: '0.0.0.0' as '127.0.0.1' }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(startServer({ core: { events, handlers: handlersWith({}) }, staticDir, port: server.port }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', message: `Port ${server.port} is already in use.` });
    const local = new EventHub();
    const other = await startServer({ core: { events: local, handlers: handlersWith({}) }, staticDir });
    const ws = new WebSocket(`ws://127.0.0.1:${other.port}/api?token=${other.token}`);
    await new Promise((r) => ws.on('open', r));
    const code = closeCode(ws);
    await other.close();
    expect(await code).toBe(1006);
    await until(() => local.listenerCount() === 0);
    expect(local.listenerCount()).toBe(0);
  });
});
