import { afterAll, describe, expect, it } from 'vitest';
import { ImapSyncEngine } from './engine';
import { MemorySink } from './memory-sink';
import type { EngineStatus } from './progress';
import { startDovecot, type DovecotServer } from './test-support/dovecot';
import { testMessages, waitFor } from './test-support/messages';
import { startTcpProxy, type TcpProxy } from './test-support/tcp-proxy';

/**
 * stop() must end promptly whatever the engine is doing when the server went away first: a
 * backoff wait, a connect in flight, or a watcher on a dead connection (`pmsync serve` hung on
 * SIGTERM after Dovecot stopped).
 */
const servers: DovecotServer[] = [];
const proxies: TcpProxy[] = [];
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
});

async function behindProxy(): Promise<{ dovecot: DovecotServer; proxy: TcpProxy }> {
  const dovecot = await startDovecot();
  servers.push(dovecot);
  dovecot.seedMaildir('alice', 'INBOX', testMessages(20, 'stall').map((raw) => ({ raw })));
  const proxy = await startTcpProxy(dovecot.imapPort);
  proxies.push(proxy);
  return { dovecot, proxy };
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const started = Date.now();
  await fn();
  return Date.now() - started;
}

describe('engine stop() after the server went away', () => {
  it('stops within 2 s while waiting to retry after Dovecot stopped', async () => {
    const dovecot = await startDovecot();
    servers.push(dovecot);
    dovecot.seedMaildir('alice', 'INBOX', testMessages(20, 'gone').map((raw) => ({ raw })));
    const statuses: EngineStatus[] = [];
    // Production backoff and timeouts: the hang only shows with real waits.
    const engine = new ImapSyncEngine({ account: dovecot.account('alice'), sink: new MemorySink(), onStatus: (s) => statuses.push(s) });
    engine.start();
    await waitFor(() => statuses.some((s) => s.state === 'watching'), 'watching');
    await dovecot.stop();
    await waitFor(() => statuses.filter((s) => s.state === 'waiting-to-retry').length >= 2, 'two failed reconnects', 15_000);
    const ms = await timed(() => engine.stop());
    expect(ms).toBeLessThan(2_000);
    expect(statuses.at(-1)?.state).toBe('stopped');
  }, 30_000);

  it('stops within 2 s when the network went silent under a watching engine (IDLE and sync connection)', async () => {
    const { dovecot, proxy } = await behindProxy();
    const statuses: EngineStatus[] = [];
    const engine = new ImapSyncEngine({ account: dovecot.account('alice', { port: proxy.port }), sink: new MemorySink(), onStatus: (s) => statuses.push(s) });
    engine.start();
    await waitFor(() => statuses.some((s) => s.state === 'watching'), 'watching');
    proxy.stall(); // sockets stay open, nothing gets through: only the 5-minute socket timeout would notice
    engine.requestSync('INBOX'); // a command in flight on the dead connection
    await new Promise((r) => setTimeout(r, 200));
    const ms = await timed(() => engine.stop());
    expect(ms).toBeLessThan(2_000);
    expect(statuses.at(-1)?.state).toBe('stopped');
  }, 30_000);

  it('stops within 2 s while a connect waits for a greeting that never comes', async () => {
    const { dovecot, proxy } = await behindProxy();
    proxy.stall();
    const statuses: EngineStatus[] = [];
    const engine = new ImapSyncEngine({ account: dovecot.account('alice', { port: proxy.port }), sink: new MemorySink(), onStatus: (s) => statuses.push(s) });
    engine.start();
    await waitFor(() => proxy.accepted >= 1, 'the connect');
    await new Promise((r) => setTimeout(r, 200));
    const ms = await timed(() => engine.stop());
    expect(ms).toBeLessThan(2_000);
    // The cut-short connect is not reported as a failure to retry.
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'stopped']);
  }, 30_000);
});
