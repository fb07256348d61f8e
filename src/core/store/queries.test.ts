import { latestVersion } from './migrate';
import { MIGRATIONS } from './migrations/index';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PmsyncError } from '../../shared/errors';
import { addr, attachment, parsedMessage } from './test-support/fixtures';
import { openTestStore, type TestStore } from './test-support/test-store';

let t: TestStore;
beforeEach(async () => { t = await openTestStore(); });
afterEach(() => t.cleanup());

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('accounts and folders', () => {
  it('creates the local account once, with an Inbox, and folders by path', () => {
    expect(t.store.ensureLocalAccount().id).toBe(t.accountId);
    expect(t.store.listAccounts()).toEqual([{ id: t.accountId, kind: 'local', name: 'Local Folders', email: null }]);
    expect(t.inbox).toMatchObject({ name: 'Inbox', path: 'Inbox', role: 'inbox', unreadCount: 0, totalCount: 0 });
    const nested = t.store.ensureFolder(t.accountId, 'Archive/2024');
    expect(nested).toMatchObject({ name: '2024', path: 'Archive/2024', role: null });
    expect(t.store.ensureFolder(t.accountId, 'Archive/2024').id).toBe(nested.id);
    expect(t.store.listFolders().map((f) => f.path)).toEqual(['Inbox', 'Archive/2024']);
    expect(() => t.store.ensureFolder(9999, 'X')).toThrow(PmsyncError);
    expect(() => t.store.insertMessages(9999, [parsedMessage()])).toThrow(/does not exist/);
  });
});

