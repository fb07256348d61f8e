import { describe, expect, it } from 'vitest';
import { PmsyncError } from '../../shared/errors';
import { parseMessage } from '../mail/parse-message';
import { buildMime, envelopeOf, newMessageId } from './build-message';
import type { MimeDraft } from './types';

const PDF = Buffer.from('%PDF-1.4\n' + 'x'.repeat(3000) + '\n%%EOF');
const PNG = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 1, 2, 3]);

function draft(over: Partial<MimeDraft> = {}): MimeDraft {
  return {
    from: { name: 'Ann Lee', address: 'ann@example.test' },
    to: [{ name: 'Doe, Bob', address: 'bob@example.test' }],
    cc: [{ name: 'Jörg Müller', address: 'joerg@example.test' }],
    bcc: [{ name: 'Secret', address: 'secret@example.test' }],
    subject: 'Re: Plan für Montag ✓',
    html: '<p>Hi <b>Bob</b>, see <a href="https://example.org/plan">the plan</a>.</p><p><img src="cid:logo@example.test"></p>',
    attachments: [
      { filename: 'plan.pdf', contentType: 'application/pdf', content: PDF },
      { filename: 'logo.png', contentType: 'image/png', content: PNG, cid: 'logo@example.test' },
    ],
    messageId: 'new-1@example.test',
    inReplyTo: 'orig-3@example.test',
    references: ['root-1@example.test', 'orig-3@example.test'],
    date: Date.UTC(2025, 2, 3, 14, 5, 7),
    ...over,
  };
}

function headerSection(raw: Buffer): string {
  const text = raw.toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n'));
}

async function refusal(p: Promise<unknown>): Promise<PmsyncError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PmsyncError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('buildMime round trip through parseMessage', () => {
  it('keeps subject, addresses, threading headers, both parts and attachments', async () => {
    const raw = await buildMime(draft());
    const parsed = await parseMessage(raw);
    expect(parsed.subject).toBe('Re: Plan für Montag ✓');
    expect(parsed.from).toEqual({ name: 'Ann Lee', address: 'ann@example.test' });
    expect(parsed.to).toEqual([{ name: 'Doe, Bob', address: 'bob@example.test' }]);
    expect(parsed.cc).toEqual([{ name: 'Jörg Müller', address: 'joerg@example.test' }]);
    expect(parsed.messageId).toBe('new-1@example.test');
    expect(parsed.inReplyTo).toBe('orig-3@example.test');
    expect(parsed.references).toEqual(['root-1@example.test', 'orig-3@example.test']);
    expect(parsed.date).toBe(Date.UTC(2025, 2, 3, 14, 5, 7));
    expect(parsed.bodyHtml).toContain('<b>Bob</b>');
    expect(parsed.bodyText).toBe('Hi Bob, see the plan <https://example.org/plan>.');
    expect(parsed.warnings).toEqual([]);
    const byName = new Map(parsed.attachments.map((a) => [a.filename, a]));
    expect(byName.get('plan.pdf')?.content.equals(PDF)).toBe(true);
    expect(byName.get('plan.pdf')?.contentType).toBe('application/pdf');
    expect(byName.get('plan.pdf')?.inline).toBe(false);
    expect(byName.get('logo.png')?.content.equals(PNG)).toBe(true);
    expect(byName.get('logo.png')?.contentId).toBe('logo@example.test');
    expect(byName.get('logo.png')?.inline).toBe(true);
  });

  it('writes CRLF line ends, angle-bracketed ids and a multipart/alternative text part', async () => {
    const raw = await buildMime(draft());
    const text = raw.toString('latin1');
    expect(text).not.toMatch(/[^\r]\n/);
    expect(headerSection(raw)).toMatch(/^Message-ID: <new-1@example\.test>$/m);
    expect(headerSection(raw)).toMatch(/^In-Reply-To: <orig-3@example\.test>$/m);
    expect(headerSection(raw)).toMatch(/^References: <root-1@example\.test> <orig-3@example\.test>$/m);
    expect(text).toContain('multipart/alternative');
    expect(text).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
  });

  it('keeps a long subject whole', async () => {
    const subject = `Long ${'wörter '.repeat(80)}end`;
    expect((await parseMessage(await buildMime(draft({ subject })))).subject).toBe(subject);
  });

  it('uses the given plain-text part when there is one', async () => {
    const parsed = await parseMessage(await buildMime(draft({ text: 'Typed text part' })));
    expect(parsed.bodyText).toBe('Typed text part');
  });

  it('leaves out threading headers when there are none', async () => {
    const raw = await buildMime(draft({ inReplyTo: null, references: [] }));
    expect(headerSection(raw)).not.toMatch(/^(In-Reply-To|References):/im);
  });
});

