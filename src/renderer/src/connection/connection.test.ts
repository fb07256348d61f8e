import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../shared/api/client';
import { apiSocketUrl, findToken } from './token';
import { CONNECTION_LOST, CONNECTION_REFUSED, websocketTransport, type SocketLike } from './websocket-transport';

describe('findToken', () => {
  it('takes the token from the URL and returns the address without it', () => {
    expect(findToken('http://127.0.0.1:5173/?token=abc123&x=1#mail', null)).toEqual({ token: 'abc123', cleanedUrl: '/?x=1#mail' });
    expect(findToken('http://127.0.0.1:5173/index.html?token=t', 'old')).toEqual({ token: 't', cleanedUrl: '/index.html' });
  });
  it('falls back to the stored token after a reload', () => {
    expect(findToken('http://127.0.0.1:5173/', 'kept')).toEqual({ token: 'kept', cleanedUrl: null });
    expect(findToken('http://127.0.0.1:5173/', null)).toEqual({ token: null, cleanedUrl: null });
  });
  it('builds the socket URL with the token escaped', () => {
    expect(apiSocketUrl('127.0.0.1:9', 'a b&c')).toBe('ws://127.0.0.1:9/api?token=a%20b%26c');
  });
});

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  private listeners = new Map<string, Array<(e: { data: unknown }) => void>>();
  send(data: string) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(data);
  }
  close() {
    this.emit('close');
  }
  addEventListener(type: string, listener: (e: { data: unknown }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, data?: unknown) {
    if (type === 'open') this.readyState = 1;
    for (const l of this.listeners.get(type) ?? []) l({ data });
  }
}

describe('websocketTransport', () => {
  it('queues calls until the socket opens and resolves them from responses', async () => {
    const socket = new FakeSocket();
    const client = createApiClient(websocketTransport(socket));
    const pong = client.api.app.ping({});
    expect(socket.sent).toEqual([]);
    socket.emit('open');
    expect(socket.sent.map((s) => JSON.parse(s))).toEqual([{ type: 'request', id: 1, method: 'app.ping', input: {} }]);
    socket.emit('message', 'not json');
    socket.emit('message', JSON.stringify({ type: 'response', id: 1, ok: true, value: { pong: true, now: 5 } }));
    await expect(pong).resolves.toEqual({ pong: true, now: 5 });
  });

  it('delivers events and fails pending calls when the connection drops', async () => {
    const socket = new FakeSocket();
    const transport = websocketTransport(socket);
    const reasons: string[] = [];
    transport.onClose?.((r) => reasons.push(r));
    const client = createApiClient(transport);
    socket.emit('open');
    const seen: unknown[] = [];
    client.on('app.notice', (p) => seen.push(p));
    socket.emit('message', JSON.stringify({ type: 'event', event: 'app.notice', payload: { level: 'info', message: 'hi' } }));
    expect(seen).toEqual([{ level: 'info', message: 'hi' }]);
    const pending = client.api.mail.listAccounts({});
    socket.emit('close');
    await expect(pending).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
    expect(reasons).toEqual([CONNECTION_LOST]);
  });

  it('says the link was refused when the socket never opened', () => {
    const socket = new FakeSocket();
    const transport = websocketTransport(socket);
    const reasons: string[] = [];
    transport.onClose?.((r) => reasons.push(r));
    socket.emit('error');
    socket.emit('close');
    expect(reasons).toEqual([CONNECTION_REFUSED]);
  });
});
