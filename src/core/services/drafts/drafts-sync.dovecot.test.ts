import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiClient, type ConnectedClient } from '../../../shared/api/client';
import { createDispatcher } from '../../api/dispatch';
import { assembleCore, type Core, type CoreParts } from '../../app';
import { EventHub } from '../../events';
import { parseMessage } from '../../mail/parse-message';
import { imapSyncStoreFor } from '../../store/imap-sync-store';
import { createInProcessTransport } from '../../transport/in-process';
import { startOutboxEnv, type OutboxEnv } from '../outbox/test-support/outbox-env';

/** Drafts against real servers: Dovecot's Drafts folder, and sending through the SMTP sink into Dovecot. */
let env: OutboxEnv;
let core: Core;
let client: ConnectedClient;

beforeAll(async () => {
  env = await startOutboxEnv();
  // Only compose.* is called: the importer is never reached.
  const importer = { dispose: () => undefined } as unknown as CoreParts['importer'];
  core = assembleCore({ store: env.t.store, events: new EventHub(), importer, imap: imapSyncStoreFor(env.t.store), startSync: false });
  client = createApiClient(createInProcessTransport(createDispatcher(core.handlers), core.events));
  await client.api.compose.updateSettings({ undoSendSeconds: 0 });
}, 30_000);

afterAll(async () => {
  client?.dispose();
  await core?.tasks.stop();
  await env?.stop();
});

const tick = () => new Promise((r) => setImmediate(r));

async function drain() {
  const r = await core.tasks.drain({ timeoutMs: 20_000 });
  await tick();
  await tick();
  return r;
}

it('each save replaces the server copy in Drafts; quick saves upload only the newest; discard removes it', async () => {
  const d = await client.api.compose.createDraft({ mode: 'new', accountId: env.accountId });
  let rev = d.revision;
  for (const text of ['one', 'two', 'three']) {
    rev = (await client.api.compose.saveDraft({ draftId: d.id, baseRevision: rev, to: ['bob@example.test', 'half-typed@'], subject: `Plan ${text}`, html: `<p>${text}</p>` })).revision;
  }
  const synced: number[] = [];
  const off = client.on('compose.draftsChanged', (e) => e.change === 'synced' && synced.push(e.draftId));
  expect(await drain()).toMatchObject({ done: 1, failed: 0, pending: 0 });
  off();
  expect(synced).toEqual([d.id]);
  let copies = await env.found('alice', 'Drafts', d.messageId);
  expect(copies).toHaveLength(1);
  const parsed = await parseMessage(copies[0]);
  expect(parsed).toMatchObject({ subject: 'Plan three', to: [{ address: 'bob@example.test', name: '' }] });
  expect((await client.api.compose.getDraft({ draftId: d.id })).remote).toBe('synced');

  await client.api.compose.addAttachment({ draftId: d.id, filename: 'notes.txt', contentType: 'text/plain', dataBase64: Buffer.from('attached').toString('base64') });
  await drain();
  copies = await env.found('alice', 'Drafts', d.messageId);
  expect(copies).toHaveLength(1);
  expect((await parseMessage(copies[0])).attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['notes.txt', 'attached']]);

  await client.api.compose.discardDraft({ draftId: d.id });
  await drain();
  expect(await env.found('alice', 'Drafts', d.messageId)).toHaveLength(0);
});

