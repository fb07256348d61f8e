import type { SendInput } from '../../../shared/api/compose';
import type { Address } from '../../../shared/api/mail';
import { PmsyncError } from '../../../shared/errors';
import { parseAddressList } from '../../compose/addresses';
import { buildMime, envelopeOf, newMessageId } from '../../compose/build-message';
import type { ComposeAttachment as PreparedAttachment } from '../../compose/types';

/*
 * Turns compose.send input into the bytes that go out, with src/core/compose: addresses parsed
 * and validated there (CR/LF never splits an entry into a header), MIME written by buildMime.
 * In-Reply-To/References are checked here first: buildMime would drop a malformed one silently,
 * and a reply that silently loses its thread is worse than a refusal.
 */

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;
const MESSAGE_ID = /^<?([^<>\s@]+@[^<>\s@]+)>?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface OutgoingMessage {
  /** With angle brackets. */
  messageId: string;
  subject: string;
  raw: Buffer;
  envelope: { from: string; to: string[] };
}

function addresses(list: readonly string[] | undefined, field: string): Address[] {
  return (list ?? []).flatMap((entry) => parseAddressList(entry, field));
}

function messageIdRef(value: string, field: string): string {
  const m = MESSAGE_ID.exec(value.trim());
  if (!m || HAS_CONTROL.test(value)) {
    throw new PmsyncError('INVALID_INPUT', `${field}: "${value.replace(CONTROLS, ' ').slice(0, 80)}" is not a Message-ID.`, 'Use the form <id@host> as shown in the original message headers.');
  }
  return m[1];
}

function decodeAttachment(data: string, filename: string): Buffer {
  const clean = data.replace(/\s+/g, '');
  if (clean.length % 4 !== 0 || !BASE64.test(clean)) {
    throw new PmsyncError('INVALID_INPUT', `The attachment "${filename.replace(CONTROLS, ' ')}" is not valid base64.`, 'Send attachment data as standard base64 with padding.');
  }
  return Buffer.from(clean, 'base64');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A plain-text-only message still gets an HTML part that shows the same text. */
function htmlOfText(text: string): string {
  return `<div style="white-space: pre-wrap">${escapeHtml(text)}</div>`;
}

/** What a draft brings beyond compose.send input: its own Message-ID and attachments already decoded (inline ones with a cid). */
export interface OutgoingExtras {
  /** With or without angle brackets; made when the draft was created. */
  messageId?: string;
  attachments?: PreparedAttachment[];
  /** An iMIP part (text/calendar; method=…), e.g. a METHOD:REPLY to an invitation. */
  calendar?: { method: string; content: string };
}

export async function buildOutgoing(input: SendInput, from: Address, date: Date, extras: OutgoingExtras = {}): Promise<OutgoingMessage> {
  const to = addresses(input.to, 'To');
  const cc = addresses(input.cc, 'Cc');
  const bcc = addresses(input.bcc, 'Bcc');
  if (to.length + cc.length + bcc.length === 0) {
    throw new PmsyncError('INVALID_INPUT', 'The message has no recipients.', 'Add at least one address in To, Cc or Bcc.');
  }
  const subject = input.subject.replace(CONTROLS, ' ').trim();
  // Made once, here: every retry and the Sent copy carry the same id.
  const id = extras.messageId !== undefined ? messageIdRef(extras.messageId, 'Message-ID') : newMessageId(from.address);
  const inReplyTo = input.inReplyTo ? messageIdRef(input.inReplyTo, 'In-Reply-To') : null;
  const references = (input.references ?? []).map((r) => messageIdRef(r, 'References'));
  if (inReplyTo && !references.includes(inReplyTo)) references.push(inReplyTo);
  const draft = {
    from, to, cc, bcc, subject, date, messageId: id, inReplyTo, references,
    html: input.html ?? htmlOfText(input.text ?? ''),
    ...(input.text !== undefined ? { text: input.text } : {}),
    attachments: [
      ...(input.attachments ?? []).map((a) => ({
        filename: a.filename.replace(CONTROLS, ' '), contentType: a.contentType.replace(CONTROLS, ''), content: decodeAttachment(a.dataBase64, a.filename),
      })),
      ...(extras.attachments ?? []),
    ],
    ...(extras.calendar ? { calendar: extras.calendar } : {}),
  };
  const raw = await buildMime(draft);
  const envelope = envelopeOf(draft);
  return { messageId: `<${id}>`, subject, raw, envelope };
}