describe('thread lists and messages', () => {
  it('pages threads newest first with counts, participants and the latest snippet', () => {
    const msgs = Array.from({ length: 25 }, (_, i) => parsedMessage({ subject: `T${i}`, date: 1_000_000 + i * 1000 }));
    msgs.push(parsedMessage({
      subject: 'Re: T3', references: [msgs[3].messageId], date: 2_000_000, snippet: 'latest words',
      from: addr('carol@example.com', 'Carol'), attachments: [attachment()],
    }));
    t.store.insertMessages(t.inbox.id, msgs);
    const first = t.store.listThreads(t.inbox.id, 0, 10);
    expect(first.total).toBe(25);
    expect(first.items.map((i) => i.subject).slice(0, 3)).toEqual(['T3', 'T24', 'T23']);
    expect(first.items[0]).toMatchObject({
      messageCount: 2, unreadCount: 2, participants: ['Alice Example', 'Carol'], snippet: 'latest words', hasAttachments: true, flagged: false, lastDate: 2_000_000,
    });
    const last = t.store.listThreads(t.inbox.id, 20, 10);
    expect(last.items.map((i) => i.subject)).toEqual(['T5', 'T4', 'T2', 'T1', 'T0']);
  });

  it('returns a message with addresses, attachments and inline images as data: URIs', () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1);
    const [id] = t.store.insertMessages(t.inbox.id, [parsedMessage({
      subject: 'Pictures', to: [addr('bob@example.com', 'Bob')], cc: [addr('cy@example.com')],
      bodyHtml: '<p><img src="cid:logo@x"><img src="CID:big@x"><img src="cid:script@x"><img src="cid:other@x"></p>',
      attachments: [
        attachment({ filename: 'logo.png', contentType: 'image/png', contentId: '<logo@x>', inline: true, content: PNG }),
        attachment({ filename: 'big.png', contentType: 'image/png', contentId: 'big@x', inline: true, content: big }),
        attachment({ filename: 'x.html', contentType: 'text/html', contentId: 'script@x', inline: true, content: Buffer.from('<script>') }),
        attachment({ filename: 'report.pdf', contentType: 'application/pdf' }),
      ],
    })]).ids;
    const m = t.store.getMessage(id!)!;
    expect(m).toMatchObject({ subject: 'Pictures', unread: true, flagged: false, to: [{ name: 'Bob', address: 'bob@example.com' }], cc: [{ name: '', address: 'cy@example.com' }] });
    expect(m.attachments.map((a) => [a.filename, a.inline, a.contentId])).toEqual([
      ['logo.png', true, 'logo@x'], ['big.png', true, 'big@x'], ['x.html', true, 'script@x'], ['report.pdf', false, null],
    ]);
    expect(m.bodyHtml).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`);
    expect(m.bodyHtml).toContain('src="CID:big@x"'); // over 5 MB: left alone
    expect(m.bodyHtml).toContain('src="cid:script@x"'); // not an image: never inlined
    expect(m.bodyHtml).toContain('src="cid:other@x"'); // no such part
    const pdf = t.store.getAttachment(m.attachments[3].id)!;
    expect(pdf.content.toString()).toBe('attachment bytes');
    expect(t.store.getAttachment(m.attachments[1].id)!.content.length).toBe(big.length);
    expect(t.store.getMessage(99999)).toBeUndefined();
  });

  it('restricts getThread to a folder when asked', () => {
    const [a] = t.store.insertMessages(t.inbox.id, [parsedMessage({ messageId: 'ta@x' })]).ids;
    const sent = t.store.ensureFolder(t.accountId, 'Sent', 'sent');
    t.store.insertMessages(sent.id, [parsedMessage({ messageId: 'tb@x', inReplyTo: 'ta@x' })]);
    const threadId = t.store.getMessage(a!)!.threadId;
    expect(t.store.getThread(threadId)!.thread.messageCount).toBe(2);
    expect(t.store.getThread(threadId, sent.id)!.messages.map((m) => m.messageId)).toEqual(['tb@x']);
    expect(t.store.getThread(threadId, 9999)).toBeUndefined();
  });
});

describe('flags and permissions', () => {
  it('keeps folder and thread counters in step with read and flagged changes', () => {
    const ids = t.store.insertMessages(t.inbox.id, [
      parsedMessage({ messageId: 'f1@x' }), parsedMessage({ messageId: 'f2@x', inReplyTo: 'f1@x' }), parsedMessage({ messageId: 'f3@x' }),
    ]).ids as number[];
    expect(t.store.getFolder(t.inbox.id)!.unreadCount).toBe(3);
    expect(t.store.setRead([ids[0], ids[1]], true)).toEqual({ changed: 2, folderIds: [t.inbox.id] });
    expect(t.store.setRead([ids[0]], true).changed).toBe(0); // already read
    expect(t.store.getFolder(t.inbox.id)!.unreadCount).toBe(1);
    const thread = t.store.listThreads(t.inbox.id, 0, 10).items.find((i) => i.messageCount === 2)!;
    expect(thread.unreadCount).toBe(0);
    t.store.setRead([ids[1]], false);
    expect(t.store.getFolder(t.inbox.id)!.unreadCount).toBe(2);
    expect(t.store.setFlagged([ids[1], 424242], true)).toEqual({ changed: 1, folderIds: [t.inbox.id] });
    expect(t.store.listThreads(t.inbox.id, 0, 10).items.find((i) => i.id === thread.id)).toMatchObject({ flagged: true, unreadCount: 1 });
    expect(t.store.getMessage(ids[1])).toMatchObject({ flagged: true, unread: true });
  });

  it('allows remote content per message and per sender', () => {
    const ids = t.store.insertMessages(t.inbox.id, [
      parsedMessage({ messageId: 'rc1@x', from: addr('News@Shop.example'), hasRemoteContent: true }),
      parsedMessage({ messageId: 'rc2@x', from: addr('news@shop.example'), hasRemoteContent: true }),
      parsedMessage({ messageId: 'rc3@x', from: addr('other@shop.example'), hasRemoteContent: true }),
    ]).ids as number[];
    expect(ids.map((id) => t.store.getMessage(id)!.remoteContentAllowed)).toEqual([false, false, false]);
    t.store.allowRemoteContent(ids[2], 'message');
    expect(ids.map((id) => t.store.getMessage(id)!.remoteContentAllowed)).toEqual([false, false, true]);
    t.store.allowRemoteContent(ids[0], 'sender');
    expect(ids.map((id) => t.store.getMessage(id)!.remoteContentAllowed)).toEqual([true, true, true]);
    expect(() => t.store.allowRemoteContent(12345, 'message')).toThrow(/does not exist/);
  });
});

describe('profile facts', () => {
  it('counts and checks itself', () => {
    t.store.insertMessages(t.inbox.id, [parsedMessage(), parsedMessage()]);
    const c = t.store.counts();
    expect(c).toMatchObject({ accounts: 1, messages: 2 });
    expect(c.dbSizeBytes).toBeGreaterThan(4096);
    expect(t.store.doctor()).toEqual({ ok: true, integrity: ['ok'], schemaVersion: latestVersion(MIGRATIONS), cipher: 'sqlcipher', messages: 2, ftsRows: 2 });
  });
});
