import { describe, expect, it } from 'vitest';
import { generateMailbox, NEEDLES, type GeneratedMessage } from './generate-mailbox';
import { decodeEncodedWords, leaves, readPart, textOf } from './test-support/mime-reader';

const me = { name: 'Alex Demo', address: 'alex@pmsync.example' };
const now = new Date('2025-06-01T12:00:00Z');

function generate(count: number, seed = 7, extra: Partial<Parameters<typeof generateMailbox>[0]> = {}): GeneratedMessage[] {
  return [...generateMailbox({ seed, count, me, now, ...extra })];
}

describe('generateMailbox', () => {
  const mail = generate(2000);

  it('is deterministic: the same seed gives the same bytes, another seed other bytes', () => {
    const again = generate(300);
    expect(Buffer.concat(generate(300).map((m) => m.raw)).equals(Buffer.concat(again.map((m) => m.raw)))).toBe(true);
    const iterable = generateMailbox({ seed: 7, count: 50, me, now });
    expect([...iterable].map((m) => m.raw)).toEqual([...iterable].map((m) => m.raw)); // re-iterable
    const other = generate(300, 8);
    expect(other[0].raw.equals(again[0].raw)).toBe(false);
  });

  it('produces exactly count messages, oldest first, within the two years before now', () => {
    expect(mail).toHaveLength(2000);
    const times = mail.map((m) => m.date.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(now.getTime() - 731 * 86_400_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
    expect(new Set(mail.map((m) => m.messageId)).size).toBe(2000);
  });

  it('writes structurally valid MIME whose headers decode to what was planned', () => {
    for (const m of mail) {
      const root = readPart(m.raw.toString('latin1'));
      for (const name of ['date', 'from', 'to', 'subject', 'message-id', 'mime-version']) expect(root.headers.has(name), name).toBe(true);
      expect(decodeEncodedWords(root.headers.get('subject')![0])).toBe(m.facts.subject);
      expect(root.headers.get('message-id')![0]).toBe(`<${m.messageId}>`);
      expect(root.headers.get('from')![0]).toContain(`<${m.facts.fromAddress}>`);
      expect(Math.abs(Date.parse(root.headers.get('date')![0]) - m.date.getTime())).toBe(0);
      const expectedType = { text: 'text/plain', alternative: 'multipart/alternative', related: 'multipart/alternative', mixed: 'multipart/mixed' }[m.facts.structure];
      expect(root.contentType).toBe(expectedType);
      const parts = leaves(root);
      expect(parts.some((p) => p.contentType === 'text/html')).toBe(m.facts.hasHtml);
      const files = parts.filter((p) => p.headers.has('content-disposition'));
      expect(files.map((p) => p.params.name)).toEqual(m.facts.attachments.map((a) => a.fileName));
      expect(files.map((p) => p.body.length)).toEqual(m.facts.attachments.map((a) => a.size));
      const text = textOf(parts.find((p) => p.contentType === 'text/plain')!);
      if (m.facts.needles.rareWord) expect(text).toContain(NEEDLES.rareWord);
      if (m.facts.needles.phrase) expect(text).toContain(NEEDLES.phrase);
    }
  });

  it('threads replies with In-Reply-To, References and "Re:" subjects; my replies are in Sent', () => {
    const byId = new Map(mail.map((m) => [m.messageId, m]));
    const replies = mail.filter((m) => m.facts.inReplyTo);
    expect(replies.length).toBeGreaterThan(400);
    for (const r of replies) {
      const parent = byId.get(r.facts.inReplyTo!)!;
      expect(parent.date.getTime()).toBeLessThanOrEqual(r.date.getTime());
      expect(r.facts.references.at(-1)).toBe(parent.messageId);
      expect(r.facts.references.slice(0, -1)).toEqual(parent.facts.references);
      expect(r.facts.subject).toBe(`Re: ${parent.facts.subject.replace(/^Re: /, '')}`);
      expect(r.facts.threadIndex).toBe(parent.facts.threadIndex);
    }
    const threadSizes = new Map<number, number>();
    for (const m of mail) threadSizes.set(m.facts.threadIndex, (threadSizes.get(m.facts.threadIndex) ?? 0) + 1);
    expect(Math.max(...threadSizes.values())).toBeGreaterThanOrEqual(9);
    expect(Math.max(...threadSizes.values())).toBeLessThanOrEqual(20);
    expect(mail.filter((m) => m.folder === 'Sent').every((m) => m.facts.fromAddress === me.address)).toBe(true);
    expect(mail.filter((m) => m.facts.fromAddress === me.address).every((m) => m.folder === 'Sent')).toBe(true);
    expect(replies.some((m) => m.folder === 'Sent')).toBe(true);
  });

  it('mixes structures, folders, non-ASCII text and needles at the documented rates', () => {
    const share = (pred: (m: GeneratedMessage) => boolean): number => mail.filter(pred).length / mail.length;
    expect(share((m) => m.facts.structure === 'text')).toBeGreaterThan(0.4);
    expect(share((m) => m.facts.structure === 'text')).toBeLessThan(0.6);
    expect(share((m) => m.facts.structure === 'alternative' || m.facts.structure === 'related')).toBeGreaterThan(0.33);
    expect(share((m) => m.facts.structure === 'mixed')).toBeGreaterThan(0.04);
    expect(share((m) => m.facts.structure === 'mixed')).toBeLessThan(0.1);
    expect(share((m) => m.facts.structure === 'related')).toBeGreaterThan(0.01);
    expect(new Set(mail.map((m) => m.folder))).toEqual(new Set(['Inbox', 'Sent', 'Archive', 'Newsletters', 'Work/Projects']));
    expect(share((m) => m.facts.needles.needleSender)).toBeGreaterThan(0.01);
    expect(share((m) => m.facts.needles.needleSender)).toBeLessThan(0.03);
    expect(share((m) => m.facts.needles.rareWord)).toBeGreaterThan(0.001);
    expect(share((m) => m.facts.needles.rareWord)).toBeLessThan(0.012);
    expect(share((m) => /=\?(UTF-8|ISO-8859-1)\?[QB]\?/.test(m.raw.subarray(0, 4000).toString('latin1')))).toBeGreaterThan(0.1);
    const sizes = mail.filter((m) => m.facts.structure === 'text').map((m) => m.raw.length).sort((a, b) => a - b);
    expect(sizes[Math.floor(sizes.length / 2)]).toBeGreaterThan(1500);
    const attachmentSizes = mail.flatMap((m) => m.facts.attachments.filter((a) => !a.inline).map((a) => a.size));
    expect(Math.min(...attachmentSizes)).toBeGreaterThanOrEqual(20_000);
    expect(Math.max(...attachmentSizes)).toBeLessThanOrEqual(210_000);
  });

  it('puts the remote tracking image in newsletters only, at the given URL', () => {
    const custom = generate(400, 7, { remoteImageUrl: 'http://127.0.0.1:9/pixel.gif', folders: { inbox: 'INBOX' } });
    const newsletters = custom.filter((m) => m.folder === 'Newsletters');
    expect(newsletters.length).toBeGreaterThan(10);
    for (const m of custom) {
      const html = leaves(readPart(m.raw.toString('latin1'))).filter((p) => p.contentType === 'text/html').map(textOf).join('');
      expect(html.includes('src="http://127.0.0.1:9/pixel.gif?m='), m.messageId).toBe(m.folder === 'Newsletters');
    }
    expect(custom.some((m) => m.folder === 'INBOX')).toBe(true);
  });

  it('embeds real files: PDFs, PNGs, and cid: images referenced from the HTML', () => {
    let pdf = 0;
    let png = 0;
    for (const m of mail.filter((x) => x.facts.attachments.length)) {
      const parts = leaves(readPart(m.raw.toString('latin1')));
      for (const p of parts.filter((x) => x.headers.has('content-disposition'))) {
        if (p.contentType === 'application/pdf') {
          pdf++;
          expect(p.body.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
          const text = p.body.toString('latin1');
          const startxref = Number(/startxref\n(\d+)/.exec(text)![1]);
          expect(text.slice(startxref, startxref + 4)).toBe('xref');
        }
        if (p.contentType === 'image/png') {
          png++;
          expect(p.body.subarray(1, 4).toString('latin1')).toBe('PNG');
        }
      }
      if (m.facts.structure === 'related') {
        const cid = parts.find((x) => x.headers.has('content-id'))!.headers.get('content-id')![0].slice(1, -1);
        expect(textOf(parts.find((x) => x.contentType === 'text/html')!)).toContain(`src="cid:${cid}"`);
      }
    }
    expect(pdf).toBeGreaterThan(20);
    expect(png).toBeGreaterThan(10);
  });
});