describe('buildMime never writes Bcc', () => {
  it('writes Bcc only when the Drafts copy asks for it explicitly', async () => {
    expect((await parseMessage(await buildMime(draft(), { draftCopyWithBcc: false }))).bcc).toEqual([]);
    const copy = await buildMime(draft(), { draftCopyWithBcc: true });
    expect(headerSection(copy)).toMatch(/^Bcc: Secret <secret@example\.test>$/m);
    expect((await parseMessage(copy)).bcc).toEqual([{ name: 'Secret', address: 'secret@example.test' }]);
    expect(headerSection(await buildMime(draft({ bcc: [] }), { draftCopyWithBcc: true }))).not.toMatch(/^Bcc:/im);
  });

  it('keeps Bcc out of the message and puts it in the envelope', async () => {
    const raw = await buildMime(draft());
    expect(raw.toString('latin1')).not.toMatch(/secret@example\.test|^Bcc:/im);
    expect((await parseMessage(raw)).bcc).toEqual([]);
    expect(envelopeOf(draft())).toEqual({
      from: 'ann@example.test',
      to: ['bob@example.test', 'joerg@example.test', 'secret@example.test'],
    });
  });

  it('envelopeOf dedupes and refuses a message without recipients', () => {
    const d = draft({ to: [{ name: '', address: 'Bob@example.test' }], cc: [], bcc: [{ name: '', address: 'bob@example.test' }] });
    expect(envelopeOf(d).to).toEqual(['Bob@example.test']);
    const err = (() => {
      try {
        envelopeOf(draft({ to: [], cc: [], bcc: [] }));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PmsyncError);
    expect((err as PmsyncError).message).toMatch(/no recipients/);
  });
});

describe('buildMime header injection', () => {
  const evil = 'Hi\r\nBcc: evil@x.org\r\nX-Injected: 1';

  it('neutralizes CR/LF in subject, names and file names', async () => {
    const raw = await buildMime(
      draft({
        subject: evil,
        from: { name: evil, address: 'ann@example.test' },
        to: [{ name: evil, address: 'bob@example.test' }],
        cc: [{ name: 'Carol\nBcc: evil@x.org', address: 'carol@example.test' }],
        attachments: [{ filename: 'a.txt\r\nBcc: evil@x.org', contentType: 'text/plain\r\nBcc: evil@x.org', content: Buffer.from('hello') }],
      }),
    );
    const text = raw.toString('latin1');
    expect(text).not.toMatch(/^(Bcc|X-Injected):/im);
    expect(text).not.toMatch(/\r\n[ \t]*(Bcc|X-Injected):/i);
    const parsed = await parseMessage(raw);
    expect(parsed.subject).toBe('Hi Bcc: evil@x.org X-Injected: 1');
    expect(parsed.bcc).toEqual([]);
    expect(parsed.to).toEqual([{ name: 'Hi Bcc: evil@x.org X-Injected: 1', address: 'bob@example.test' }]);
    expect(parsed.cc).toEqual([{ name: 'Carol Bcc: evil@x.org', address: 'carol@example.test' }]);
    expect(parsed.attachments[0].filename).toBe('a.txt Bcc_ evil@x.org'); // the importer's safeFilename turns ':' into '_'
    expect(text).toMatch(/^Content-Type: application\/octet-stream; name=/m); // the unusable type was replaced
  });

  it('refuses an address carrying a line break, in any field', async () => {
    for (const field of ['to', 'cc', 'bcc'] as const) {
      const err = await refusal(buildMime(draft({ [field]: [{ name: '', address: 'bob@example.test\r\nBcc: evil@x.org' }] })));
      expect(err.code).toBe('INVALID_INPUT');
      expect(err.message).toMatch(/is not a valid email address/);
    }
    expect((await refusal(buildMime(draft({ from: { name: '', address: 'not-an-address' } })))).message).toContain('(in From)');
  });

  it('refuses a Message-ID with spaces or line breaks, and drops such references', async () => {
    expect((await refusal(buildMime(draft({ messageId: 'a@x\r\nBcc: e@y' })))).code).toBe('INVALID_INPUT');
    const raw = await buildMime(draft({ inReplyTo: 'x y@z', references: ['ok@example.test', 'bad\r\nBcc: e@y'] }));
    expect(headerSection(raw)).not.toMatch(/^In-Reply-To:/im);
    expect(headerSection(raw)).toMatch(/^References: <ok@example\.test>$/m);
    expect(raw.toString('latin1')).not.toMatch(/^Bcc:/im);
  });

  it('refuses an unusable inline image id', async () => {
    const att = { filename: 'i.png', contentType: 'image/png', content: PNG, cid: 'a b>\r\nX: y' };
    expect((await refusal(buildMime(draft({ attachments: [att] })))).code).toBe('INVALID_INPUT');
  });
});

describe('newMessageId', () => {
  it('makes unique ids on the given domain, without brackets', () => {
    const a = newMessageId('example.test');
    expect(a).toMatch(/^[0-9a-f-]{36}@example\.test$/);
    expect(newMessageId('example.test')).not.toBe(a);
    expect(newMessageId('ann@Example.TEST')).toMatch(/@example\.test$/);
  });

  it('falls back to a safe domain for one that could break a header', () => {
    expect(newMessageId('x.org>\r\nBcc: e@y')).toMatch(/@pmsync\.localhost$/);
    expect(newMessageId('')).toMatch(/@pmsync\.localhost$/);
  });
});
