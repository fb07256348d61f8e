import type { Address } from '../../shared/api/mail';

/** An attachment as parsed from MIME, before it is stored (encrypted) in the profile. */
export interface ParsedAttachment {
  /** Safe for a file system: no path separators, no control or bidi characters, no reserved names. */
  filename: string;
  contentType: string;
  size: number;
  /** Without angle brackets, or null. */
  contentId: string | null;
  inline: boolean;
  content: Buffer;
}

/** One message turned into what the store keeps. Produced by parseMessage(); pure data. */
export interface ParsedMessage {
  /** Without angle brackets. Synthesized (`<sha256>@pmsync.invalid`) when the header is missing. */
  messageId: string;
  inReplyTo: string | null;
  /** Oldest first, without angle brackets. */
  references: string[];
  subject: string;
  /** Subject with Re:/Fwd:/AW:/SV: prefixes and [list] tags removed, lower-cased; for last-resort threading. */
  threadSubject: string;
  from: Address | null;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  replyTo: Address[];
  /** Milliseconds since the epoch; when the Date header is missing or invalid, the import time. */
  date: number;
  bodyText: string;
  /** Sanitized HTML (scripts, handlers, forms, base, meta refresh removed), or null for text-only mail. */
  bodyHtml: string | null;
  /** True when the HTML references remote resources (http(s) images, CSS url()). */
  hasRemoteContent: boolean;
  /** First ~200 characters of visible text, whitespace collapsed. */
  snippet: string;
  attachments: ParsedAttachment[];
  /** Size of the raw RFC 822 source in bytes. */
  rawSize: number;
  /** Problems met while parsing that did not stop it (bad charset, bad date...). */
  warnings: string[];
}

/** A message that could not be parsed at all; reported, never stops a batch. */
export interface ParseFailure {
  index: number;
  reason: string;
}
