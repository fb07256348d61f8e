import { createHook } from 'node:async_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConnectionLimiter, ImapConnection, defaultTimeouts } from './connection';
import { ImapSyncEngine } from './engine';
import { InboxWatcher } from './inbox-watcher';
import { MemorySink } from './memory-sink';
import { startDovecot, type DovecotServer } from './test-support/dovecot';
import { ManualClock } from './test-support/manual-clock';
import { waitFor } from './test-support/messages';
import { startTcpProxy, type TcpProxy } from './test-support/tcp-proxy';

let dovecot: DovecotServer;
let proxy: TcpProxy;
beforeAll(async () => {
  dovecot = await startDovecot();
  proxy = await startTcpProxy(dovecot.imapPort);
});
afterAll(async () => {
  await proxy?.close();
  await dovecot?.stop();
});

it('a stopped engine leaves no timer behind that would keep the process alive', async () => {
  const engine = new ImapSyncEngine({ account: dovecot.account('bob'), sink: new MemorySink() });
  engine.start();
  await waitFor(() => engine.idleCycles >= 1, 'IDLE to start');
  // Timers created while stopping, and still pending once stop() has resolved.
  const pending = new Set<number>();
  const stacks = new Map<number, string>();
  const hook = createHook({
    init: (id, type) => { if (type === 'Timeout') { pending.add(id); stacks.set(id, new Error().stack ?? ''); } },
    destroy: (id) => void pending.delete(id),
  }).enable();
  try {
    await engine.stop();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    hook.disable();
  }
  expect([...pending].map((id) => stacks.get(id))).toEqual([]);
});

it('a socket dropped mid-IDLE ends the watcher at once and leaves no restart timer behind', async () => {
  const clock = new ManualClock();
  const connection = await ImapConnection.open(
    dovecot.account('alice', { port: proxy.port }), new ConnectionLimiter(1), defaultTimeouts, () => undefined, 'idle-test',
  );
  const watcher = new InboxWatcher(connection, 'INBOX', clock, 29 * 60_000, () => undefined);
  const outcome = watcher.run(new AbortController().signal).then(() => 'resolved', (e: unknown) => e);
  await waitFor(() => watcher.idleCycles >= 1 && clock.pending === 1, 'IDLE to start');
  proxy.cutAll();
  const started = Date.now();
  const result = await outcome;
  expect(Date.now() - started).toBeLessThan(3_000);
  expect(result).toBeInstanceOf(Error);
  // Without this the 29-minute restart timer kept a finished process alive.
  expect(clock.pending).toBe(0);
  await connection.close(0);
});
