/**
 * Turns one planned message into RFC 5322 bytes: picks its MIME structure (text, alternative,
 * related with a cid: image, mixed with attachments), writes bodies and headers. Each message
 * draws from its own PRNG (seed + plan id), so output does not depend on iteration order.
 */
import { ATTACHMENT_TYPES, makeAttachment, makePng, type AttachmentKind } from './attachments';
import { renderHtml, renderNewsletterHtml, renderNewsletterText, type NewsletterContent } from './html-body';
import {
  binaryPart, encodeWords, fitsLatin1, foldHeader, formatAddress, formatMailDate, multipart, serializePart, textPart,
  type Charset, type MimePart,
} from './mime';
import { makeProse, makeStatusTable, openingParagraph, pickSignOff, renderText, type BodyContent, type Topic } from './prose';
import { mixSeed, SeededRandom } from './random';
import { NEEDLE_SENDER, referencesOf, type PlannedMessage } from './thread-plan';
import { WORK_WORDS } from './vocabulary';

export type MessageStructure = 'text' | 'alternative' | 'related' | 'mixed';

/** What the generator put into a message: ground truth for tests and benchmarks. */
export interface MessageFacts {
  threadIndex: number;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  fromAddress: string;
  structure: MessageStructure;
  hasHtml: boolean;
  hasRemoteImage: boolean;
  attachments: { fileName: string; contentType: string; size: number; inline: boolean }[];
  needles: { rareWord: boolean; phrase: boolean; needleSender: boolean };
}

export interface RenderContext {
  seed: number;
  remoteImageUrl: string;
  eol: '\r\n' | '\n';
}

function topicOf(message: PlannedMessage): Topic {
  return message.kind === 'personal' ? 'personal' : 'work';
}

function firstName(name: string): string {
  return name.split(' ')[0] || name;
}

/** A message's opening paragraph, reproducible from its id alone (replies quote it). */
function opening(ctx: RenderContext, message: PlannedMessage): string {
  return openingParagraph(new SeededRandom(mixSeed(ctx.seed, message.id, 7)), topicOf(message));
}

function attachmentName(kind: AttachmentKind, rng: SeededRandom, date: Date): string {
  const day = date.toISOString().slice(0, 10);
  switch (kind) {
    case 'pdf': return `${rng.pick(['Report', 'Invoice', 'Angebot', 'Résumé', '見積書', 'Protokoll', 'contract-draft'])}-${rng.int(100, 9999)}.pdf`;
    case 'png': return rng.pick([`screenshot-${day}.png`, `Foto_${rng.int(1000, 9999)}.png`, 'diagram.png']);
    case 'csv': return `expenses-${day.slice(0, 7)}.csv`;
    case 'txt': return `server-${rng.int(1, 40)}.log`;
  }
}

function headerLines(message: PlannedMessage, ctx: RenderContext, charset: Charset, rng: SeededRandom): string[] {
  const { eol } = ctx;
  const h: [string, string][] = [];
  const myDomain = message.to[0]?.address.split('@')[1] ?? 'localhost';
  if (message.folderRole !== 'sent') {
    const senderDomain = message.from.address.split('@')[1];
    h.push(['Received', `from mail.${senderDomain} (mail.${senderDomain} [192.0.2.${rng.int(1, 254)}]) by mx.${myDomain} with ESMTPS id ${rng.token(10).toUpperCase()}; ${formatMailDate(new Date(message.date.getTime() + rng.int(1, 20) * 1000), 0)}`]);
  }
  h.push(['Date', formatMailDate(message.date, message.from.tzOffset)]);
  h.push(['From', formatAddress(message.from, charset)]);
  h.push(['To', message.to.map((p) => formatAddress(p, charset)).join(', ')]);
  if (message.cc.length) h.push(['Cc', message.cc.map((p) => formatAddress(p, charset)).join(', ')]);
  h.push(['Subject', encodeWords(message.subject, charset)]);
  h.push(['Message-ID', `<${message.messageId}>`]);
  if (message.parent) {
    h.push(['In-Reply-To', `<${message.parent.messageId}>`]);
    h.push(['References', referencesOf(message).map((id) => `<${id}>`).join(' ')]);
  }
  if (message.kind === 'newsletter') {
    h.push(['List-Id', `<${message.from.address.replace('@', '.')}>`]);
    h.push(['List-Unsubscribe', '<https://newsletter.example/unsubscribe>']);
    h.push(['Precedence', 'bulk']);
  } else {
    h.push(['User-Agent', rng.pick(['Mozilla Thunderbird 128.5', 'Apple Mail (2.3776)', 'Microsoft Outlook 16.0', 'Roundcube Webmail/1.6.9', 'PMSync/0.1'])]);
  }
  h.push(['MIME-Version', '1.0']);
  return h.map(([name, value]) => foldHeader(name, value, eol));
}

function newsletterContent(message: PlannedMessage, ctx: RenderContext, rng: SeededRandom): NewsletterContent {
  const articles = Array.from({ length: rng.int(3, 5) }, () => {
    const title = Array.from({ length: rng.int(3, 7) }, () => rng.pick(WORK_WORDS)).join(' ');
    return { title: title[0].toUpperCase() + title.slice(1), text: opening(ctx, message) + ' ' + rng.pick(WORK_WORDS) + '.', slug: rng.token(8) };
  });
  return { brand: message.from.name, headline: message.subject, articles, trackingPixelUrl: `${ctx.remoteImageUrl}?m=${message.id.toString(36)}` };
}

