import type { Address } from '../../shared/api/mail';

/** A file sent with a message. With a `cid`, it is an inline image the HTML refers to as `cid:…`. */
export interface ComposeAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  /** Content-ID without angle brackets. */
  cid?: string;
}

/** Everything needed to write one outgoing message as MIME. */
export interface MimeDraft {
  from: Address;
  to: Address[];
  cc: Address[];
  /** Envelope only: never written into the message (see envelopeOf). */
  bcc: Address[];
  subject: string;
  html: string;
  /** The plain-text part; generated from `html` when absent. */
  text?: string;
  attachments: ComposeAttachment[];
  /** Without angle brackets; made by newMessageId() when the draft is created, kept across retries. */
  messageId: string;
  /** Without angle brackets. */
  inReplyTo?: string | null;
  /** Oldest first, without angle brackets. */
  references?: string[];
  /** An iMIP calendar part (text/calendar; method=METHOD), sent as an alternative beside text and HTML. */
  calendar?: { method: string; content: string };
  date: Date | number;
}