it('sending a synced draft delivers it with the draft Message-ID, removes the Drafts copy and the draft', async () => {
  const d = await client.api.compose.createDraft({ mode: 'new', accountId: env.accountId });
  await client.api.compose.saveDraft({ draftId: d.id, baseRevision: d.revision, to: ['Bob <bob@example.test>'], subject: 'Draft to send', html: '<p>Hello <b>Bob</b></p>' });
  await drain();
  expect(await env.found('alice', 'Drafts', d.messageId)).toHaveLength(1);
  const sent = await client.api.compose.sendDraft({ draftId: d.id });
  expect(sent.messageId).toBe(d.messageId);
  await drain();
  expect(env.sinkCount(d.messageId)).toBe(1);
  const inbox = await env.found('bob', 'INBOX', d.messageId);
  expect(inbox).toHaveLength(1);
  expect((await parseMessage(inbox[0])).bodyHtml).toContain('<b>Bob</b>');
  expect(await env.found('alice', 'Sent', d.messageId)).toHaveLength(1);
  expect(await env.found('alice', 'Drafts', d.messageId)).toHaveLength(0);
  await expect(client.api.compose.getDraft({ draftId: d.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
});

it('the Drafts copy carries Bcc (another client keeps those recipients); the sent message and its Sent copy do not', async () => {
  const d = await client.api.compose.createDraft({ mode: 'new', accountId: env.accountId });
  await client.api.compose.saveDraft({ draftId: d.id, baseRevision: d.revision, to: ['bob@example.test'], bcc: ['Carol <carol@example.test>'], subject: 'With a blind copy', html: '<p>hi</p>' });
  await drain();
  const copies = await env.found('alice', 'Drafts', d.messageId);
  expect(copies).toHaveLength(1);
  expect((await parseMessage(copies[0])).bcc).toEqual([{ name: 'Carol', address: 'carol@example.test' }]);

  await client.api.compose.sendDraft({ draftId: d.id });
  await drain();
  const delivered = [...await env.found('bob', 'INBOX', d.messageId), ...await env.found('carol', 'INBOX', d.messageId), ...await env.found('alice', 'Sent', d.messageId)];
  expect(delivered).toHaveLength(3);
  for (const raw of delivered) {
    expect(raw.toString('latin1')).not.toMatch(/^Bcc:/im);
    expect((await parseMessage(raw)).bcc).toEqual([]);
  }
});

it('a refused recipient brings the draft back intact and editable, with the server reason', async () => {
  const d = await client.api.compose.createDraft({ mode: 'new', accountId: env.accountId });
  const saved = await client.api.compose.saveDraft({ draftId: d.id, baseRevision: d.revision, to: ['nobody-here@example.test'], subject: 'Will bounce', html: '<p>keep me</p>' });
  await client.api.compose.addAttachment({ draftId: d.id, filename: 'a.txt', contentType: 'text/plain', dataBase64: Buffer.from('A').toString('base64') });
  const sent = await client.api.compose.sendDraft({ draftId: d.id });
  await drain();
  const back = await client.api.compose.getDraft({ draftId: d.id });
  expect(back).toMatchObject({ outboxId: null, subject: 'Will bounce', to: ['nobody-here@example.test'], sendError: expect.stringMatching(/5\d\d/) });
  expect(back.html).toContain('keep me');
  expect(back.attachments).toHaveLength(1);
  expect((await client.api.compose.listOutbox({})).find((r) => r.id === sent.outboxId)).toMatchObject({ state: 'failed' });
  // Editable again: fix the address and send; the failed outbox row makes way for the same Message-ID.
  const fixed = await client.api.compose.saveDraft({ draftId: d.id, baseRevision: back.revision, to: ['bob@example.test'] });
  expect(fixed.revision).toBeGreaterThan(saved.revision);
  const again = await client.api.compose.sendDraft({ draftId: d.id });
  expect(again.messageId).toBe(d.messageId);
  await drain();
  // (The sink recorded the refused attempt too, before its LMTP said no: count deliveries instead.)
  expect(await env.found('bob', 'INBOX', d.messageId)).toHaveLength(1);
  expect(await env.found('alice', 'Drafts', d.messageId)).toHaveLength(0);
});

it('offline: the message waits in the outbox; taken back for editing, then sent once when SMTP is back', async () => {
  const d = await client.api.compose.createDraft({ mode: 'new', accountId: env.accountId });
  await client.api.compose.saveDraft({ draftId: d.id, baseRevision: d.revision, to: ['bob@example.test'], subject: 'Offline first', html: '<p>v1</p>' });
  await drain(); // the Drafts copy goes up (IMAP is fine; only SMTP is down below)
  await env.smtpDown();
  try {
    const sent = await client.api.compose.sendDraft({ draftId: d.id });
    expect(await drain()).toMatchObject({ done: 0, pending: 1 });
    const waiting = (await client.api.compose.listOutbox({})).find((r) => r.id === sent.outboxId);
    expect(waiting).toMatchObject({ state: 'sending', reason: expect.any(String) });
    const back = await client.api.compose.editOutbox({ outboxId: sent.outboxId });
    expect(back).toMatchObject({ id: d.id, outboxId: null });
    expect((await client.api.compose.listOutbox({})).find((r) => r.id === sent.outboxId)).toBeUndefined();
    expect(await drain()).toMatchObject({ pending: 0 }); // the send task was cancelled with it
    await client.api.compose.saveDraft({ draftId: d.id, baseRevision: back.revision, subject: 'Offline, edited' });
  } finally {
    await env.smtpUp();
  }
  await client.api.compose.sendDraft({ draftId: d.id });
  await drain();
  const got = await env.found('bob', 'INBOX', d.messageId);
  expect(got).toHaveLength(1);
  expect((await parseMessage(got[0])).subject).toBe('Offline, edited');
  expect(await env.found('alice', 'Drafts', d.messageId)).toHaveLength(0);
});
