/**
 * A deliberately independent, strict MIME reader for the generator's tests: it shares no code
 * with ../mime.ts (so a bug there cannot hide itself) and throws on structure a lenient parser
 * would forgive (missing closing boundary, lines over 998 octets, non-ASCII bytes in headers).
 */

export interface ReadPart {
  headers: Map<string, string[]>;
  contentType: string;
  params: Record<string, string>;
  /** Decoded body bytes (leaves only). */
  body: Buffer;
  children: ReadPart[];
}

export function decodeEncodedWords(value: string): string {
  // Whitespace between adjacent encoded words is not part of the text (RFC 2047 §6.2).
  const joined = value.replace(/(\?=)\s+(=\?)/g, '$1$2');
  return joined.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, charset: string, enc: string, text: string) => {
    const bytes = enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return charset.toUpperCase() === 'UTF-8' ? bytes.toString('utf8') : bytes.toString('latin1');
  });
}

export function decodeQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/g, '');
  return Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
}

function parseParams(value: string): { type: string; params: Record<string, string> } {
  const [type, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const key = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    if (key.endsWith('*')) params[key.slice(0, -1)] = decodeURIComponent(v.replace(/^UTF-8''/i, ''));
    else params[key] = v;
  }
  return { type: type.trim().toLowerCase(), params };
}

export function readPart(raw: string): ReadPart {
  const split = /\r?\n\r?\n/.exec(raw);
  if (!split) throw new Error('no blank line between header and body');
  const head = raw.slice(0, split.index);
  const bodyText = raw.slice(split.index + split[0].length);
  const headers = new Map<string, string[]>();
  for (const line of head.split(/\r?\n(?![ \t])/)) {
    if (/[\u0080-\uffff]/.test(line)) throw new Error(`non-ASCII byte in header: ${line.slice(0, 60)}`);
    for (const physical of line.split(/\r?\n/)) if (physical.length > 998) throw new Error('header line over 998 octets');
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`malformed header line: ${line.slice(0, 60)}`);
    const name = line.slice(0, colon).toLowerCase();
    const list = headers.get(name) ?? [];
    list.push(line.slice(colon + 1).replace(/\r?\n[ \t]/g, ' ').trim());
    headers.set(name, list);
  }
  const { type, params } = parseParams(headers.get('content-type')?.[0] ?? 'text/plain');
  const part: ReadPart = { headers, contentType: type, params, body: Buffer.alloc(0), children: [] };
  if (type.startsWith('multipart/')) {
    const boundary = params.boundary;
    if (!boundary) throw new Error('multipart without boundary');
    const delimiter = new RegExp(`(?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(--)?[ \\t]*(?=\\r?\\n|$)`, 'g');
    const marks: { index: number; end: number; close: boolean }[] = [];
    for (let m = delimiter.exec(bodyText); m; m = delimiter.exec(bodyText)) marks.push({ index: m.index, end: m.index + m[0].length, close: m[1] === '--' });
    if (marks.length < 2 || !marks[marks.length - 1].close) throw new Error(`multipart ${boundary} is not closed`);
    if (marks.slice(0, -1).some((m) => m.close)) throw new Error(`multipart ${boundary} closed early`);
    for (let i = 0; i + 1 < marks.length; i++) part.children.push(readPart(bodyText.slice(marks[i].end, marks[i + 1].index).replace(/^\r?\n/, '')));
    return part;
  }
  for (const line of bodyText.split(/\r?\n/)) if (line.length > 998) throw new Error('body line over 998 octets');
  const cte = (headers.get('content-transfer-encoding')?.[0] ?? '7bit').toLowerCase();
  if (cte === 'base64') part.body = Buffer.from(bodyText.replace(/\s+/g, ''), 'base64');
  else if (cte === 'quoted-printable') part.body = decodeQuotedPrintable(bodyText);
  else if (cte === '7bit') {
    if (/[\u0080-\uffff]/.test(bodyText)) throw new Error('8-bit byte in a 7bit body');
    part.body = Buffer.from(bodyText, 'latin1');
  } else throw new Error(`unexpected transfer encoding ${cte}`);
  return part;
}

export function leaves(part: ReadPart): ReadPart[] {
  return part.children.length ? part.children.flatMap(leaves) : [part];
}

export function textOf(part: ReadPart): string {
  return (part.params.charset ?? 'us-ascii').toLowerCase() === 'iso-8859-1' ? part.body.toString('latin1') : part.body.toString('utf8');
}
