/**
 * What a new draft starts with: recipients, subject, threading headers and body for new, reply,
 * reply-all and forward, the account's signature and a template. Pure: the service loads the
 * original and saves the result.
 */
import type { ComposeMode } from '../../../shared/api/compose';
import type { Address } from '../../../shared/api/mail';
import { formatAddressList } from '../../compose/addresses';
import { referencedCids } from '../../compose/quote';
import { buildForward, buildReply, type ReplySource } from '../../compose/reply';
import type { ComposeAttachment } from '../../compose/types';
import { sanitizeHtmlBody } from '../../mail/sanitize-html-body';

export interface DraftStart {
  to: string[];
  cc: string[];
  subject: string;
  html: string;
  inReplyTo: string | null;
  references: string[];
  attachments: ComposeAttachment[];
}

export interface DraftStartInput {
  mode: ComposeMode;
  /** The local original for reply/reply-all/forward. */
  source?: ReplySource;
  /** The original's attachments with their bytes (forward carries all, a reply its quoted inline images). */
  sourceAttachments?: ComposeAttachment[];
  /** Every address of the user's accounts: reply-all leaves them out. */
  myAddresses: string[];
  signatureHtml?: string;
  template?: { subject: string; html: string };
}

const EMPTY_LINE = '<p><br></p>';

const asTyped = (list: Address[]): string[] => list.map((a) => formatAddressList([a]));

/** Composer and user HTML is cleaned as mail bodies are: no scripts, no event handlers. */
export function cleanDraftHtml(html: string): string {
  return html.trim() === '' ? '' : sanitizeHtmlBody(html).html;
}

export function signatureBlock(signatureHtml: string | undefined): string {
  const clean = cleanDraftHtml(signatureHtml ?? '');
  // "-- " (with the space) is the signature separator mail clients recognize.
  return clean === '' ? '' : `<div class="pmsync-signature">-- <br>${clean}</div>`;
}

export function draftStart(input: DraftStartInput): DraftStart {
  const signature = signatureBlock(input.signatureHtml);
  const templateHtml = input.template ? cleanDraftHtml(input.template.html) : '';
  const opening = `${templateHtml || EMPTY_LINE}${signature}`;
  const { mode, source } = input;
  if (mode === 'new' || !source) {
    return { to: [], cc: [], subject: input.template?.subject ?? '', html: opening, inReplyTo: null, references: [], attachments: [] };
  }
  if (mode === 'forward') {
    const fwd = buildForward(source, input.sourceAttachments ?? []);
    return {
      to: [], cc: [], subject: input.template?.subject || fwd.subject, html: `${opening}${fwd.quotedHtml}`,
      inReplyTo: null, references: fwd.references, attachments: fwd.attachments,
    };
  }
  const reply = buildReply(source, mode, { addresses: input.myAddresses });
  // A quoted inline image must travel with the reply or the quote shows a broken image.
  const cids = new Set(referencedCids(reply.quotedHtml));
  return {
    to: asTyped(reply.to), cc: asTyped(reply.cc), subject: reply.subject, html: `${opening}${reply.quotedHtml}`,
    inReplyTo: reply.inReplyTo, references: reply.references,
    attachments: (input.sourceAttachments ?? []).filter((a) => a.cid !== undefined && cids.has(a.cid)),
  };
}
