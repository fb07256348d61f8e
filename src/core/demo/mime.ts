/**
 * Just enough RFC 5322 / MIME writing for the demo mailbox generator: encoded words (RFC 2047),
 * RFC 2231 file names, header folding, quoted-printable and base64 bodies, multipart trees.
 * Every byte it emits is ASCII (non-ASCII text always travels transfer-encoded), so a message
 * is built as a JS string and turned into a Buffer with 'latin1' at the end, which is fast.
 */

export type Charset = 'UTF-8' | 'ISO-8859-1';
export type TransferEncoding = '7bit' | 'quoted-printable' | 'base64';

export interface Leaf {
  headers: [string, string][];
  body: string;
}
export interface Multipart {
  headers: [string, string][];
  boundary: string;
  children: MimePart[];
}
export type MimePart = Leaf | Multipart;

const MAX_LINE = 76;
const HEX = Array.from({ length: 256 }, (_, i) => '=' + i.toString(16).toUpperCase().padStart(2, '0'));

export function isAscii(text: string): boolean {
  return !/[\u0080-\uffff]/.test(text);
}

/** ISO-8859-1 can carry the text when every code point is below 256. */
export function fitsLatin1(text: string): boolean {
  return !/[\u0100-\uffff]/.test(text);
}

function bytesOf(text: string, charset: Charset): Buffer {
  return Buffer.from(text, charset === 'UTF-8' ? 'utf8' : 'latin1');
}

/**
 * An unstructured header value (Subject, display name) as RFC 2047 encoded words, each at most
 * 75 characters and split only between code points. ASCII text is returned unchanged.
 * Q is used for mostly-Latin text (readable in raw form, as mail clients do), B otherwise.
 */
export function encodeWords(text: string, charset: Charset = 'UTF-8'): string {
  if (isAscii(text)) return text;
  const chars = Array.from(text);
  const nonAscii = chars.filter((c) => c.charCodeAt(0) > 0x7f).length;
  const useQ = nonAscii / chars.length < 0.5;
  const prefix = `=?${charset}?${useQ ? 'Q' : 'B'}?`;
  const budget = 75 - prefix.length - 2;
  const words: string[] = [];
  let current = '';
  let currentBytes: Buffer[] = [];
  let currentLength = 0;
  const flush = (): void => {
    if (currentLength === 0) return;
    words.push(prefix + (useQ ? current : Buffer.concat(currentBytes).toString('base64')) + '?=');
    current = '';
    currentBytes = [];
    currentLength = 0;
  };
  for (const ch of chars) {
    const bytes = bytesOf(ch, charset);
    if (useQ) {
      const piece = qEncodeWordBytes(bytes);
      if (current.length + piece.length > budget) flush();
      current += piece;
      currentLength += piece.length;
    } else {
      const total = currentBytes.reduce((n, b) => n + b.length, 0) + bytes.length;
      if (Math.ceil(total / 3) * 4 > budget) flush();
      currentBytes.push(bytes);
      currentLength += bytes.length;
    }
  }
  flush();
  return words.join(' ');
}

function qEncodeWordBytes(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) {
    if (b === 0x20) out += '_';
    else if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x21 || b === 0x2a || b === 0x2b || b === 0x2d || b === 0x2f) {
      out += String.fromCharCode(b);
    } else out += HEX[b];
  }
  return out;
}

/** `Name <address>`, quoting or encoding the display name as RFC 5322 requires. */
export function formatAddress(person: { name: string; address: string }, charset: Charset = 'UTF-8'): string {
  if (!person.name) return person.address;
  if (!isAscii(person.name)) return `${encodeWords(person.name, charset)} <${person.address}>`;
  if (/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(person.name)) return `${person.name} <${person.address}>`;
  return `"${person.name.replace(/(["\\])/g, '\\$1')}" <${person.address}>`;
}

