import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../shared/api/client';
import { ApiError, PmsyncError } from '../../shared/errors';
import { createDispatcher } from '../api/dispatch';
import { handlersWith } from '../api/test-handlers';
import { EventHub } from '../events';
import { createPortClientTransport, servePort } from './port-transport';

const dispatch = createDispatcher(handlersWith({
  'app.ping': async () => ({ pong: true, now: 5 }),
  'mail.search': async ({ query, limit }) => ({ total: limit, items: [{ id: 1, threadId: 1, folderId: 1, subject: query, from: null, date: 0, snippet: '', unread: false, flagged: false, hasAttachments: false }] }),
  'mail.getThread': async () => {
    throw new PmsyncError('NOT_FOUND', 'No thread 3 in this profile.');
  },
}));

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('servePort over a Node MessageChannel', () => {
  it('answers calls, rebuilds errors, forwards events, and cleans up when the client closes', async () => {
    const events = new EventHub();
    const { port1, port2 } = new MessageChannel();
    servePort(port1, { dispatch, events });
    expect(events.listenerCount()).toBe(1);

    const transport = createPortClientTransport(port2);
    const client = createApiClient(transport);
    expect(await client.api.app.ping()).toEqual({ pong: true, now: 5 });
    expect(await client.api.mail.search({ query: 'hi', limit: 3 })).toMatchObject({ total: 3, items: [{ subject: 'hi' }] });

    const err = await client.api.mail.getThread({ threadId: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ method: 'mail.getThread', code: 'NOT_FOUND' });
    expect(await client.invoke('constructor', {}).catch((e: unknown) => e)).toMatchObject({ code: 'UNKNOWN_METHOD' });
    expect(await client.invoke('mail.search', { query: 1 }).catch((e: unknown) => e)).toMatchObject({ code: 'INVALID_INPUT' });

    const got = new Promise((resolve) => client.on('app.notice', resolve));
    events.emit('app.notice', { level: 'info', message: 'Import finished' });
    expect(await got).toEqual({ level: 'info', message: 'Import finished' });

    // Junk on the port is dropped without harming later calls.
    port2.postMessage({ nonsense: true });
    port2.postMessage('text');
    expect(await client.api.app.ping()).toEqual({ pong: true, now: 5 });

    client.dispose();
    transport.close();
    await until(() => events.listenerCount() === 0);
    expect(events.listenerCount()).toBe(0);
  });

  it('unwraps Electron-style { data, ports } events', async () => {
    const { port1, port2 } = new MessageChannel();
    // MessagePortMain delivers MessageEvent-like objects; emulate that shape on the serving side.
    const electronLike = {
      postMessage: (m: unknown) => port1.postMessage(m),
      on: (e: 'message' | 'close', l: (v: unknown) => void) => port1.on(e, e === 'message' ? (data: unknown) => l({ data, ports: [] }) : l),
      off: () => port1,
      start: () => port1.start(),
      close: () => port1.close(),
    };
    const served = servePort(electronLike, { dispatch, events: new EventHub() });
    const transport = createPortClientTransport(port2);
    const client = createApiClient(transport);
    expect(await client.api.app.ping()).toEqual({ pong: true, now: 5 });
    served.close();
    transport.close();
  });
});
