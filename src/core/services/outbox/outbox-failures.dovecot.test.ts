import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../sync/imap/test-support/messages';
import { openProfile } from '../../store/index';
import { PASS } from '../../store/test-support/fixtures';
import { startOutboxEnv, type OutboxEnv } from './test-support/outbox-env';

/** Failures on the way out: a refused recipient, a connection lost around DATA, a send-later across a restart. */
let env: OutboxEnv;
beforeAll(async () => {
  env = await startOutboxEnv();
}, 30_000);
afterAll(async () => {
  await env?.stop();
});

/**
 * Listens on the account's SMTP port in place of the normal proxy and drops the connection
 * (a reset) around DATA, once: 'before-body' right when the server says 354 (the body never
 * reaches the server), 'after-body' when the server answers the body (it HAS the message; the
 * client never hears so). Later connections are forwarded untouched.
 */
async function startCuttingProxy(mode: 'before-body' | 'after-body'): Promise<{ cuts: number; close(): Promise<void> }> {
  await env.smtpDown();
  const state = { cuts: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(env.sink.port, '127.0.0.1');
    sockets.add(client).add(upstream);
    let seen354 = false;
    const armed = state.cuts === 0;
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d: Buffer) => {
      if (armed && (seen354 || (mode === 'before-body' && /^354 /m.test(d.toString('latin1'))))) {
        state.cuts++;
        client.resetAndDestroy();
        upstream.destroy();
        return;
      }
      if (/^354 /m.test(d.toString('latin1'))) seen354 = true;
      client.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(env.proxyPort, '127.0.0.1', resolve));
  return {
    get cuts() { return state.cuts; },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

describe('outbox failures', () => {
  it('a refused recipient fails the message with the server reason and keeps it in the outbox', async () => {
    const { service, queue } = env.outbox();
    const sent = await service.send({ accountId: env.accountId, to: ['nobody-here@example.test'], subject: 'To nobody', text: 'x' }, { immediate: true });
    const result = await queue.drain({ timeoutMs: 20_000 });
    expect(result).toMatchObject({ done: 0, failed: 1, pending: 0 });
    const row = service.list().find((r) => r.id === sent.outboxId);
    expect(row).toMatchObject({ state: 'failed', reason: expect.stringMatching(/5\d\d/) });
    expect(env.notices.at(-1)).toMatchObject({ level: 'error', message: expect.stringMatching(/^"To nobody" was not sent: .*nobody/), hint: expect.stringContaining('Outbox') });
  });

  for (const mode of ['before-body', 'after-body'] as const) {
    it(`connection lost ${mode === 'before-body' ? 'before the body was sent' : 'after the server took the body'}: delivered exactly once`, async () => {
      const cutter = await startCuttingProxy(mode);
      try {
        const { service, queue } = env.outbox();
        // alice Bccs herself: the copy in her INBOX is what the retry finds on the server.
        const sent = await service.send({ accountId: env.accountId, to: ['bob@example.test'], bcc: ['alice@example.test'], subject: `Cut ${mode}`, text: 'once' }, { immediate: true });
        const first = await queue.drain({ timeoutMs: 20_000 });
        expect(cutter.cuts).toBe(1);
        expect(first).toMatchObject({ done: 0, pending: 1 });
        expect(env.sinkCount(sent.messageId)).toBe(mode === 'after-body' ? 1 : 0);
        if (mode === 'after-body') await waitFor(async () => (await env.found('alice', 'INBOX', sent.messageId)).length === 1, 'the Bcc copy in alice INBOX');
        const second = await queue.drain({ timeoutMs: 20_000 });
        expect(second).toMatchObject({ done: 1, pending: 0 });
        expect(service.list().find((r) => r.id === sent.outboxId)).toMatchObject({ state: 'sent' });
        expect(env.sinkCount(sent.messageId)).toBe(1);
        await waitFor(async () => (await env.found('bob', 'INBOX', sent.messageId)).length === 1, 'one copy in bob INBOX');
      } finally {
        await cutter.close();
        await env.smtpUp();
      }
    });
  }

  it('connection lost after the server took the body, and no copy can be looked for: not sent again, the user decides', async () => {
    const cutter = await startCuttingProxy('after-body');
    try {
      const { service, queue } = env.outbox();
      const sent = await service.send({ accountId: env.accountId, to: ['bob@example.test'], subject: 'Cut, no copy', text: 'once' }, { immediate: true });
      expect(await queue.drain({ timeoutMs: 20_000 })).toMatchObject({ done: 0, pending: 1 });
      expect(cutter.cuts).toBe(1);
      expect(env.sinkCount(sent.messageId)).toBe(1);
      const second = await queue.drain({ timeoutMs: 20_000 });
      expect(second).toMatchObject({ done: 0, failed: 1, pending: 0 });
      expect(service.list().find((r) => r.id === sent.outboxId)).toMatchObject({ state: 'failed', reason: expect.stringContaining('may already have accepted') });
      expect(env.notices.at(-1)).toMatchObject({ level: 'error', message: expect.stringContaining('"Cut, no copy" may or may not have been sent') });
      expect(env.sinkCount(sent.messageId)).toBe(1);
      await waitFor(async () => (await env.found('bob', 'INBOX', sent.messageId)).length === 1, 'the one copy in bob INBOX');
    } finally {
      await cutter.close();
      await env.smtpUp();
    }
  });

  it('send later survives a restart and, if the time passed while closed, goes out on the next start with a notice', async () => {
    const sendAt = Date.now() + 3600_000;
    const before = env.outbox();
    const sent = await before.service.send({ accountId: env.accountId, to: ['bob@example.test'], subject: 'Scheduled', text: 'later', sendAt });
    expect(sent.undoUntil).toBe(sendAt);
    expect(before.service.promoteDue()).toBe(0);
    env.t.store.close();

    // "Restart": a new process opens the profile two hours later.
    const store = await openProfile({ profileDir: env.t.dir, unlock: PASS, create: 'never' });
    env.t.store = store;
    const after = env.outbox(2 * 3600_000, store);
    expect(after.service.list().find((r) => r.id === sent.outboxId)).toMatchObject({ state: 'scheduled', dueAt: sendAt });
    const noticesBefore = env.notices.length;
    expect(after.service.promoteDue()).toBe(1);
    await after.queue.drain({ timeoutMs: 20_000 });
    // Said once it has gone, with both times.
    expect(env.notices.slice(noticesBefore)).toEqual([expect.objectContaining({
      level: 'info', message: expect.stringMatching(/^"Scheduled" was scheduled for .*\d\d:\d\d and was sent at .*\d\d:\d\d because PMSync was closed at /),
    })]);
    expect(after.service.list().find((r) => r.id === sent.outboxId)).toMatchObject({ state: 'sent' });
    expect(env.sinkCount(sent.messageId)).toBe(1);
  });
});
