import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiClient, type ConnectedClient } from '../../../shared/api/client';
import type { Folder } from '../../../shared/api/mail';
import { createDispatcher } from '../../api/dispatch';
import { openCore, type Core } from '../../app';
import { CorrespondentRepository } from '../../store/draft-correspondents';
import { DraftRepository } from '../../store/draft-repository';
import { ComposeSettingsRepository } from '../../store/draft-settings';
import { imapSyncStoreFor } from '../../store/imap-sync-store';
import { TemplateRepository } from '../../store/template-repository';
import { addr, attachment, parsedMessage } from '../../store/test-support/fixtures';
import { connectionOf } from '../../store/test-support/raw-profile';
import { createInProcessTransport } from '../../transport/in-process';
import { ComposeExtras } from './compose-extras';

/*
 * Drafts through the typed API over a real encrypted profile, as the composer calls them. No
 * network: the core runs without sync, so server-side steps stay queued as tasks and are
 * checked as rows (drafts-sync.dovecot.test.ts runs them against Dovecot).
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'pmsync-drafts-'));
let core: Core;
let client: ConnectedClient;
let accountId: number;
let inbox: Folder;
let originalId: number;
let withFilesId: number;

beforeAll(async () => {
  core = await openCore({ profileDir: path.join(tmp, 'p'), unlock: { kind: 'passphrase', passphrase: 'drafts' }, create: 'only', startSync: false });
  client = createApiClient(createInProcessTransport(createDispatcher(core.handlers), core.events));
  const account = imapSyncStoreFor(core.store).addImapAccount({
    email: 'me@example.test', name: 'Me Myself', imap: { host: '127.0.0.1', port: 1, tls: 'none' }, smtp: { host: '127.0.0.1', port: 1, tls: 'none' },
    user: 'me', password: 'pw', caPem: null,
  });
  accountId = account.id;
  inbox = core.store.ensureFolder(accountId, 'INBOX', 'inbox');
  const original = parsedMessage({
    messageId: 'orig-1@example.org', references: ['root-0@example.org'], inReplyTo: 'root-0@example.org', subject: 'Re: Budget',
    from: addr('ann@example.org', 'Ann Author'), to: [addr('me@example.test', 'Me'), addr('carl@example.org', 'Carl')], cc: [addr('dora@example.org')],
    bodyText: 'The numbers are in.', date: Date.UTC(2025, 2, 3, 14, 5),
  });
  const withFiles = parsedMessage({
    messageId: 'files-1@example.org', subject: 'Report', from: addr('ann@example.org', 'Ann Author'), to: [addr('me@example.test')],
    attachments: [attachment({ filename: 'report.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 fake') })],
  });
  [originalId, withFilesId] = core.store.insertMessages(inbox.id, [original, withFiles]).ids as number[];
});

afterAll(async () => {
  client.dispose();
  await core.close();
  rmSync(tmp, { recursive: true, force: true });
});

const openSyncTasks = (draftId: number) =>
  connectionOf(core.store).prepare("SELECT count(*) FROM tasks WHERE kind = 'drafts.sync' AND state IN ('pending', 'running') AND json_extract(payload, '$.draftId') = ?").pluck().get(draftId);

it('a new draft gets its Message-ID now and the account signature', async () => {
  await client.api.compose.updateSettings({ signatures: { [String(accountId)]: '<b>Me</b><script>alert(1)</script>' } });
  const d = await client.api.compose.createDraft({ mode: 'new', accountId });
  expect(d.messageId).toMatch(/^<[0-9a-f-]{36}@example\.test>$/);
  expect(d.html).toContain('<div class="pmsync-signature">-- <br><b>Me</b></div>');
  expect(d.html).not.toContain('script');
  expect(d).toMatchObject({ mode: 'new', revision: 1, remote: 'pending', outboxId: null, to: [], attachments: [] });
  expect((await client.api.compose.listDrafts({})).map((s) => s.id)).toContain(d.id);
});

it('reply-all: own address removed, attribution line, In-Reply-To and References, Re: not stacked', async () => {
  const d = await client.api.compose.createDraft({ mode: 'reply-all', sourceMessageId: originalId });
  expect(d.accountId).toBe(accountId);
  expect(d.to).toEqual(['Ann Author <ann@example.org>', 'Carl <carl@example.org>']);
  expect(d.cc).toEqual(['dora@example.org']);
  expect(d.subject).toBe('Re: Budget');
  expect(d.inReplyTo).toBe('orig-1@example.org');
  expect(d.references).toEqual(['root-0@example.org', 'orig-1@example.org']);
  expect(d.html).toContain('On Mon, Mar 3, 2025');
  expect(d.html).toContain('Ann Author &#60;ann@example.org&#62; wrote:');
  expect(d.html).toContain('The numbers are in.');
  const reply = await client.api.compose.createDraft({ mode: 'reply', sourceMessageId: originalId });
  expect(reply.to).toEqual(['Ann Author <ann@example.org>']);
  expect(reply.cc).toEqual([]);
});

it('forward carries the original attachments, stored with the draft', async () => {
  const d = await client.api.compose.createDraft({ mode: 'forward', sourceMessageId: withFilesId });
  expect(d.subject).toBe('Fwd: Report');
  expect(d.inReplyTo).toBeNull();
  expect(d.attachments).toEqual([expect.objectContaining({ filename: 'report.pdf', contentType: 'application/pdf', size: 13 })]);
  const got = await client.api.compose.getDraftAttachment({ attachmentId: d.attachments[0].id });
  expect(Buffer.from(got.dataBase64, 'base64').toString()).toBe('%PDF-1.4 fake');
});

it('forward of a message whose body is still downloading is refused with a reason, not sent without its attachments', async () => {
  // As the IMAP sync stores it in its first pass: headers only, body (and attachments) to follow.
  const imap = imapSyncStoreFor(core.store);
  imap.applyFolders(accountId, [{ path: 'Big', delimiter: '/', role: null, subscribed: true, selectable: true }]);
  const header = parsedMessage({ messageId: 'big-1@example.org', subject: 'Photos', from: addr('ann@example.org', 'Ann Author'), to: [addr('me@example.test')] });
  const outcome = imap.applyBatch(accountId, 'Big', {
    added: [{ uid: 1, flags: [], modseq: null, size: 9_000_000, headersOnly: true, parsed: header }],
    flagChanges: [], vanished: [], cursor: { uidValidity: 1n, highestModseq: null, uidNext: 2 },
  });
  const [pending] = outcome.newMessageIds;
  await expect(client.api.compose.createDraft({ mode: 'forward', sourceMessageId: pending }))
    .rejects.toMatchObject({ code: 'NOT_READY', message: expect.stringContaining('"Photos" is still being downloaded'), hint: expect.stringContaining('again') });
  // A reply needs no attachments: it may start at once.
  await expect(client.api.compose.createDraft({ mode: 'reply', sourceMessageId: pending })).resolves.toMatchObject({ subject: 'Re: Photos' });
});

it('autosave: revisions, CONFLICT on a stale base, sanitized HTML, one upload task however many saves', async () => {
  const d = await client.api.compose.createDraft({ mode: 'new', accountId });
  let revision = d.revision;
  for (let i = 0; i < 5; i++) {
    const r = await client.api.compose.saveDraft({ draftId: d.id, baseRevision: revision, subject: `Typing ${i}`, html: `<p>v${i}<img src=x onerror="alert(1)"></p>` });
    expect(r.revision).toBe(revision + 1);
    revision = r.revision;
  }
  expect(openSyncTasks(d.id)).toBe(1);
  await expect(client.api.compose.saveDraft({ draftId: d.id, baseRevision: revision - 1, subject: 'stale' }))
    .rejects.toMatchObject({ code: 'CONFLICT', hint: expect.stringContaining('Reload') });
  const now = await client.api.compose.getDraft({ draftId: d.id });
  expect(now).toMatchObject({ subject: 'Typing 4', revision, remote: 'pending' });
  expect(now.html).not.toContain('onerror');

  const added = await client.api.compose.addAttachment({ draftId: d.id, filename: 'pic.png', contentType: 'image/png', dataBase64: Buffer.from('PNG').toString('base64'), inline: true });
  expect(added).toMatchObject({ revision: revision + 1, totalBytes: 3, sizeLimitBytes: 25 * 1024 * 1024 });
  expect(added.attachment.contentId).toMatch(/@pmsync$/);
  await expect(client.api.compose.addAttachment({ draftId: d.id, filename: 'x', contentType: 'text/plain', dataBase64: 'not base64!' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  const removed = await client.api.compose.removeAttachment({ draftId: d.id, attachmentId: added.attachment.id });
  expect(removed.revision).toBe(revision + 2);
  expect((await client.api.compose.getDraft({ draftId: d.id })).attachments).toEqual([]);
  // With the SIZE the account's SMTP server advertised, that is the limit the composer warns at.
  await client.api.accounts.updateSettings({ accountId, settings: { smtpMaxMessageBytes: 10_000_000 } });
  const second = await client.api.compose.addAttachment({ draftId: d.id, filename: 'b.txt', contentType: 'text/plain', dataBase64: Buffer.from('B').toString('base64') });
  expect(second.sizeLimitBytes).toBe(10_000_000);
});

it('send: an invalid address is refused before queueing; queued keeps the Message-ID, read-only, undo makes it editable again', async () => {
  const d = await client.api.compose.createDraft({ mode: 'new', accountId });
  const saved = await client.api.compose.saveDraft({ draftId: d.id, baseRevision: d.revision, to: ['bob@example'], subject: 'Hello', html: '<p>Hi Bob</p>' });
  const outboxBefore = (await client.api.compose.listOutbox({})).length;
  await expect(client.api.compose.sendDraft({ draftId: d.id })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('"bob@example"') });
  expect(await client.api.compose.listOutbox({})).toHaveLength(outboxBefore);

  const fixed = await client.api.compose.saveDraft({ draftId: d.id, baseRevision: saved.revision, to: ['Bob <bob@example.org>'] });
  const sent = await client.api.compose.sendDraft({ draftId: d.id });
  expect(sent.messageId).toBe(d.messageId);
  expect((await client.api.compose.getDraft({ draftId: d.id })).outboxId).toBe(sent.outboxId);
  expect((await client.api.compose.listDrafts({})).map((s) => s.id)).not.toContain(d.id);
  await expect(client.api.compose.saveDraft({ draftId: d.id, baseRevision: fixed.revision, subject: 'changed' })).rejects.toMatchObject({ code: 'CONFLICT' });
  await expect(client.api.compose.discardDraft({ draftId: d.id })).rejects.toMatchObject({ code: 'INVALID_INPUT' });

  await client.api.compose.undoSend({ outboxId: sent.outboxId });
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  const back = await client.api.compose.getDraft({ draftId: d.id });
  expect(back).toMatchObject({ outboxId: null, subject: 'Hello', sendError: null });
  // Sending again reuses the Message-ID (the cancelled row makes way).
  const again = await client.api.compose.sendDraft({ draftId: d.id, sendAt: Date.now() + 3600_000 });
  expect(again.messageId).toBe(d.messageId);
  expect((await client.api.compose.listOutbox({})).find((r) => r.id === again.outboxId)).toMatchObject({ state: 'scheduled' });
  // editOutbox: the scheduled message comes back to its draft.
  const edited = await client.api.compose.editOutbox({ outboxId: again.outboxId });
  expect(edited).toMatchObject({ id: d.id, outboxId: null });
  expect((await client.api.compose.listOutbox({})).find((r) => r.id === again.outboxId)).toBeUndefined();
});

it('editOutbox rebuilds a draft for a message queued without one (compose.send)', async () => {
  const sent = await client.api.compose.send({ accountId, to: ['Zed <zed@example.org>'], bcc: ['hidden@example.org'], subject: 'From the CLI', text: 'plain words' });
  const d = await client.api.compose.editOutbox({ outboxId: sent.outboxId });
  expect(d).toMatchObject({ messageId: sent.messageId, to: ['Zed <zed@example.org>'], bcc: ['hidden@example.org'], subject: 'From the CLI', outboxId: null });
  expect(d.html).toContain('plain words');
});

it('discard removes the draft here and queues the removal of the server copy', async () => {
  const d = await client.api.compose.createDraft({ mode: 'new', accountId });
  await client.api.compose.discardDraft({ draftId: d.id });
  await expect(client.api.compose.getDraft({ draftId: d.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  const removal = connectionOf(core.store).prepare("SELECT payload FROM tasks WHERE kind = 'drafts.remove' ORDER BY id DESC LIMIT 1").pluck().get() as string;
  expect(JSON.parse(removal)).toEqual({ messageId: d.messageId });
});

it('templates: save from a draft (without the signature), start a draft from it, delete', async () => {
  const d = await client.api.compose.createDraft({ mode: 'new', accountId });
  await client.api.compose.saveDraft({ draftId: d.id, baseRevision: d.revision, subject: 'Weekly status', html: `<p>Done: …</p>${d.html}` });
  const t = await client.api.compose.saveTemplate({ name: 'Status', fromDraftId: d.id });
  expect(t).toMatchObject({ name: 'Status', subject: 'Weekly status' });
  expect(t.html).not.toContain('pmsync-signature');
  const fromTemplate = await client.api.compose.createDraft({ mode: 'new', accountId, templateId: t.id });
  expect(fromTemplate.subject).toBe('Weekly status');
  expect(fromTemplate.html).toContain('Done: …');
  expect(fromTemplate.html.match(/pmsync-signature/g)).toHaveLength(1);
  expect((await client.api.compose.listTemplates({})).map((x) => x.id)).toContain(t.id);
  await client.api.compose.deleteTemplate({ id: t.id });
  expect((await client.api.compose.listTemplates({})).map((x) => x.id)).not.toContain(t.id);
});

it('settings: undo window used by the outbox; signatures merge per account', async () => {
  const s = await client.api.compose.updateSettings({ undoSendSeconds: 3 });
  expect(s.undoSendSeconds).toBe(3);
  expect(s.signatures[String(accountId)]).toContain('<b>Me</b>');
  const sent = await client.api.compose.send({ accountId, to: ['bob@example.org'], subject: 'quick', text: 'x' });
  expect(sent.undoUntil - Date.now()).toBeLessThanOrEqual(3_000);
  expect(sent.undoUntil - Date.now()).toBeGreaterThan(1_000);
  await client.api.compose.undoSend({ outboxId: sent.outboxId });
  await expect(client.api.compose.updateSettings({ undoSendSeconds: 61 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
});

it('suggestions: people written to first, then people heard from; never the user', async () => {
  const all = await client.api.compose.suggestAddresses({ query: '', limit: 50 });
  expect(all.map((s) => s.address)).not.toContain('me@example.test');
  const ann = await client.api.compose.suggestAddresses({ query: 'ann' });
  expect(ann).toEqual([{ name: 'Ann Author', address: 'ann@example.org', source: 'received' }]);
  // bob@example.org was in the outbox (written to): found by name start, domain, and first.
  const bob = await client.api.compose.suggestAddresses({ query: 'example.org' });
  expect(bob[0]).toMatchObject({ address: 'bob@example.org', source: 'sent' });
  expect(await client.api.compose.suggestAddresses({ query: '%' })).toEqual([]);
});

it('suggestions put contacts first, then mail correspondents, without repeating an address', () => {
  const db = connectionOf(core.store);
  const contacts = { suggest: (q: string) => (q === 'ann' ? [{ name: 'Ann (Contacts)', address: 'ANN@example.org' }, { name: 'Annika', address: 'annika@example.net' }] : []) };
  const extras = new ComposeExtras({
    store: core.store, drafts: new DraftRepository(db), templates: new TemplateRepository(db), settings: new ComposeSettingsRepository(db),
    correspondents: new CorrespondentRepository(db), contacts,
  });
  expect(extras.suggestAddresses('ann', 8)).toEqual([
    { name: 'Ann (Contacts)', address: 'ANN@example.org', source: 'contact' },
    { name: 'Annika', address: 'annika@example.net', source: 'contact' },
  ]);
  expect(extras.suggestAddresses('ann', 1)).toHaveLength(1);
  const failing = new ComposeExtras({
    store: core.store, drafts: new DraftRepository(db), templates: new TemplateRepository(db), settings: new ComposeSettingsRepository(db),
    correspondents: new CorrespondentRepository(db), contacts: { suggest: () => { throw new Error('index busy'); } },
  });
  expect(failing.suggestAddresses('ann', 8)).toEqual([{ name: 'Ann Author', address: 'ann@example.org', source: 'received' }]);
});

it('a message in a Drafts folder (saved by another client) opens as a draft with its Message-ID, once', async () => {
  const draftsFolder = core.store.ensureFolder(accountId, 'Drafts', 'drafts');
  const [stored] = core.store.insertMessages(draftsFolder.id, [parsedMessage({
    messageId: 'elsewhere-1@example.test', subject: 'Started on my phone', from: addr('me@example.test'), to: [addr('zoe@example.org', 'Zoe')],
    bcc: [addr('boss@example.org')], bodyText: 'half a thought', bodyHtml: '<p>half a <b>thought</b></p>',
    attachments: [attachment({ filename: 'plan.txt', content: Buffer.from('the plan') })],
  })]).ids as number[];
  const d = await client.api.compose.createDraft({ mode: 'new', sourceMessageId: stored });
  expect(d).toMatchObject({
    messageId: '<elsewhere-1@example.test>', accountId, to: ['Zoe <zoe@example.org>'], bcc: ['boss@example.org'], subject: 'Started on my phone',
    remote: 'synced', attachments: [expect.objectContaining({ filename: 'plan.txt', size: 8 })],
  });
  expect(d.html).toContain('half a <b>thought</b>');
  expect(d.html).not.toContain('pmsync-signature'); // its own text, not a fresh start
  expect((await client.api.compose.createDraft({ mode: 'new', sourceMessageId: stored })).id).toBe(d.id);
  // Changing it queues the upload that replaces the phone's copy (same Message-ID).
  await client.api.compose.saveDraft({ draftId: d.id, baseRevision: d.revision, html: '<p>a whole thought</p>' });
  expect(openSyncTasks(d.id)).toBe(1);
});
