import { describe, expect, it } from 'vitest';
import { referencedCids } from './quote';
import { buildForward, buildReply, MAX_REFERENCES, type ReplySource } from './reply';

const ME = { addresses: ['Me@Example.test', 'me.alias@example.test'] };
const DATE = Date.UTC(2025, 2, 3, 14, 5); // Mon, Mar 3, 2025, 2:05 PM UTC
const UTC = { timeZone: 'UTC' };

function original(over: Partial<ReplySource> = {}): ReplySource {
  return {
    messageId: 'orig-3@example.test',
    subject: 'Lunch',
    from: { name: 'Ann Lee', address: 'ann@example.test' },
    to: [{ name: 'Me', address: 'me@example.test' }, { name: 'Bob', address: 'bob@example.test' }],
    cc: [{ name: '', address: 'carol@example.test' }, { name: 'Me again', address: 'ME.ALIAS@example.test' }, { name: 'Bob 2', address: 'BOB@example.test' }],
    date: DATE,
    bodyText: 'Lunch at 12?\n> earlier quote\n\nAnn',
    bodyHtml: '<p>Lunch at <b>12</b>?</p><script>alert(1)</script>',
    references: ['root-1@example.test', 'orig-2@example.test'],
    ...over,
  };
}

describe('buildReply recipients', () => {
  it('reply goes to the sender only', () => {
    const r = buildReply(original(), 'reply', ME);
    expect(r.to).toEqual([{ name: 'Ann Lee', address: 'ann@example.test' }]);
    expect(r.cc).toEqual([]);
  });

  it('honours Reply-To for reply and reply-all', () => {
    const replyTo = [{ name: 'Lunch list', address: 'lunch@lists.example.test' }];
    expect(buildReply(original({ replyTo }), 'reply', ME).to).toEqual(replyTo);
    const all = buildReply(original({ replyTo }), 'reply-all', ME);
    expect(all.to.map((a) => a.address)).toEqual(['lunch@lists.example.test', 'bob@example.test']);
  });

  it('reply-all keeps everyone else once and removes all of my addresses, whatever their case', () => {
    const r = buildReply(original(), 'reply-all', ME);
    expect(r.to.map((a) => a.address)).toEqual(['ann@example.test', 'bob@example.test']);
    expect(r.cc.map((a) => a.address)).toEqual(['carol@example.test']);
  });

  it('replying to my own sent message goes to its recipients, not to me', () => {
    const mine = original({ from: { name: 'Me', address: 'ME@example.test' }, to: [{ name: 'Bob', address: 'bob@example.test' }], cc: [] });
    expect(buildReply(mine, 'reply', ME).to).toEqual([{ name: 'Bob', address: 'bob@example.test' }]);
    expect(buildReply(mine, 'reply-all', ME).to).toEqual([{ name: 'Bob', address: 'bob@example.test' }]);
  });

  it('a note to myself still has a recipient', () => {
    const self = original({ from: { name: 'Me', address: 'me@example.test' }, to: [{ name: 'Me', address: 'me@example.test' }], cc: [] });
    expect(buildReply(self, 'reply-all', ME).to.map((a) => a.address)).toEqual(['me@example.test']);
  });

  it('neutralizes control characters in names taken from the original', () => {
    const r = buildReply(original({ from: { name: 'Ann\r\nBcc: evil@x.org', address: 'ann@example.test' } }), 'reply', ME);
    expect(r.to[0].name).toBe('Ann Bcc: evil@x.org');
  });
});

