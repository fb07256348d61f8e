import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { looksLikeReply } from './threading';
import { addr, parsedMessage } from './test-support/fixtures';
import { openTestStore, type TestStore } from './test-support/test-store';

const DAY = 24 * 3600 * 1000;
let t: TestStore;
beforeEach(async () => { t = await openTestStore(); });
afterEach(() => t.cleanup());

function insert(...msgs: ReturnType<typeof parsedMessage>[]): number[] {
  return t.store.insertMessages(t.inbox.id, msgs).ids.map((id) => id ?? -1);
}

function threadOf(id: number): number {
  return t.store.getMessage(id)!.threadId;
}

describe('thread assignment', () => {
  it('puts a reply in its parent thread by In-Reply-To and References', () => {
    const [root] = insert(parsedMessage({ messageId: 'root@x', subject: 'Budget' }));
    const [reply] = insert(parsedMessage({ messageId: 'r1@x', inReplyTo: 'root@x', references: ['root@x'], subject: 'Re: Budget' }));
    const [deeper] = insert(parsedMessage({ messageId: 'r2@x', references: ['root@x', 'r1@x'], subject: 'Re: Re: Budget' }));
    expect(new Set([threadOf(root), threadOf(reply), threadOf(deeper)]).size).toBe(1);
    const page = t.store.listThreads(t.inbox.id, 0, 10);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ subject: 'Budget', messageCount: 3, unreadCount: 3 });
  });

  it('joins a parent that arrives after its reply to the reply\'s thread', () => {
    const [reply] = insert(parsedMessage({ messageId: 'child@x', inReplyTo: '<parent@x>', references: ['<parent@x>'], subject: 'Re: Trip', date: 2000 }));
    const [other] = insert(parsedMessage({ messageId: 'unrelated@x', subject: 'Trip photos', date: 1500 }));
    const [parent] = insert(parsedMessage({ messageId: '<parent@x>', subject: 'Trip', date: 1000 }));
    expect(threadOf(parent)).toBe(threadOf(reply));
    expect(threadOf(other)).not.toBe(threadOf(reply));
    const thread = t.store.getThread(threadOf(parent))!;
    expect(thread.messages.map((m) => m.messageId)).toEqual(['parent@x', 'child@x']); // oldest first
    expect(thread.thread.subject).toBe('Trip');
  });

  it('merges two threads when a later message references both', () => {
    const [a] = insert(parsedMessage({ messageId: 'a@x', subject: 'Plan A' }));
    const [aReply] = insert(parsedMessage({ messageId: 'a2@x', references: ['a@x'], subject: 'Re: Plan A' }));
    const [b] = insert(parsedMessage({ messageId: 'b@x', references: ['missing-root@x'], subject: 'Plan B' }));
    expect(threadOf(a)).not.toBe(threadOf(b));
    expect(t.store.listThreads(t.inbox.id, 0, 10).total).toBe(2);
    const [joiner] = insert(parsedMessage({ messageId: 'c@x', references: ['missing-root@x', 'b@x', 'a2@x'], subject: 'Re: Plans' }));
    const ids = new Set([a, aReply, b, joiner].map(threadOf));
    expect(ids.size).toBe(1);
    const page = t.store.listThreads(t.inbox.id, 0, 10);
    expect(page.total).toBe(1);
    expect(page.items[0].messageCount).toBe(4);
    // The merged-away thread is gone; the late root still finds the merged thread.
    const [root] = insert(parsedMessage({ messageId: 'missing-root@x', subject: 'Plans' }));
    expect(threadOf(root)).toBe(threadOf(a));
  });

  it('falls back to the subject for a reply without references within 30 days', () => {
    const [orig] = insert(parsedMessage({ messageId: 'o@x', subject: 'Lunch friday', date: 10 * DAY }));
    const [reply] = insert(parsedMessage({ messageId: 'p@x', subject: 'RE: Lunch friday', date: 12 * DAY }));
    const [late] = insert(parsedMessage({ messageId: 'q@x', subject: 'Re: Lunch friday', date: 80 * DAY }));
    expect(threadOf(reply)).toBe(threadOf(orig));
    expect(threadOf(late)).not.toBe(threadOf(orig));
  });

  it('does not merge unrelated mails that share a plain subject', () => {
    const ids = insert(
      parsedMessage({ messageId: 'h1@x', subject: 'Hello', from: addr('ann@x.org'), date: 1 * DAY }),
      parsedMessage({ messageId: 'h2@x', subject: 'Hello', from: addr('bob@y.org'), date: 2 * DAY }),
      parsedMessage({ messageId: 'h3@x', subject: 'Hello', from: addr('cy@z.org'), date: 3 * DAY }),
    );
    expect(new Set(ids.map(threadOf)).size).toBe(3);
    // A reply with references never joins by subject, even to a same-subject thread.
    const [withRefs] = insert(parsedMessage({ messageId: 'h4@x', subject: 'Re: Hello', references: ['elsewhere@x'], date: 3 * DAY }));
    expect(ids.map(threadOf)).not.toContain(threadOf(withRefs));
  });

  it('keeps threads per account', async () => {
    const [first] = insert(parsedMessage({ messageId: 'shared@x', subject: 'Same' }));
    const other = t.store.ensureFolder(t.accountId, 'Other');
    const [copy] = t.store.insertMessages(other.id, [parsedMessage({ messageId: 'reply-shared@x', references: ['shared@x'] })]).ids;
    expect(threadOf(copy!)).toBe(threadOf(first)); // same account, another folder: same thread
    expect(t.store.getThread(threadOf(first), t.inbox.id)!.messages).toHaveLength(1);
    expect(t.store.getThread(threadOf(first))!.messages).toHaveLength(2);
  });

  it('recognizes reply and forward subjects', () => {
    for (const s of ['Re: x', 'RE:x', 'Fwd: x', 'AW: x', 'SV: x', '[list] Re: x', 'Re[2]: x']) expect(looksLikeReply(s), s).toBe(true);
    for (const s of ['Hello', 'Regarding x', 'Results: x']) expect(looksLikeReply(s), s).toBe(false);
  });
});

describe('dedupe', () => {
  it('skips a message already in the folder with the same Message-ID and size', () => {
    const m = parsedMessage({ messageId: 'dup@x' });
    const first = t.store.insertMessages(t.inbox.id, [m, m]);
    expect(first).toMatchObject({ inserted: 1, duplicates: 1, folderIds: [t.inbox.id] });
    expect(first.ids[1]).toBeNull();
    const again = t.store.insertMessages(t.inbox.id, [m, { ...m, rawSize: m.rawSize + 1 }]);
    expect(again.ids[0]).toBeNull();
    expect(again.inserted).toBe(1);
    expect(t.store.getFolder(t.inbox.id)).toMatchObject({ totalCount: 2, unreadCount: 2 });
    expect(t.store.insertMessages(t.inbox.id, [m]).folderIds).toEqual([]);
  });
});
