// The generated mailbox through the app's real parser: what PMSync stores must be what was generated.
import { describe, expect, it } from 'vitest';
import { parseMessage } from '../mail/parse-message';
import { generateMailbox, NEEDLES } from './generate-mailbox';

const me = { name: 'Alex Demo', address: 'alex@pmsync.example' };

describe('generated mail parsed by parseMessage', () => {
  it('keeps ids, threading, subjects, senders, HTML, remote content and attachments as generated', async () => {
    const mail = [...generateMailbox({ seed: 11, count: 400, me, now: new Date('2025-06-01T12:00:00Z') })];
    let withAttachments = 0;
    for (const m of mail) {
      const p = await parseMessage(m.raw);
      expect(p.messageId).toBe(m.messageId);
      expect(p.inReplyTo).toBe(m.facts.inReplyTo);
      expect(p.references).toEqual(m.facts.references);
      expect(p.subject).toBe(m.facts.subject);
      expect(p.from?.address).toBe(m.facts.fromAddress);
      expect(p.date).toBe(m.date.getTime());
      expect(p.bodyHtml !== null).toBe(m.facts.hasHtml);
      expect(p.hasRemoteContent).toBe(m.facts.hasRemoteImage);
      // Ordinary HTML mail (quoted-printable `<meta charset=3D"utf-8">` included) warns about nothing.
      expect(p.warnings).toEqual([]);
      const got = p.attachments.map((a) => ({ fileName: a.filename, size: a.size, inline: a.inline })).sort((a, b) => a.fileName.localeCompare(b.fileName));
      const want = m.facts.attachments.map((a) => ({ fileName: a.fileName, size: a.size, inline: a.inline })).sort((a, b) => a.fileName.localeCompare(b.fileName));
      expect(got).toEqual(want);
      if (want.length) withAttachments++;
      if (m.facts.needles.rareWord) expect(p.bodyText).toContain(NEEDLES.rareWord);
      if (m.facts.needles.phrase) expect(p.bodyText).toContain(NEEDLES.phrase);
      expect(p.bodyText.length).toBeGreaterThan(200);
    }
    expect(withAttachments).toBeGreaterThan(15);
  });
});
