/**
 * Just enough RFC 5322 reading for the engine: where the header block ends, one header's value,
 * and whether bytes look like a message at all. Real MIME parsing is the core's job.
 */

const CRLFCRLF = Buffer.from('\r\n\r\n');
const LFLF = Buffer.from('\n\n');
// A field name is printable US-ASCII except colon (RFC 5322 §2.2); obsolete syntax allows WSP before the colon.
const FIELD_LINE = /^[!-9;-~]+[ \t]*:/;
const MAX_HEADER_BYTES = 256 * 1024;

/** Byte length of the header block including the blank line, or the whole length when there is no body. */
export function headerBlockLength(raw: Buffer): number {
  const crlf = raw.indexOf(CRLFCRLF);
  const lf = raw.indexOf(LFLF);
  if (crlf === -1 && lf === -1) return raw.length;
  if (crlf === -1) return lf + 2;
  if (lf === -1) return crlf + 4;
  return Math.min(crlf + 4, lf + 2);
}

/** Unfolded value of the first header named `name` (case-insensitive), or null. */
export function headerValue(raw: Buffer, name: string): string | null {
  const block = raw.subarray(0, Math.min(headerBlockLength(raw), MAX_HEADER_BYTES)).toString('latin1');
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const wanted = name.toLowerCase();
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) return line.slice(colon + 1).trim();
  }
  return null;
}

/** The Message-ID without angle brackets, or null when absent. */
export function messageIdOf(raw: Buffer): string | null {
  const value = headerValue(raw, 'message-id');
  if (!value) return null;
  const match = /<([^<>\s]+)>/.exec(value);
  return match ? match[1] : value.split(/\s/)[0] || null;
}

/**
 * Why `raw` is not an RFC 822 message, or null when it is acceptable. Deliberately lenient:
 * bad charsets, broken MIME and odd dates are for the core's parser to cope with; this only
 * catches bytes that have no header block to speak of.
 */
export function notAMessageReason(raw: Buffer): string | null {
  if (raw.length === 0) return 'empty message';
  const end = headerBlockLength(raw);
  if (end > MAX_HEADER_BYTES) return `header block larger than ${MAX_HEADER_BYTES} bytes`;
  const lines = raw.subarray(0, end).toString('latin1').split(/\r?\n/);
  let fields = 0;
  for (const [i, line] of lines.entries()) {
    if (line === '') break;
    if (/^[ \t]/.test(line)) {
      if (i === 0) return 'first header line is a continuation line';
      continue;
    }
    if (!FIELD_LINE.test(line)) {
      // "From " separators leak in from mbox-fed servers; tolerate one as the very first line.
      if (i === 0 && line.startsWith('From ')) continue;
      return `header line ${i + 1} is not "Name: value"`;
    }
    fields++;
  }
  return fields === 0 ? 'no header fields' : null;
}
