import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../shared/api/client';
import type { WireMessage } from '../shared/api/contract';
import { createMainPortTransport, type MainPortLike } from './port-client';

/** Node's MessagePort delivers bare values; Electron's MessagePortMain wraps them as `{data}`. */
function asElectronPort(port: MessagePort): MainPortLike {
  return {
    postMessage: (m) => port.postMessage(m),
    on: ((event: 'message' | 'close', listener: (value?: { data: unknown }) => void) =>
      event === 'message' ? port.on('message', (data) => listener({ data })) : port.on('close', () => listener())) as MainPortLike['on'],
    start: () => port.start(),
    close: () => port.close(),
  };
}

const open: MessagePort[] = [];
afterEach(() => {
  for (const port of open.splice(0)) port.close();
});

describe('createMainPortTransport', () => {
  it('carries requests, responses and events between main and a core on a real MessageChannel', async () => {
    const { port1: corePort, port2: mainPort } = new MessageChannel();
    open.push(corePort, mainPort);
    corePort.on('message', (message: WireMessage) => {
      if (message.type !== 'request') return;
      corePort.postMessage({ type: 'event', event: 'mail.changed', payload: { folderIds: [4], reason: 'sync' } });
      corePort.postMessage({ type: 'response', id: message.id, ok: true, value: [] });
    });
    const client = createApiClient(createMainPortTransport(asElectronPort(mainPort)));
    const changes: unknown[] = [];
    client.on('mail.changed', (payload) => changes.push(payload));
    await expect(client.api.mail.listFolders({})).resolves.toEqual([]);
    expect(changes).toEqual([{ folderIds: [4], reason: 'sync' }]);
    client.dispose();
  });

  it('fails pending calls with TRANSPORT_CLOSED when the core goes away', async () => {
    const { port1: corePort, port2: mainPort } = new MessageChannel();
    open.push(mainPort);
    const client = createApiClient(createMainPortTransport(asElectronPort(mainPort)));
    corePort.on('message', () => corePort.close());
    await expect(client.api.app.ping({})).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED', method: 'app.ping' });
    client.dispose();
  });
});