/** RFC 2231 `filename*=` for names that are not plain ASCII tokens. */
export function fileNameParameter(param: 'filename' | 'name', fileName: string): string {
  if (isAscii(fileName) && !/["\\\r\n]/.test(fileName)) return `${param}="${fileName}"`;
  const pct = encodeURIComponent(fileName).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `${param}*=UTF-8''${pct}`;
}

/**
 * One header field, folded at spaces so that lines stay within 78 characters where the value
 * allows it (a single long token is left whole rather than broken).
 */
export function foldHeader(name: string, value: string, eol: string): string {
  const tokens = value.split(' ');
  let line = `${name}:`;
  let out = '';
  for (const token of tokens) {
    if (line.length + 1 + token.length > 78 && line.length > name.length + 1) {
      out += line + eol;
      line = ' ' + token;
    } else line += ' ' + token;
  }
  return out + line;
}

/** RFC 5322 date-time in the sender's zone, e.g. `Tue, 05 Mar 2024 14:03:11 +0100`. */
export function formatMailDate(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${days[local.getUTCDay()]}, ${p2(local.getUTCDate())} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} `
    + `${p2(local.getUTCHours())}:${p2(local.getUTCMinutes())}:${p2(local.getUTCSeconds())} ${sign}${p2(Math.floor(abs / 60))}${p2(abs % 60)}`;
}

/** Quoted-printable (RFC 2045 §6.7) of text in `charset`, hard line breaks kept as `eol`. */
export function quotedPrintable(text: string, charset: Charset, eol: string): string {
  const out: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    // Work on the line's bytes as a latin1 string: one char per byte, so a regex can encode it.
    let line = bytesOf(rawLine, charset).toString('latin1').replace(/[^\t\x20-\x3c\x3e-\x7e]/g, (c) => HEX[c.charCodeAt(0)]);
    if (/[ \t]$/.test(line)) line = line.slice(0, -1) + HEX[line.charCodeAt(line.length - 1)];
    while (line.length > MAX_LINE) {
      let cut = MAX_LINE - 1;
      if (line[cut - 1] === '=') cut -= 1;
      else if (line[cut - 2] === '=') cut -= 2;
      out.push(line.slice(0, cut) + '=');
      line = line.slice(cut);
    }
    out.push(line);
  }
  return out.join(eol);
}

export function base64Lines(data: Buffer, eol: string): string {
  const b64 = data.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += MAX_LINE) lines.push(b64.slice(i, i + MAX_LINE));
  return lines.join(eol);
}

/** Hard-wraps prose at `width` (7bit bodies may not exceed 998 octets a line; mail uses ~72). */
export function wrapText(text: string, width = 72): string {
  if (text.length <= width && !text.includes('\n')) return text;
  return text.split('\n').map((line) => {
    const lines: string[] = [];
    while (line.length > width) {
      let cut = line.lastIndexOf(' ', width);
      if (cut <= 0) cut = line.indexOf(' ', width);
      if (cut < 0) break;
      lines.push(line.slice(0, cut));
      line = line.slice(cut + 1);
    }
    lines.push(line);
    return lines.join('\n');
  }).join('\n');
}

/** A text leaf (text/plain or text/html) with the lightest transfer encoding that is correct. */
export function textPart(subtype: 'plain' | 'html', text: string, opts: { charset: Charset; eol: string; base64?: boolean; extraHeaders?: [string, string][] }): Leaf {
  const { charset, eol } = opts;
  const headers: [string, string][] = [['Content-Type', `text/${subtype}; charset=${subtype === 'plain' && isAscii(text) ? 'us-ascii' : charset.toLowerCase()}`]];
  let body: string;
  if (opts.base64) {
    headers.push(['Content-Transfer-Encoding', 'base64']);
    body = base64Lines(bytesOf(text, charset), eol);
  } else if (subtype === 'plain' && isAscii(text) && text.split('\n').every((l) => l.length <= 998)) {
    headers.push(['Content-Transfer-Encoding', '7bit']);
    body = text.replace(/\r?\n/g, eol);
  } else {
    headers.push(['Content-Transfer-Encoding', 'quoted-printable']);
    body = quotedPrintable(text, charset, eol);
  }
  headers.push(...(opts.extraHeaders ?? []));
  return { headers, body };
}

/** A binary leaf: an attachment (`disposition` attachment) or an inline image with a Content-ID. */
export function binaryPart(data: Buffer, opts: { contentType: string; fileName: string; disposition: 'attachment' | 'inline'; contentId?: string; eol: string }): Leaf {
  const headers: [string, string][] = [
    ['Content-Type', `${opts.contentType}; ${fileNameParameter('name', opts.fileName)}`],
    ['Content-Disposition', `${opts.disposition}; ${fileNameParameter('filename', opts.fileName)}; size=${data.length}`],
    ['Content-Transfer-Encoding', 'base64'],
  ];
  if (opts.contentId) headers.push(['Content-ID', `<${opts.contentId}>`]);
  return { headers, body: base64Lines(data, opts.eol) };
}

export function multipart(subtype: 'mixed' | 'alternative' | 'related', boundary: string, children: MimePart[]): Multipart {
  const type = subtype === 'related' ? `multipart/related; type="text/html"; boundary="${boundary}"` : `multipart/${subtype}; boundary="${boundary}"`;
  return { headers: [['Content-Type', type]], boundary, children };
}

/** Serializes a part tree; `topHeaders` (already folded lines) go before the part's own headers. */
export function serializePart(part: MimePart, eol: string, topHeaders: string[] = []): string {
  const lines = [...topHeaders, ...part.headers.map(([name, value]) => foldHeader(name, value, eol))];
  let out = lines.join(eol) + eol + eol;
  if ('children' in part) {
    out += 'This is a multi-part message in MIME format.' + eol;
    for (const child of part.children) out += eol + '--' + part.boundary + eol + serializePart(child, eol);
    out += eol + '--' + part.boundary + '--' + eol;
  } else {
    out += part.body + eol;
  }
  return out;
}
