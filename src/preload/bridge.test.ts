import { describe, expect, it } from 'vitest';
import type { WireMessage, WireRequest } from '../shared/api/contract';
import { createPortBridge, MAX_QUEUED_REQUESTS, toShellCommand, toWireRequest, type PortLike } from './bridge';
import type { ShellCommand } from '../shared/ipc-channels';

/** A port that records what the bridge posts and lets the test play the core. */
function recordingPort(): PortLike & { posted: unknown[]; started: boolean; listeners: number; deliver(data: unknown): void } {
  const listeners: Array<(event: { data: unknown }) => void> = [];
  const port = {
    posted: [] as unknown[],
    started: false,
    get listeners() {
      return listeners.length;
    },
    addEventListener(_type: 'message', listener: (event: { data: unknown }) => void) {
      listeners.push(listener);
    },
    postMessage(message: unknown) {
      port.posted.push(message);
    },
    start() {
      port.started = true;
    },
    deliver(data: unknown) {
      // Like a DOM MessagePort: nothing is dispatched before start().
      if (port.started) for (const listener of listeners) listener({ data });
    },
  };
  return port;
}

function setup() {
  const opened: string[] = [];
  const warnings: string[] = [];
  const gate = createPortBridge({ openExternal: (url) => opened.push(url), warn: (m) => warnings.push(m) });
  return { ...gate, opened, warnings };
}

const request = (id: number, method = 'mail.listFolders', input: unknown = {}): WireRequest => ({ type: 'request', id, method, input });

describe('toWireRequest (the allow-list)', () => {
  it('passes well-formed requests and strips extra fields', () => {
    expect(toWireRequest(request(1))).toEqual(request(1));
    expect(toWireRequest({ ...request(2, 'app.ping'), extra: 'x', __proto__: { evil: true } })).toEqual({ type: 'request', id: 2, method: 'app.ping', input: {} });
    expect(toWireRequest({ type: 'request', id: 3, method: 'mail.search' })).toEqual({ type: 'request', id: 3, method: 'mail.search', input: undefined });
  });

  it('drops anything that is not {type:"request", id:integer, method:"domain.verb"}', () => {
    const dropped: unknown[] = [
      null,
      undefined,
      'mail.listFolders',
      42,
      [],
      [request(1)],
      {},
      { type: 'response', id: 1, ok: true, value: 1 },
      { type: 'event', event: 'mail.changed', payload: {} },
      { type: 'request', id: '1', method: 'app.ping' },
      { type: 'request', id: 1.5, method: 'app.ping' },
      { type: 'request', id: Number.NaN, method: 'app.ping' },
      { type: 'request', id: Number.POSITIVE_INFINITY, method: 'app.ping' },
      { type: 'request', method: 'app.ping' },
      { type: 'request', id: 1 },
      { type: 'request', id: 1, method: 7 },
      { type: 'request', id: 1, method: '' },
      { type: 'request', id: 1, method: 'ping' },
      { type: 'request', id: 1, method: 'app.ping.extra' },
      { type: 'request', id: 1, method: '__proto__.constructor' },
      { type: 'request', id: 1, method: 'app.ping\n' },
      { type: 'request', id: 1, method: `app.${'x'.repeat(200)}` },
    ];
    for (const value of dropped) expect(toWireRequest(value), JSON.stringify(value) ?? String(value)).toBeNull();
  });
});

describe('createPortBridge', () => {
  it('exposes exactly send, onMessage, openExternal and onShellCommand', () => {
    const { bridge } = setup();
    expect(Object.keys(bridge).sort()).toEqual(['onMessage', 'onShellCommand', 'openExternal', 'send']);
  });

  it('queues requests until the port arrives, then sends them in order', () => {
    const { bridge, attachPort } = setup();
    bridge.send(request(1));
    bridge.send(request(2, 'app.ping'));
    const port = recordingPort();
    attachPort(port);
    expect(port.started).toBe(true);
    expect(port.posted).toEqual([request(1), request(2, 'app.ping')]);
    bridge.send(request(3));
    expect(port.posted).toEqual([request(1), request(2, 'app.ping'), request(3)]);
  });

  it('never lets a malformed message through, before or after the port arrives', () => {
    const { bridge, attachPort, warnings } = setup();
    bridge.send({ type: 'event', event: 'x', payload: 1 } as unknown as WireRequest);
    const port = recordingPort();
    attachPort(port);
    bridge.send({ type: 'request', id: 'x', method: 'app.ping', input: {} } as unknown as WireRequest);
    bridge.send('raw string' as unknown as WireRequest);
    expect(port.posted).toEqual([]);
    expect(warnings).toHaveLength(3);
  });

  it('bounds the queue while no port is attached', () => {
    const { bridge, attachPort, warnings } = setup();
    for (let id = 1; id <= MAX_QUEUED_REQUESTS + 5; id++) bridge.send(request(id));
    const port = recordingPort();
    attachPort(port);
    expect(port.posted).toHaveLength(MAX_QUEUED_REQUESTS);
    expect(warnings).toHaveLength(5);
  });

  it('keeps the first port: a second one cannot take over the conversation', () => {
    const { bridge, attachPort } = setup();
    const first = recordingPort();
    const second = recordingPort();
    attachPort(first);
    attachPort(second);
    bridge.send(request(1));
    expect(first.posted).toEqual([request(1)]);
    expect(second.posted).toEqual([]);
    expect(second.listeners).toBe(0);
  });

  it('delivers core messages to listeners until they dispose', () => {
    const { bridge, attachPort, warnings } = setup();
    const port = recordingPort();
    attachPort(port);
    const seen: WireMessage[] = [];
    const dispose = bridge.onMessage((m) => seen.push(m));
    bridge.onMessage(() => {
      throw new Error('listener bug');
    });
    const event: WireMessage = { type: 'event', event: 'mail.changed', payload: { folderIds: [1], reason: 'sync' } };
    port.deliver(event);
    expect(seen).toEqual([event]);
    expect(warnings).toEqual(['pmsync: a message listener threw: listener bug']);
    dispose();
    port.deliver({ type: 'response', id: 1, ok: true, value: null });
    expect(seen).toEqual([event]);
  });

  it('ignores a non-function listener', () => {
    const { bridge } = setup();
    const dispose = bridge.onMessage('nope' as unknown as (m: WireMessage) => void);
    expect(typeof dispose).toBe('function');
  });

  it('forwards only string URLs to main for opening', () => {
    const { bridge, opened } = setup();
    bridge.openExternal('https://example.com/');
    bridge.openExternal({ href: 'https://evil.example/' } as unknown as string);
    expect(opened).toEqual(['https://example.com/']);
  });
});

