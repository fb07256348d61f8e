import { describe, expect, it } from 'vitest';
import { parseMessage } from '../mail/parse-message';
import type { ParsedMessage } from '../mail/types';
import { buildMime, newMessageId } from './build-message';
import { buildForward, buildReply, type ReplySource } from './reply';

// A parsed (stored) message carries everything a reply needs, Reply-To and References included.
const asSource = (p: ParsedMessage): ReplySource => p;

describe('reply and forward through real MIME', () => {
  it('a reply-all to a parsed message threads onto it and reaches everyone but me', async () => {
    const rootId = newMessageId('example.test');
    const root = await parseMessage(
      await buildMime({
        from: { name: 'Ann', address: 'ann@example.test' },
        to: [{ name: 'Me', address: 'me@example.test' }, { name: 'Bob', address: 'bob@example.test' }],
        cc: [],
        bcc: [],
        subject: 'Lunch',
        html: '<p>Lunch at 12?</p>',
        attachments: [],
        messageId: rootId,
        date: Date.UTC(2025, 2, 3, 11, 0),
      }),
    );
    const reply = buildReply(asSource(root), 'reply-all', { addresses: ['me@example.test'] }, { timeZone: 'UTC' });
    const replyId = newMessageId('example.test');
    const sent = await parseMessage(
      await buildMime({
        from: { name: 'Me', address: 'me@example.test' },
        to: reply.to,
        cc: reply.cc,
        bcc: [],
        subject: reply.subject,
        html: `<p>Yes!</p>${reply.quotedHtml}`,
        attachments: [],
        messageId: replyId,
        inReplyTo: reply.inReplyTo,
        references: reply.references,
        date: Date.UTC(2025, 2, 3, 11, 5),
      }),
    );
    expect(sent.subject).toBe('Re: Lunch');
    expect(sent.threadSubject).toBe(root.threadSubject);
    expect(sent.inReplyTo).toBe(rootId);
    expect(sent.references).toEqual([rootId]);
    expect(sent.to.map((a) => a.address)).toEqual(['ann@example.test', 'bob@example.test']);
    expect(sent.bodyText).toBe('Yes!\n\nOn Mon, Mar 3, 2025, 11:00 AM, Ann <ann@example.test> wrote:\n\n> Lunch at 12?');

    const second = buildReply(asSource(sent), 'reply', { addresses: ['ann@example.test'] });
    expect(second.subject).toBe('Re: Lunch');
    expect(second.references).toEqual([rootId, replyId]);
  });

  it('a forward carries the attachments of the parsed original', async () => {
    const pdf = Buffer.from('%PDF-1.4 the plan');
    const original = await parseMessage(
      await buildMime({
        from: { name: 'Ann', address: 'ann@example.test' },
        to: [{ name: '', address: 'me@example.test' }],
        cc: [],
        bcc: [],
        subject: 'Plan',
        html: '<p>Attached.</p>',
        attachments: [{ filename: 'plan.pdf', contentType: 'application/pdf', content: pdf }],
        messageId: newMessageId('example.test'),
        date: Date.UTC(2025, 2, 3, 11, 0),
      }),
    );
    const fwd = buildForward(asSource(original), original.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })));
    const out = await parseMessage(
      await buildMime({
        from: { name: 'Me', address: 'me@example.test' },
        to: [{ name: '', address: 'carol@example.test' }],
        cc: [],
        bcc: [],
        subject: fwd.subject,
        html: `<p>FYI</p>${fwd.quotedHtml}`,
        attachments: fwd.attachments,
        messageId: newMessageId('example.test'),
        references: fwd.references,
        date: Date.now(),
      }),
    );
    expect(out.subject).toBe('Fwd: Plan');
    expect(out.attachments.map((a) => [a.filename, a.contentType, a.content.equals(pdf)])).toEqual([['plan.pdf', 'application/pdf', true]]);
    expect(out.bodyText).toContain('From: Ann <ann@example.test>');
    expect(out.bodyText).toContain('Attached.');
  });
});
