import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../shared/api/client';
import { waitFor } from '../../../sync/imap/test-support/messages';
import { assembleCore, type CoreParts } from '../../app';
import { createDispatcher } from '../../api/dispatch';
import { EventHub } from '../../events';
import { imapSyncStoreFor } from '../../store/imap-sync-store';
import { createInProcessTransport } from '../../transport/in-process';
import { startOutboxEnv, type OutboxEnv } from './test-support/outbox-env';

/**
 * The outbox end to end: compose.send → outbox row → send task → SMTP (a real smtp-server sink
 * relaying into Dovecot over LMTP, reached through a TCP proxy so "SMTP is down" is a closed
 * port) → the copy APPENDed to alice's Sent → read back from the recipients' INBOX over IMAP.
 */
let env: OutboxEnv;
let accountId: number;
beforeAll(async () => {
  env = await startOutboxEnv();
  accountId = env.accountId;
}, 30_000);
afterAll(async () => {
  await env?.stop();
});

const makeOutbox = (skewMs = 0) => env.outbox(skewMs);
const sinkCount = (messageId: string) => env.sinkCount(messageId);
const found = (user: string, mailbox: string, messageId: string) => env.found(user, mailbox, messageId);

describe('compose.send through the outbox', () => {
  it('delivers to To and Bcc with both parts and the attachment, files a copy in Sent, keeps Bcc out of the headers', async () => {
    const { service, queue } = makeOutbox();
    const pdf = Buffer.from('%PDF-1.4 pmsync test attachment \u0000\u00ff binary', 'latin1');
    const sent = await service.send({
      accountId, to: ['Bob <bob@example.test>'], bcc: ['carol@example.test'], subject: 'Quarterly numbers',
      html: '<p>Hello <b>Bob</b></p>', text: 'Hello Bob', attachments: [{ filename: 'q3.pdf', contentType: 'application/pdf', dataBase64: pdf.toString('base64') }],
      inReplyTo: '<earlier@example.test>',
    }, { immediate: true });
    expect(sent.messageId).toMatch(/^<[^<>@\s]+@example\.test>$/);
    const result = await queue.drain({ timeoutMs: 20_000 });
    expect(result).toMatchObject({ done: 1, failed: 0, pending: 0 });
    expect(service.list().find((r) => r.id === sent.outboxId)).toMatchObject({ state: 'sent', reason: null, attempts: 1 });

    let bobCopy: Buffer[] = [];
    await waitFor(async () => (bobCopy = await found('bob', 'INBOX', sent.messageId)).length === 1, 'the message in bob INBOX');
    const parsed = await simpleParser(bobCopy[0]);
    expect(parsed.subject).toBe('Quarterly numbers');
    expect(parsed.from?.value[0]).toMatchObject({ address: 'alice@example.test' });
    expect(parsed.messageId).toBe(sent.messageId);
    expect(parsed.inReplyTo).toBe('<earlier@example.test>');
    expect(parsed.text?.trim()).toBe('Hello Bob');
    expect(parsed.html).toContain('<b>Bob</b>');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]).toMatchObject({ filename: 'q3.pdf', contentType: 'application/pdf' });
    expect(Buffer.compare(parsed.attachments[0].content, pdf)).toBe(0);
    expect(bobCopy[0].toString('latin1')).not.toMatch(/^bcc:/im);
    await waitFor(async () => (await found('carol', 'INBOX', sent.messageId)).length === 1, 'the Bcc copy in carol INBOX');
    expect(await found('alice', 'Sent', sent.messageId)).toHaveLength(1);
    expect(sinkCount(sent.messageId)).toBe(1);
  });

  it('waits while SMTP is down and delivers exactly once when it is back', async () => {
    const { service, queue } = makeOutbox();
    await env.smtpDown();
    const sent = await service.send({ accountId, to: ['bob@example.test'], subject: 'While offline', text: 'queued' }, { immediate: true });
    const first = await queue.drain({ timeoutMs: 10_000 });
    expect(first).toMatchObject({ done: 0, pending: 1 });
    const waiting = service.list().find((r) => r.id === sent.outboxId);
    expect(waiting).toMatchObject({ state: 'sending', attempts: 1, reason: expect.stringContaining('refused the connection') });
    expect(sinkCount(sent.messageId)).toBe(0);

    await env.smtpUp();
    const second = await queue.drain({ timeoutMs: 20_000 });
    expect(second).toMatchObject({ done: 1, pending: 0 });
    expect(service.list().find((r) => r.id === sent.outboxId)).toMatchObject({ state: 'sent', attempts: 2 });
    await queue.drain({ timeoutMs: 5_000 });
    expect(sinkCount(sent.messageId)).toBe(1);
    await waitFor(async () => (await found('bob', 'INBOX', sent.messageId)).length === 1, 'exactly one copy in bob INBOX');
    expect(await found('alice', 'Sent', sent.messageId)).toHaveLength(1);
  });

  it('undo within the window sends nothing; undo after sending is refused', async () => {
    const { service, queue } = makeOutbox();
    const sent = await service.send({ accountId, to: ['bob@example.test'], subject: 'Oops', text: 'never mind' });
    expect(sent.undoUntil - Date.now()).toBeGreaterThan(8_000);
    expect(service.undoSend(sent.outboxId)).toEqual({ ok: true });
    expect(service.promoteDue()).toBe(0);
    await queue.drain({ timeoutMs: 5_000 });
    expect(service.list().find((r) => r.id === sent.outboxId)).toMatchObject({ state: 'cancelled' });
    expect(sinkCount(sent.messageId)).toBe(0);

    const later = makeOutbox(11_000);
    expect(later.service.promoteDue()).toBe(0); // even once the window has passed
    await later.queue.drain({ timeoutMs: 5_000 });
    expect(sinkCount(sent.messageId)).toBe(0);
    expect(() => later.service.undoSend(sent.outboxId)).toThrow(/can no longer be undone/);
  });

  it('goes out after the undo window', async () => {
    const { service } = makeOutbox();
    const sent = await service.send({ accountId, to: ['bob@example.test'], subject: 'After the window', text: 'late' });
    const later = makeOutbox(10_500);
    expect(later.service.promoteDue()).toBe(1);
    await later.queue.drain({ timeoutMs: 20_000 });
    expect(service.list().find((r) => r.id === sent.outboxId)).toMatchObject({ state: 'sent' });
    expect(sinkCount(sent.messageId)).toBe(1);
  });

  it('refuses bad addresses and header injection before anything is queued', async () => {
    const { service } = makeOutbox();
    const before = service.list().length;
    await expect(service.send({ accountId, to: ['not an address'], subject: 'x', text: 'x' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(service.send({ accountId, to: ['bob@example.test\r\nBcc: evil@example.test'], subject: 'x', text: 'x' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(service.send({ accountId, to: ['bob@example.test'], subject: 'x', text: 'x', inReplyTo: '<a@b>\r\nBcc: evil@x' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(service.list()).toHaveLength(before);
    // A CR/LF in the subject is neutralized, never a new header.
    const sent = await service.send({ accountId, to: ['bob@example.test'], subject: 'Hi\r\nBcc: evil@example.test', text: 'x' });
    expect(service.undoSend(sent.outboxId)).toEqual({ ok: true });
    const row = service.list().find((r) => r.id === sent.outboxId)!;
    expect(row.subject).toBe('Hi  Bcc: evil@example.test');
    expect(row.recipients).toEqual(['bob@example.test']);
  });

  it('compose.* over the API as the UI calls it: input validated, undo window, undo, list', async () => {
    // Only compose.* is called: the importer is never reached.
    const importer = { dispose: () => undefined } as unknown as CoreParts['importer'];
    const core = assembleCore({ store: env.t.store, events: new EventHub(), importer, imap: imapSyncStoreFor(env.t.store), startSync: false });
    const client = createApiClient(createInProcessTransport(createDispatcher(core.handlers), core.events));
    try {
      await expect(client.api.compose.send({ accountId: accountId, to: ['bob@example.test'], subject: 'x', attachments: [{ filename: 'a', contentType: 'text/plain' } as never] }))
        .rejects.toMatchObject({ code: 'INVALID_INPUT' });
      const sent = await client.api.compose.send({ accountId, to: ['bob@example.test'], subject: 'Through the API', text: 'hi' });
      expect(sent.undoUntil - Date.now()).toBeGreaterThan(9_000);
      expect((await client.api.compose.listOutbox({})).find((r) => r.id === sent.outboxId)).toMatchObject({ state: 'queued', recipients: ['bob@example.test'], reason: null });
      expect(await client.api.compose.undoSend({ outboxId: sent.outboxId })).toEqual({ ok: true });
      await expect(client.api.compose.undoSend({ outboxId: sent.outboxId })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('cancelled') });
      expect(sinkCount(sent.messageId)).toBe(0);
    } finally {
      client.dispose();
      await core.tasks.stop();
    }
  });
});
