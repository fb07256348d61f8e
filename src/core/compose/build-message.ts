/**
 * Outgoing mail as RFC 5322 bytes, built by nodemailer's MailComposer. Everything that reaches
 * a header is checked or neutralized here first, so a subject, name or file name carrying
 * CR/LF can never add a header; Bcc never enters a message that is sent (it is envelope-only).
 */
import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Address } from '../../shared/api/mail';
import { PmsyncError } from '../../shared/errors';
import { sanitizeHeaderText, uniqueAddresses, validateAddresses } from './addresses';
import { draftHtmlToText } from './draft-text';
import type { ComposeAttachment, MimeDraft } from './types';

const MESSAGE_ID = /^[\x21-\x3b\x3d\x3f-\x7e]{1,900}$/; // printable ASCII without < > and spaces
const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** A fresh Message-ID (without angle brackets) for a new draft: `<uuid>@<domain>`. */
export function newMessageId(domain: string): string {
  const d = domain.trim().toLowerCase().replace(/^.*@/, '');
  return `${randomUUID()}@${HOSTNAME.test(d) ? d : 'pmsync.localhost'}`;
}

function bareId(id: string): string {
  return id.trim().replace(/^<|>$/g, '');
}

function validId(id: string | null | undefined): string | null {
  if (!id) return null;
  const b = bareId(id);
  return MESSAGE_ID.test(b) ? b : null;
}

// Folding keeps long values legal; the cap only stops absurd input from bloating every header.
const MAX_HEADER_TEXT = 2000;

function headerText(s: string): string {
  return sanitizeHeaderText(s.normalize('NFC'), MAX_HEADER_TEXT);
}

function safeCid(cid: string | undefined): string | undefined {
  if (cid === undefined) return undefined;
  const b = bareId(cid);
  if (!MESSAGE_ID.test(b)) {
    throw new PmsyncError('INVALID_INPUT', `The inline image id "${headerText(cid).slice(0, 60)}" is not usable.`, 'Remove the image and insert it again.');
  }
  return b;
}

function toComposerAttachment(a: ComposeAttachment) {
  const filename = headerText(a.filename) || 'attachment';
  const contentType = /^[\w.+-]+\/[\w.+-]+$/.test(a.contentType.trim()) ? a.contentType.trim().toLowerCase() : 'application/octet-stream';
  const cid = safeCid(a.cid);
  return cid === undefined
    ? { filename, contentType, content: a.content, contentDisposition: 'attachment' }
    : { filename, contentType, content: a.content, cid, contentDisposition: 'inline' };
}

function wrapHtml(html: string): string {
  if (/^\s*(?:<!doctype|<html)/i.test(html)) return html;
  // No <meta charset>: the MIME part declares it, and a second declaration can only disagree.
  return `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
}

function asComposerAddresses(list: Address[]) {
  return list.map((a) => ({ name: a.name, address: a.address }));
}

export interface BuildMimeOptions {
  /**
   * Write a Bcc header. ONLY for the copy kept in the IMAP Drafts folder, so another client that
   * opens the draft still sees its Bcc recipients (as Thunderbird and Apple Mail do). Never for
   * mail that is sent or filed in Sent: there Bcc must stay envelope-only.
   */
  draftCopyWithBcc?: boolean;
}

/**
 * The message as MIME bytes (CRLF line ends). Throws PmsyncError('INVALID_INPUT') for an invalid
 * address or Message-ID. Recipients are not required here: a draft saved to the server may have none.
 */
export async function buildMime(draft: MimeDraft, options: BuildMimeOptions = {}): Promise<Buffer> {
  const [from] = validateAddresses([draft.from], 'From');
  const to = validateAddresses(draft.to, 'To');
  const cc = validateAddresses(draft.cc, 'Cc');
  const bcc = validateAddresses(draft.bcc, 'Bcc'); // refused here too, so a bad Bcc fails before anything is queued
  const keepBcc = options.draftCopyWithBcc === true && bcc.length > 0;
  const messageId = validId(draft.messageId);
  if (messageId === null) {
    throw new PmsyncError('INVALID_INPUT', 'The message has no usable Message-ID.', 'Discard this draft\'s id and create it again with newMessageId().');
  }
  const references = (draft.references ?? []).map(validId).filter((id): id is string => id !== null);
  const inReplyTo = validId(draft.inReplyTo);
  const date = new Date(draft.date);
  if (Number.isNaN(date.getTime())) throw new PmsyncError('INVALID_INPUT', 'The message date is not a date.', 'Set the date again.');

  const composer = new MailComposer({
    from: asComposerAddresses([from])[0],
    to: to.length > 0 ? asComposerAddresses(to) : undefined,
    cc: cc.length > 0 ? asComposerAddresses(cc) : undefined,
    // bcc only in a Drafts copy; for sending, envelopeOf() carries those recipients to SMTP.
    bcc: keepBcc ? asComposerAddresses(bcc) : undefined,
    subject: headerText(draft.subject),
    messageId: `<${messageId}>`,
    inReplyTo: inReplyTo === null ? undefined : `<${inReplyTo}>`,
    references: references.length > 0 ? references.map((r) => `<${r}>`) : undefined,
    date,
    text: draft.text ?? draftHtmlToText(draft.html),
    html: wrapHtml(draft.html),
    attachments: draft.attachments.map(toComposerAttachment),
    // The method is a token (RFC 5546); anything else must not reach the Content-Type header.
    icalEvent: draft.calendar && /^[A-Z-]{1,20}$/.test(draft.calendar.method) ? { method: draft.calendar.method, content: draft.calendar.content } : undefined,
    disableFileAccess: true, // pure: content comes only from the draft, never from paths or URLs
    disableUrlAccess: true,
    newline: 'win',
  });
  const root = composer.compile();
  // MimeNode drops a Bcc header unless keepBcc is set: set it only for the Drafts copy.
  root.keepBcc = keepBcc;
  return root.build();
}

/** The SMTP envelope: MAIL FROM and every RCPT TO (Bcc included), validated and without duplicates. */
export function envelopeOf(draft: Pick<MimeDraft, 'from' | 'to' | 'cc' | 'bcc'>): { from: string; to: string[] } {
  const [from] = validateAddresses([draft.from], 'From');
  const all = uniqueAddresses([
    ...validateAddresses(draft.to, 'To'),
    ...validateAddresses(draft.cc, 'Cc'),
    ...validateAddresses(draft.bcc, 'Bcc'),
  ]);
  if (all.length === 0) {
    throw new PmsyncError('INVALID_INPUT', 'The message has no recipients.', 'Add at least one address in To, Cc or Bcc.');
  }
  return { from: from.address, to: all.map((a) => a.address) };
}
