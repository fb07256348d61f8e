/**
 * Reply, reply-all and forward: who gets it, the subject, the threading headers and the
 * quoted original. Pure: the caller loads the original and saves the draft.
 */
import type { Address, Message } from '../../shared/api/mail';
import { sanitizeDisplayName, uniqueAddresses } from './addresses';
import { attributionLine, blockquoteHtml, escapeHtml, formatQuoteDate, originalBodyHtml, quoteText, type QuoteOptions } from './quote';
import { forwardSubject, replySubject } from './subjects';
import type { ComposeAttachment } from './types';

/**
 * What a reply needs from the original. `Message` from the API lacks Reply-To and References;
 * pass them from the stored row (ParsedMessage has both) when you have them.
 */
export type ReplySource = Pick<Message, 'messageId' | 'subject' | 'from' | 'to' | 'cc' | 'date' | 'bodyText' | 'bodyHtml'> & {
  replyTo?: Address[];
  /** Oldest first, without angle brackets. */
  references?: string[];
  /** Without angle brackets; used when References is missing (RFC 5322 §3.6.4). */
  inReplyTo?: string | null;
};

export interface ReplyDraft {
  to: Address[];
  cc: Address[];
  subject: string;
  /** Null when the original had no real Message-ID (one synthesized at import does not thread anywhere). */
  inReplyTo: string | null;
  references: string[];
  quotedHtml: string;
  quotedText: string;
}

export interface ForwardDraft {
  subject: string;
  /** The original's thread, so clients that thread forwards keep them together; no In-Reply-To. */
  references: string[];
  quotedHtml: string;
  quotedText: string;
  attachments: ComposeAttachment[];
}

/** Long threads would grow References without bound; keep the root and the newest ids. */
export const MAX_REFERENCES = 20;
const SYNTHESIZED_ID = /@pmsync\.invalid$/i;

function bare(id: string): string {
  return id.trim().replace(/^<|>$/g, '');
}

function realId(id: string | null | undefined): string | null {
  if (!id) return null;
  const b = bare(id);
  return b === '' || SYNTHESIZED_ID.test(b) || /[\s<>]/.test(b) ? null : b;
}

/** RFC 5322 §3.6.4: the parent's References (or its In-Reply-To), then the parent's Message-ID. */
export function threadReferences(original: Pick<ReplySource, 'messageId' | 'references' | 'inReplyTo'>): string[] {
  const parentRefs = original.references?.length ? original.references : original.inReplyTo ? [original.inReplyTo] : [];
  const ids = [...parentRefs, original.messageId].map(realId).filter((id): id is string => id !== null);
  const unique = [...new Set(ids)];
  if (unique.length <= MAX_REFERENCES) return unique;
  return [unique[0], ...unique.slice(unique.length - (MAX_REFERENCES - 1))];
}

function clean(list: readonly Address[]): Address[] {
  return list.filter((a) => a.address.trim() !== '').map((a) => ({ name: sanitizeDisplayName(a.name), address: a.address.trim() }));
}

function isMine(a: Address | null, mine: Set<string>): boolean {
  return a !== null && mine.has(a.address.trim().toLowerCase());
}

function recipients(original: ReplySource, mode: 'reply' | 'reply-all', myAddresses: string[]): { to: Address[]; cc: Address[] } {
  const mine = new Set(myAddresses.map((m) => m.trim().toLowerCase()));
  const replyTo = clean(original.replyTo ?? []);
  const from = original.from ? clean([original.from]) : [];
  // Replying to one's own sent message goes to its recipients, as every major client does.
  const sentByMe = replyTo.length === 0 && isMine(original.from, mine);
  const primary = replyTo.length > 0 ? replyTo : sentByMe ? clean(original.to) : from;
  if (mode === 'reply') {
    const to = uniqueAddresses(primary, sentByMe ? myAddresses : []);
    return { to: to.length > 0 ? to : uniqueAddresses(primary), cc: [] };
  }
  let to = uniqueAddresses(sentByMe ? primary : [...primary, ...clean(original.to)], myAddresses);
  let cc = uniqueAddresses(clean(original.cc), [...myAddresses, ...to.map((a) => a.address)]);
  if (to.length === 0) [to, cc] = [cc, []];
  // Writing only to oneself (a note-to-self thread) is still a valid reply.
  if (to.length === 0) to = uniqueAddresses(primary);
  return { to, cc };
}

export function buildReply(
  original: ReplySource,
  mode: 'reply' | 'reply-all',
  me: { addresses: string[] },
  options: QuoteOptions = {},
): ReplyDraft {
  const { to, cc } = recipients(original, mode, me.addresses);
  const attribution = attributionLine(original.from, original.date, options);
  return {
    to,
    cc,
    subject: replySubject(original.subject),
    inReplyTo: realId(original.messageId),
    references: threadReferences(original),
    quotedText: `${attribution}\n${quoteText(original.bodyText)}\n`,
    quotedHtml: blockquoteHtml(attribution, originalBodyHtml(original.bodyHtml, original.bodyText)),
  };
}

function forwardHeaderLines(original: ReplySource, options: QuoteOptions): Array<[string, string]> {
  const list = (l: Address[]) => l.map((a) => (a.name ? `${sanitizeDisplayName(a.name)} <${a.address}>` : a.address)).join(', ');
  const lines: Array<[string, string]> = [
    ['From', original.from ? list([original.from]) : ''],
    ['Date', formatQuoteDate(original.date, options)],
    ['Subject', sanitizeDisplayName(original.subject)],
    ['To', list(original.to)],
  ];
  if (original.cc.length > 0) lines.push(['Cc', list(original.cc)]);
  return lines;
}

const FORWARD_MARK = '---------- Forwarded message ----------';

/** A forward: "Fwd:" subject, the original's header block and body, and its attachments carried along. */
export function buildForward(original: ReplySource, attachments: readonly ComposeAttachment[], options: QuoteOptions = {}): ForwardDraft {
  const headers = forwardHeaderLines(original, options);
  const text = [FORWARD_MARK, ...headers.map(([k, v]) => `${k}: ${v}`), '', original.bodyText.replace(/\r\n?/g, '\n')].join('\n');
  const headerHtml = headers.map(([k, v]) => `<b>${k}:</b> ${escapeHtml(v)}<br>`).join('\n');
  const html =
    `<div class="pmsync-forward"><p>${FORWARD_MARK}<br>\n${headerHtml}</p>` +
    `${originalBodyHtml(original.bodyHtml, original.bodyText)}</div>`;
  return {
    subject: forwardSubject(original.subject),
    references: threadReferences(original),
    quotedText: `${text}\n`,
    quotedHtml: html,
    attachments: attachments.map((a) => ({ ...a })),
  };
}
