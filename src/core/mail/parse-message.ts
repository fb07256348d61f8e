import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail, type SimpleParserOptions } from 'mailparser';
import type { Address } from '../../shared/api/mail';
import { extractMessageId, extractMessageIds } from './message-ids';
import { findCharsetWarnings } from './charset-warnings';
import { htmlToPlainText } from './html-to-text';
import { safeFilename } from './safe-filename';
import { sanitizeHtmlBody } from './sanitize-html-body';
import { normalizeThreadSubject } from './thread-subject';
import type { ParsedAttachment, ParsedMessage } from './types';

const PARSER_OPTIONS: SimpleParserOptions = {
  keepCidLinks: true, // the renderer maps cid: to stored attachments; no data: URL bloat
  skipImageLinks: true,
  skipTextToHtml: true,
  skipHtmlToText: true, // our own converter is faster and bounded (see html-to-text.ts)
  checksumAlgo: false,
  maxChildNodes: 1000,
};
const MAX_REFERENCES = 100;
const SNIPPET_LENGTH = 200;
const HEADER_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

function flatten(entries: EmailAddress[]): Address[] {
  const out: Address[] = [];
  for (const e of entries) {
    if (e.group) out.push(...flatten(e.group));
    else if (e.address) out.push({ name: (e.name ?? '').replace(/[\r\n]+/g, ' ').trim(), address: e.address.trim() });
  }
  return out;
}

function addresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => flatten(v.value ?? []));
}

function headerText(mail: ParsedMail, key: string): string | null {
  const line = mail.headerLines.find((h) => h.key === key)?.line;
  if (line === undefined) return null;
  return line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

function messageDate(mail: ParsedMail, warnings: string[]): number {
  const raw = headerText(mail, 'date');
  if (raw === null || raw === '') {
    warnings.push('The message has no Date header; the import time is used.');
    return Date.now();
  }
  const t = Date.parse(raw.replace(/\([^)]*\)/g, ' ').trim());
  if (Number.isNaN(t)) {
    warnings.push(`The Date header "${raw.slice(0, 80)}" is not a date; the import time is used.`);
    return Date.now();
  }
  return t;
}

/**
 * The first SNIPPET_LENGTH characters of the text, whitespace collapsed. Only a head of the
 * text is collapsed (growing while whitespace eats it), not the whole body: collapsing 8 KB
 * bodies to keep 200 characters was ~7% of parse time.
 */
function makeSnippet(text: string): string {
  let head = SNIPPET_LENGTH * 4;
  let collapsed = text.slice(0, head).replace(/\s+/g, ' ').trim();
  while (collapsed.length < SNIPPET_LENGTH * 2 && head < text.length) {
    head *= 4;
    collapsed = text.slice(0, head).replace(/\s+/g, ' ').trim();
  }
  return Array.from(collapsed.slice(0, SNIPPET_LENGTH * 2)).slice(0, SNIPPET_LENGTH).join('');
}

function toAttachments(mail: ParsedMail): ParsedAttachment[] {
  return mail.attachments.map((a) => ({
    filename: safeFilename(a.filename, a.contentType),
    contentType: (a.contentType || 'application/octet-stream').toLowerCase(),
    size: a.size ?? a.content.length,
    contentId: a.cid ?? extractMessageId(a.contentId) ?? null,
    inline: a.contentDisposition === 'inline' || a.related === true,
    content: a.content,
  }));
}

/** The header block alone, for messages whose MIME body is beyond what the parser accepts. */
function headerBlock(raw: Buffer): Buffer {
  const lf = raw.indexOf('\n\n');
  const crlf = raw.indexOf('\r\n\r\n');
  const ends = [lf, crlf].filter((i) => i >= 0);
  const end = ends.length ? Math.min(...ends) : Math.min(raw.length, 1024 * 1024);
  return Buffer.concat([raw.subarray(0, end), Buffer.from('\r\n\r\n')]);
}

async function parseBestEffort(raw: Buffer, warnings: string[]): Promise<ParsedMail> {
  try {
    return await simpleParser(raw, PARSER_OPTIONS);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    warnings.push(`The message body could not be parsed (${reason}); only its headers were kept.`);
    return simpleParser(headerBlock(raw), PARSER_OPTIONS);
  }
}

/**
 * Turns one raw RFC 822 message into what the store keeps. Best effort: malformed MIME, unknown
 * charsets and bad headers give a message with warnings; only input with no header at all
 * rejects.
 */
export async function parseMessage(raw: Buffer): Promise<ParsedMessage> {
  if (raw.length === 0) throw new Error('The message is empty.');
  const warnings: string[] = findCharsetWarnings(raw);
  const mail = await parseBestEffort(raw, warnings);
  const validHeaders = mail.headerLines.filter((h) => HEADER_NAME.test(h.key) && h.line.includes(':'));
  if (validHeaders.length === 0) throw new Error('The data has no e-mail headers.');

  let messageId = extractMessageId(headerText(mail, 'message-id'));
  if (!messageId) {
    messageId = `${createHash('sha256').update(raw).digest('hex')}@pmsync.invalid`;
    warnings.push('The message has no Message-ID; one was derived from its content.');
  }
  const references = extractMessageIds(headerText(mail, 'references'));
  const inReplyToIds = extractMessageIds(headerText(mail, 'in-reply-to'));
  const subject = (mail.subject ?? '').replace(/[\r\n]+/g, ' ').trim();

  let bodyText = mail.text ?? '';
  let bodyHtml: string | null = null;
  let hasRemoteContent = false;
  if (typeof mail.html === 'string' && mail.html.length > 0) {
    const sanitized = sanitizeHtmlBody(mail.html);
    bodyHtml = sanitized.html;
    hasRemoteContent = sanitized.hasRemoteContent;
    if (bodyText.trim() === '') bodyText = htmlToPlainText(mail.html);
  }
  const from = addresses(mail.from);

  return {
    messageId,
    inReplyTo: inReplyToIds.length > 0 ? inReplyToIds[inReplyToIds.length - 1] : null,
    references: references.slice(-MAX_REFERENCES),
    subject,
    threadSubject: normalizeThreadSubject(subject),
    from: from[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    bcc: addresses(mail.bcc),
    replyTo: addresses(mail.replyTo),
    date: messageDate(mail, warnings),
    bodyText,
    bodyHtml,
    hasRemoteContent,
    snippet: makeSnippet(bodyText),
    attachments: toAttachments(mail),
    rawSize: raw.length,
    warnings,
  };
}