describe('shell commands (notification clicks)', () => {
  it('lets through only open-thread / open-inbox / open-event with integer ids, copied field by field', () => {
    expect(toShellCommand({ type: 'open-thread', accountId: 1, threadId: 9, extra: 'x' })).toEqual({ type: 'open-thread', accountId: 1, threadId: 9 });
    expect(toShellCommand({ type: 'open-inbox', accountId: 2, threadId: 'ignored' })).toEqual({ type: 'open-inbox', accountId: 2 });
    expect(toShellCommand({ type: 'open-event', eventId: 4, instanceStart: 1_795_000_000_000, html: '<b>' })).toEqual({ type: 'open-event', eventId: 4, instanceStart: 1_795_000_000_000 });
    const dropped: unknown[] = [
      null, 'open-thread', [], {}, { type: 'open-thread', accountId: 1 }, { type: 'open-thread', accountId: 1, threadId: 0 },
      { type: 'open-thread', accountId: 1, threadId: 1.5 }, { type: 'open-thread', accountId: '1', threadId: 2 },
      { type: 'open-inbox', accountId: -1 }, { type: 'open-url', url: 'https://evil.example/' }, { type: 'request', id: 1, method: 'app.ping' },
      { type: 'open-event', eventId: 1 }, { type: 'open-event', eventId: 0, instanceStart: 5 }, { type: 'open-event', eventId: 1, instanceStart: 1.5 },
      { type: 'open-event', eventId: 1, instanceStart: '5' }, { type: 'open-event', eventId: 1, instanceStart: Number.POSITIVE_INFINITY },
    ];
    for (const value of dropped) expect(toShellCommand(value), JSON.stringify(value) ?? String(value)).toBeNull();
  });

  it('delivers commands to listeners, keeps the latest one until the page listens, and drops bad shapes', async () => {
    const { bridge, deliverShellCommand, warnings } = setup();
    deliverShellCommand({ type: 'open-thread', accountId: 1, threadId: 5 });
    deliverShellCommand({ type: 'open-thread', accountId: 1, threadId: 6 });
    const seen: ShellCommand[] = [];
    const dispose = bridge.onShellCommand((c) => seen.push(c));
    await Promise.resolve(); // a waiting command goes out in a microtask
    expect(seen).toEqual([{ type: 'open-thread', accountId: 1, threadId: 6 }]);
    deliverShellCommand({ type: 'open-inbox', accountId: 2 });
    deliverShellCommand({ type: 'eval', code: 'x' });
    expect(seen).toEqual([{ type: 'open-thread', accountId: 1, threadId: 6 }, { type: 'open-inbox', accountId: 2 }]);
    expect(warnings).toEqual(['pmsync: dropped a shell command of unknown shape']);
    dispose();
    deliverShellCommand({ type: 'open-inbox', accountId: 3 });
    expect(seen).toHaveLength(2);
    expect(typeof bridge.onShellCommand('nope' as unknown as (c: ShellCommand) => void)).toBe('function');
  });

  it('a waiting command reaches every listener the page subscribed in the same task, once each (React StrictMode re-subscribes)', async () => {
    const { bridge, deliverShellCommand } = setup();
    deliverShellCommand({ type: 'open-event', eventId: 3, instanceStart: 1_795_000_000_000 });
    const mail: ShellCommand[] = [];
    const calendar: ShellCommand[] = [];
    // Mount, StrictMode's unmount, mount again: all in one commit.
    bridge.onShellCommand((c) => mail.push(c))();
    bridge.onShellCommand((c) => calendar.push(c))();
    bridge.onShellCommand((c) => mail.push(c));
    bridge.onShellCommand((c) => calendar.push(c));
    expect(calendar).toEqual([]);
    await Promise.resolve();
    expect(calendar).toEqual([{ type: 'open-event', eventId: 3, instanceStart: 1_795_000_000_000 }]);
    expect(mail).toEqual(calendar); // the mail listener sees it too and ignores it (useNewMailNotifications)
    await Promise.resolve();
    expect(calendar).toHaveLength(1);
  });
});