describe('buildReply threading', () => {
  it('sets In-Reply-To to the original and References to its References plus its id', () => {
    const r = buildReply(original(), 'reply', ME);
    expect(r.subject).toBe('Re: Lunch');
    expect(r.inReplyTo).toBe('orig-3@example.test');
    expect(r.references).toEqual(['root-1@example.test', 'orig-2@example.test', 'orig-3@example.test']);
  });

  it('falls back to In-Reply-To when the original has no References, and strips brackets', () => {
    const r = buildReply(original({ messageId: '<orig-3@example.test>', references: [], inReplyTo: '<orig-2@example.test>' }), 'reply', ME);
    expect(r.inReplyTo).toBe('orig-3@example.test');
    expect(r.references).toEqual(['orig-2@example.test', 'orig-3@example.test']);
  });

  it('keeps the root and the newest ids of a very long thread', () => {
    const refs = Array.from({ length: 60 }, (_, i) => `m${i}@example.test`);
    const r = buildReply(original({ references: refs }), 'reply', ME);
    expect(r.references).toHaveLength(MAX_REFERENCES);
    expect(r.references[0]).toBe('m0@example.test');
    expect(r.references.slice(-2)).toEqual(['m59@example.test', 'orig-3@example.test']);
  });

  it('does not thread onto an id synthesized at import, or a malformed one', () => {
    const r = buildReply(original({ messageId: 'abc@pmsync.invalid', references: ['bad id@x', 'root-1@example.test'] }), 'reply', ME);
    expect(r.inReplyTo).toBeNull();
    expect(r.references).toEqual(['root-1@example.test']);
  });
});

describe('buildReply quoting', () => {
  it('quotes the text with an attribution line and "> " prefixes', () => {
    const r = buildReply(original(), 'reply', ME, UTC);
    expect(r.quotedText).toBe('On Mon, Mar 3, 2025, 2:05 PM, Ann Lee <ann@example.test> wrote:\n> Lunch at 12?\n>> earlier quote\n>\n> Ann\n');
  });

  it('quotes the HTML in a blockquote, sanitized, with an escaped attribution', () => {
    const r = buildReply(original({ from: { name: '<b>Ann</b>', address: 'ann@example.test' } }), 'reply', ME, UTC);
    expect(r.quotedHtml).toContain('<blockquote type="cite"');
    expect(r.quotedHtml).toContain('<p>Lunch at <b>12</b>?</p>');
    expect(r.quotedHtml).not.toContain('<script');
    expect(r.quotedHtml).toContain('&#34;&#60;b&#62;Ann&#60;/b&#62;&#34; &#60;ann@example.test&#62; wrote:');
  });

  it('quotes a text-only original as escaped HTML with line breaks', () => {
    const r = buildReply(original({ bodyHtml: null, bodyText: 'a < b\nc' }), 'reply', ME, UTC);
    expect(r.quotedHtml).toContain('a &#60; b<br>\nc</blockquote>');
  });
});

describe('buildForward', () => {
  const attachment = { filename: 'plan.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 plan') };
  const image = { filename: 'logo.png', contentType: 'image/png', content: Buffer.from([137, 80, 78, 71]), cid: 'logo@example.test' };

  it('uses one Fwd: prefix, a header block and the original body', () => {
    const f = buildForward(original({ subject: 'Fwd: Lunch' }), [], UTC);
    expect(f.subject).toBe('Fwd: Lunch');
    expect(f.quotedText).toContain(
      '---------- Forwarded message ----------\nFrom: Ann Lee <ann@example.test>\nDate: Mon, Mar 3, 2025, 2:05 PM\nSubject: Fwd: Lunch\nTo: Me <me@example.test>, Bob <bob@example.test>\nCc: carol@example.test, Me again <ME.ALIAS@example.test>, Bob 2 <BOB@example.test>\n\nLunch at 12?',
    );
    expect(f.quotedHtml).toContain('<b>From:</b> Ann Lee &#60;ann@example.test&#62;<br>');
    expect(f.quotedHtml).not.toContain('<script');
    expect(f.references).toEqual(['root-1@example.test', 'orig-2@example.test', 'orig-3@example.test']);
  });

  it('carries the original attachments, inline images with their Content-ID', () => {
    const f = buildForward(original(), [attachment, image]);
    expect(f.attachments).toEqual([attachment, image]);
    expect(f.attachments[0]).not.toBe(attachment);
  });
});

describe('referencedCids', () => {
  it('lists the inline images a quoted body needs', () => {
    expect(referencedCids('<img src="cid:logo@x.org"><img src=\'cid:a%40b\'><img src="https://x.org/i.png"><img src="cid:logo@x.org">')).toEqual(['logo@x.org', 'a@b']);
    expect(referencedCids('<img src="cid:bad%E0%A4">')).toEqual(['bad%E0%A4']);
  });
});
