import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PmsyncError } from '../../shared/errors';
import { ImapSyncEngine } from './engine';
import { MemorySink } from './memory-sink';
import type { EngineStatus } from './progress';
import { freePort, startDovecot, type DovecotServer } from './test-support/dovecot';
import { ManualClock } from './test-support/manual-clock';
import { testMessage, testMessages, waitFor } from './test-support/messages';
import { startTcpProxy, type TcpProxy } from './test-support/tcp-proxy';

let dovecot: DovecotServer;
const proxies: TcpProxy[] = [];
beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await dovecot?.stop();
});

async function syncError(engine: ImapSyncEngine): Promise<PmsyncError> {
  const err = await engine.syncOnce().then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(PmsyncError);
  return err as PmsyncError;
}

describe('faults', () => {
  it('resumes after the connection is cut mid-FETCH, with nothing duplicated or lost', async () => {
    const COUNT = 200;
    const raws = testMessages(COUNT, 'cut', 12_000);
    dovecot.seedMaildir('alice', 'INBOX', raws.map((raw) => ({ raw })));
    const proxy = await startTcpProxy(dovecot.imapPort);
    proxies.push(proxy);
    const sink = new MemorySink();
    const statuses: EngineStatus[] = [];
    const engine = new ImapSyncEngine({
      account: dovecot.account('alice', { port: proxy.port }), sink, maxConnections: 1,
      headerChunk: 40, bodyChunk: 40, inlineBodyLimit: 0, backoff: { initialMs: 20, maxMs: 100, jitter: 0 },
      onStatus: (s) => statuses.push(s),
    });
    proxy.cutAfterServerBytes(20_000); // inside the header phase
    engine.start();
    try {
      await waitFor(() => statuses.some((s) => s.state === 'waiting-to-retry'), 'the first cut');
      proxy.cutAfterServerBytes(900_000); // inside the body phase
      await waitFor(() => statuses.filter((s) => s.state === 'waiting-to-retry').length >= 2, 'the second cut');
      await waitFor(() => sink.messages('INBOX').length === COUNT && sink.messages('INBOX').every((m) => !m.headersOnly), 'all bodies', 20_000);
    } finally {
      await engine.stop();
    }
    const cuts = statuses.filter((s) => s.state === 'waiting-to-retry');
    expect(cuts.map((s) => s.error?.code)).toEqual(['CONNECTION_LOST', 'CONNECTION_LOST']);
    const stored = sink.messages('INBOX');
    expect(new Set(stored.map((m) => m.messageId)).size).toBe(COUNT);
    const expected = new Map(raws.map((raw, i) => [`cut-${i + 1}@pmsync.test`, raw]));
    expect(stored.every((m) => m.raw.equals(expected.get(m.messageId ?? '') ?? Buffer.alloc(0)))).toBe(true);
    expect(proxy.accepted).toBeGreaterThanOrEqual(3);
    expect(proxy.peakOpen).toBe(1); // the connection cap held
  });

  it('backs off exponentially while the server is down and syncs once it is back', async () => {
    const port = await freePort();
    const clock = new ManualClock();
    const statuses: EngineStatus[] = [];
    const sink = new MemorySink();
    dovecot.seedMaildir('carol', 'INBOX', [{ raw: testMessage({ n: 1, tag: 'back' }) }]);
    const engine = new ImapSyncEngine({
      account: dovecot.account('carol', { port }), sink, clock, random: () => 0.5,
      backoff: { initialMs: 1_000, maxMs: 4_000, jitter: 0.2 }, onStatus: (s) => statuses.push(s),
    });
    engine.start();
    try {
      const retries = () => statuses.filter((s) => s.state === 'waiting-to-retry');
      for (const [n, delay] of [[1, 900], [2, 1_800], [3, 3_600], [4, 3_600]] as const) {
        await waitFor(() => retries().length === n, `retry ${n}`);
        expect(retries()[n - 1]).toMatchObject({ retryInMs: delay, error: { code: 'CONNECTION_REFUSED' } });
        if (n < 4) clock.advance(delay);
      }
      proxies.push(await startTcpProxy(dovecot.imapPort, port));
      clock.advance(3_600);
      await waitFor(() => sink.messages('INBOX').length === 1, 'sync after the server came back');
    } finally {
      await engine.stop();
    }
  });

  it('maps failures to what a user can act on, and never logs the password', async () => {
    const lines: string[] = [];
    const log = (_level: string, line: string) => lines.push(line);
    const wrong = new ImapSyncEngine({ account: dovecot.account('alice', { password: 'Secret-Wrong-Pass' }), sink: new MemorySink(), log });
    const login = await syncError(wrong);
    expect(login.code).toBe('LOGIN_FAILED');
    expect(login.hint).toMatch(/password/);

    const statuses: EngineStatus[] = [];
    const looping = new ImapSyncEngine({ account: dovecot.account('alice', { password: 'Secret-Wrong-Pass' }), sink: new MemorySink(), log, onStatus: (s) => statuses.push(s) });
    looping.start();
    await waitFor(() => statuses.some((s) => s.state === 'needs-attention'), 'needs-attention');
    await looping.stop();
    expect(statuses.filter((s) => s.state === 'waiting-to-retry')).toEqual([]); // no retry storm on a wrong password

    const tls = await syncError(new ImapSyncEngine({ account: dovecot.account('alice', { port: dovecot.imapsPort, security: 'tls', servername: 'localhost' }), sink: new MemorySink() }));
    expect(tls.code).toBe('TLS_FAILED');
    const trusted = new MemorySink();
    await new ImapSyncEngine({ account: dovecot.account('alice', { port: dovecot.imapsPort, security: 'tls', servername: 'localhost', ca: dovecot.caPem }), sink: trusted }).syncOnce();
    expect(trusted.folders().length).toBeGreaterThan(0);

    expect((await syncError(new ImapSyncEngine({ account: dovecot.account('alice', { port: await freePort() }), sink: new MemorySink() }))).code).toBe('CONNECTION_REFUSED');
    expect((await syncError(new ImapSyncEngine({ account: dovecot.account('alice', { host: 'no-such-host.invalid' }), sink: new MemorySink(), timeouts: { connectMs: 5_000 } }))).code).toBe('SERVER_NOT_FOUND');

    const stalled = await startTcpProxy(dovecot.imapPort);
    proxies.push(stalled);
    stalled.stall();
    const timeout = await syncError(new ImapSyncEngine({ account: dovecot.account('alice', { port: stalled.port }), sink: new MemorySink(), timeouts: { greetingMs: 300 } }));
    expect(timeout.code).toBe('TIMEOUT');

    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('Secret-Wrong-Pass');
    expect(lines.join('\n')).not.toContain(Buffer.from('Secret-Wrong-Pass').toString('base64'));
  });
});