/** Renders one planned message; returns its bytes and the facts a test can check them against. */
export function renderMessage(message: PlannedMessage, ctx: RenderContext): { raw: Buffer; facts: MessageFacts } {
  const rng = new SeededRandom(mixSeed(ctx.seed, message.id));
  const { eol } = ctx;
  const facts: MessageFacts = {
    threadIndex: message.threadIndex,
    inReplyTo: message.parent?.messageId ?? null,
    references: referencesOf(message),
    subject: message.subject,
    fromAddress: message.from.address,
    structure: 'text',
    hasHtml: false,
    hasRemoteImage: false,
    attachments: [],
    needles: { rareWord: false, phrase: false, needleSender: message.from === NEEDLE_SENDER },
  };
  let root: MimePart;
  let charset: Charset = 'UTF-8';

  if (message.kind === 'newsletter') {
    const content = newsletterContent(message, ctx, rng);
    facts.structure = 'alternative';
    facts.hasHtml = true;
    facts.hasRemoteImage = true;
    root = multipart('alternative', `b1_${rng.token(24)}`, [
      textPart('plain', renderNewsletterText(content), { charset, eol }),
      textPart('html', renderNewsletterHtml(content, rng), { charset, eol, base64: rng.chance(0.2) }),
    ]);
  } else {
    const x = rng.next();
    facts.structure = x < 0.07 ? 'mixed' : x < 0.1 ? 'related' : x < 0.45 ? 'alternative' : 'text';
    facts.needles.rareWord = rng.chance(0.005);
    facts.needles.phrase = rng.chance(message.kind === 'work' ? 0.02 : 0.004);
    const topic = topicOf(message);
    const paragraphs = [opening(ctx, message), ...makeProse(rng, {
      topic,
      targetChars: 900 + Math.pow(rng.next(), 2) * 6500,
      withRareWord: facts.needles.rareWord,
      withPhrase: facts.needles.phrase,
      withForeign: rng.chance(/[\u0080-\uffff]/.test(message.from.name) ? 0.5 : 0.12),
      withFromLine: rng.chance(0.03),
    })];
    const parent = message.parent;
    const content: BodyContent = {
      greeting: `${rng.pick(['Hi', 'Hello', 'Dear', 'Hallo', 'Bonjour'])} ${firstName(message.to[0].name)},`,
      paragraphs,
      table: topic === 'work' && rng.chance(0.15) ? makeStatusTable(rng, [message.from, ...message.to, ...message.cc].map((p) => firstName(p.name))) : null,
      signOff: pickSignOff(rng),
      signature: message.from.name,
      quote: parent ? { author: parent.from.name, when: formatMailDate(parent.date, parent.from.tzOffset), text: opening(ctx, parent) } : null,
    };
    const text = renderText(content);
    if (facts.structure === 'text' && fitsLatin1(text + message.subject + message.from.name) && rng.chance(0.3)) charset = 'ISO-8859-1';
    const withHtml = facts.structure === 'alternative' || facts.structure === 'related' || (facts.structure === 'mixed' && rng.chance(0.5));
    const plain = textPart('plain', text, { charset, eol, base64: rng.chance(0.05) });
    let body: MimePart = plain;
    if (withHtml) {
      facts.hasHtml = true;
      const cid = facts.structure === 'related' ? `chart-${rng.token(10)}@pmsync.example` : null;
      let html: MimePart = textPart('html', renderHtml(content, cid), { charset, eol });
      if (cid) {
        const png = makePng(rng, rng.int(20_000, 60_000));
        facts.attachments.push({ fileName: 'chart.png', contentType: 'image/png', size: png.length, inline: true });
        html = multipart('related', `b2_${rng.token(24)}`, [html, binaryPart(png, { contentType: 'image/png', fileName: 'chart.png', disposition: 'inline', contentId: cid, eol })]);
      }
      body = multipart('alternative', `b1_${rng.token(24)}`, [plain, html]);
    }
    if (facts.structure === 'mixed') {
      const parts: MimePart[] = [body];
      const count = rng.weighted([[1, 70], [2, 25], [3, 5]] as const);
      for (let i = 0; i < count; i++) {
        const kind = rng.weighted<AttachmentKind>([['pdf', 40], ['png', 25], ['csv', 20], ['txt', 15]]);
        const fileName = attachmentName(kind, rng, message.date);
        const data = makeAttachment(kind, rng, 20_000 + Math.floor(Math.pow(rng.next(), 1.5) * 180_000), message.subject);
        facts.attachments.push({ fileName, contentType: ATTACHMENT_TYPES[kind], size: data.length, inline: false });
        parts.push(binaryPart(data, { contentType: ATTACHMENT_TYPES[kind], fileName, disposition: 'attachment', eol }));
      }
      body = multipart('mixed', `b0_${rng.token(24)}`, parts);
    }
    root = body;
  }
  const raw = Buffer.from(serializePart(root, eol, headerLines(message, ctx, charset, rng)), 'latin1');
  return { raw, facts };
}
