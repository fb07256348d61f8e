import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage } from './parse-message';
import { generateMessage } from './fixtures/generate-messages';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));
const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'));

describe('parseMessage', () => {
  it('fills every field of a normal multipart message', async () => {
    const gen = generateMessage(7, { attachmentEvery: 7 });
    const m = await parseMessage(Buffer.from(gen.raw));
    expect(m.messageId).toBe('msg7@gen.example');
    expect(m.inReplyTo).toBe('msg6@gen.example');
    expect(m.references).toEqual(['msg5@gen.example', 'msg6@gen.example']);
    expect(m.subject).toBe(gen.subject);
    expect(m.threadSubject).toBe(gen.subject.replace(/^Re: /, '').toLowerCase());
    expect(m.from).toEqual({ name: 'Sender 7', address: 'sender7@gen.example' });
    expect(m.to).toEqual([{ name: 'Reader', address: 'reader@gen.example' }]);
    expect(m.date).toBe(Date.UTC(2024, 0, 1) + 7 * 60_000);
    expect(m.bodyText).toContain('From the desk of sender 7.');
    expect(m.bodyHtml).toContain('<table>');
    expect(m.hasRemoteContent).toBe(false);
    expect(m.snippet.startsWith('Hello,')).toBe(true);
    expect(m.snippet.length).toBeLessThanOrEqual(200);
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]).toMatchObject({ filename: 'report 7.pdf', contentType: 'application/pdf', inline: false, contentId: null });
    expect(Buffer.isBuffer(m.attachments[0].content)).toBe(true);
    expect(m.attachments[0].size).toBe(m.attachments[0].content.length);
    expect(m.rawSize).toBe(Buffer.byteLength(gen.raw));
    expect(m.warnings).toEqual([]);
  });

  it('sanitizes hostile HTML and names attachments safely', async () => {
    const m = await parseMessage(fixture('hostile-html.eml'));
    expect(m.subject).toBe('Evil 😈');
    expect(m.bodyHtml).not.toMatch(/<script|onload|javascript:|<meta|<base|<iframe|<form|<input|<svg|@import/i);
    expect(m.hasRemoteContent).toBe(true);
    expect(m.bodyText).toContain('Click here');
    expect(m.bodyText).not.toContain('alert');
    expect(m.attachments.map((a) => a.filename)).toEqual(['passwd', 'invoicefdp.exe', '_CON.txt']);
  });

  it('survives broken MIME, unknown and refused charsets, bad base64, with warnings', async () => {
    const m = await parseMessage(fixture('broken-mime.eml'));
    expect(m.subject).toBe('broken');
    expect(m.from?.address).toBe('nobody@example.com');
    expect(m.messageId).toMatch(/^[0-9a-f]{64}@pmsync\.invalid$/);
    expect(m.warnings.join('\n')).toMatch(/x-klingon/);
    expect(m.warnings.join('\n')).toMatch(/utf-7/);
    expect(m.warnings.join('\n')).toMatch(/Message-ID/);
    expect(m.warnings.join('\n')).toMatch(/Date/);
    expect(m.bodyHtml ?? '').not.toMatch(/<script/i);
  });

  it('synthesizes the Message-ID from the content when it is missing', async () => {
    const raw = crlf(['From: a@b.c', 'Subject: no id', '', 'body']);
    const m = await parseMessage(raw);
    expect(m.messageId).toBe(`${createHash('sha256').update(raw).digest('hex')}@pmsync.invalid`);
  });

  it('tolerates garbage in ids, addresses and dates', async () => {
    const before = Date.now();
    const m = await parseMessage(crlf([
      'From: =?x-unknown?Q?Someone?= <a@b.c>',
      'To: undisclosed-recipients:;, Team: x@y.z, "Q" <q@r.s>;, broken <<<',
      'Cc: Plain <plain@example.com>',
      'Subject: Re: AW: [list] Hello\r\n  folded',
      'Date: the day after tomorrow',
      'Message-ID: <  weird id  >',
      'In-Reply-To: (comment) <a@b> garbage',
      'References: <x@y> bad <z@w> <x@y>',
      '', 'body']));
    expect(m.to).toEqual(expect.arrayContaining([{ name: '', address: 'x@y.z' }, { name: 'Q', address: 'q@r.s' }]));
    expect(m.to.every((a) => a.address.length > 0)).toBe(true);
    expect(m.cc).toEqual([{ name: 'Plain', address: 'plain@example.com' }]);
    expect(m.subject).toBe('Re: AW: [list] Hello folded');
    expect(m.threadSubject).toBe('hello folded');
    expect(m.date).toBeGreaterThanOrEqual(before);
    expect(m.warnings.some((w) => /not a date/.test(w))).toBe(true);
    expect(m.messageId.length).toBeGreaterThan(0);
    expect(m.messageId).not.toMatch(/[<>]/);
    expect(m.inReplyTo).toBe('a@b');
    expect(m.references).toEqual(['x@y', 'z@w']);
  });

  it('derives text from HTML-only mail', async () => {
    const m = await parseMessage(crlf(['From: a@b.c', 'Subject: html', 'Content-Type: text/html; charset=utf-8', '',
      '<html><head><style>p{color:red}</style></head><body><p>Hello&nbsp;<b>world</b> &amp; friends</p><table><tr><td>a</td><td>b</td></tr></table><script>x()</script></body></html>']));
    expect(m.bodyText).toContain('Hello world & friends');
    expect(m.bodyText).not.toContain('color:red');
    expect(m.bodyText).not.toContain('x()');
    expect(m.snippet).toMatch(/^Hello world & friends/);
  });

  it('parses nested multiparts and inline cid images', async () => {
    const m = await parseMessage(crlf([
      'From: a@b.c', 'Subject: nested', 'Content-Type: multipart/mixed; boundary=A', '',
      '--A', 'Content-Type: multipart/related; boundary=B', '',
      '--B', 'Content-Type: multipart/alternative; boundary=C', '',
      '--C', 'Content-Type: text/plain', '', 'plain version', '--C', 'Content-Type: text/html', '', '<p>html <img src="cid:logo@x"></p>', '--C--',
      '--B', 'Content-Type: image/png', 'Content-ID: <logo@x>', 'Content-Transfer-Encoding: base64', '', 'iVBORw0KGgo=', '--B--',
      '--A--', '']));
    expect(m.bodyText.trim()).toBe('plain version');
    expect(m.bodyHtml).toContain('src="cid:logo@x"');
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]).toMatchObject({ contentId: 'logo@x', inline: true, contentType: 'image/png', filename: 'attachment.png' });
  });

  it('handles thousands of MIME parts in bounded time, keeping the headers', async () => {
    let body = '';
    for (let i = 0; i < 5000; i++) body += `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`;
    const raw = Buffer.from(`From: a@b.c\r\nSubject: many parts\r\nMessage-ID: <many@x>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${body}--b--\r\n`);
    const t0 = Date.now();
    const m = await parseMessage(raw);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(m.subject).toBe('many parts');
    expect(m.messageId).toBe('many@x');
    expect(m.warnings.some((w) => /could not be parsed/.test(w))).toBe(true);
  });

  it('handles deep nesting', async () => {
    let raw = 'From: a@b.c\r\nSubject: deep\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n';
    for (let i = 1; i < 300; i++) raw += `--b${i - 1}\r\nContent-Type: multipart/mixed; boundary=b${i}\r\n\r\n`;
    raw += '--b299\r\nContent-Type: text/plain\r\n\r\ndeep text\r\n';
    const m = await parseMessage(Buffer.from(raw));
    expect(m.subject).toBe('deep');
  });

  it('rejects input that is not a message at all', async () => {
    await expect(parseMessage(Buffer.alloc(0))).rejects.toThrow(/empty/);
    await expect(parseMessage(Buffer.from([0, 1, 2, 3, 255, 254, 10, 10, 1, 2]))).rejects.toThrow(/no e-mail headers/);
  });
});
