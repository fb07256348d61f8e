import { VCARD_LIMITS } from './limits';
import { decodeParamValue, encodeParamValue } from './vcard-text';

export interface VParam {
  /** Upper-case; a vCard 2.1 bare parameter (`;WORK`) is read as TYPE=WORK. */
  name: string;
  values: string[];
}

/** One property of a card, as written: `group.NAME;PARAM=x:value`. */
export interface ContentLine {
  group: string | null;
  /** Upper-case property name. */
  name: string;
  params: VParam[];
  /** The value exactly as written (still escaped / encoded). */
  value: string;
  /** The original physical lines of this property, so a line PMSync keeps is written back byte for byte. */
  raw: string[] | null;
}

export interface CardLines {
  lines: ContentLine[];
  /** Lines were dropped (too many, or malformed): the card can be shown but not safely edited. */
  lossy: boolean;
}

const BEGIN = /^BEGIN:VCARD$/i;
const END = /^END:VCARD$/i;

/**
 * Unfolds and parses the first BEGIN:VCARD…END:VCARD block. Folded lines continue with one
 * space or tab; a QUOTED-PRINTABLE line ending in `=` (vCard 2.1/3.0 soft break) continues on
 * the next line as it is. Malformed lines are skipped and flagged, never thrown.
 */
export function readCardLines(text: string): CardLines {
  const physical = text.slice(0, VCARD_LIMITS.maxChars).split(/\r\n|\n|\r/);
  const logical: Array<{ text: string; raw: string[] }> = [];
  let lossy = text.length > VCARD_LIMITS.maxChars;
  let current: { text: string; raw: string[] } | null = null;
  for (const line of physical) {
    if (current && (line.startsWith(' ') || line.startsWith('\t'))) {
      current.text += line.slice(1);
      current.raw.push(line);
      continue;
    }
    if (current && current.text.endsWith('=') && isQuotedPrintable(current.text)) {
      current.text = current.text.slice(0, -1) + line;
      current.raw.push(line);
      continue;
    }
    if (line === '') {
      current = null;
      continue;
    }
    if (logical.length >= VCARD_LIMITS.maxLines + 2) {
      lossy = true;
      break;
    }
    current = { text: line, raw: [line] };
    logical.push(current);
  }
  const lines: ContentLine[] = [];
  let inside = false;
  let depth = 0;
  for (const { text: l, raw } of logical) {
    if (!inside) {
      if (BEGIN.test(l.trim())) inside = true;
      continue;
    }
    // A nested card (vCard 2.1 AGENT) is kept as opaque lines of the outer one.
    if (BEGIN.test(l.trim())) depth++;
    if (END.test(l.trim())) {
      if (depth === 0) return { lines, lossy };
      depth--;
    }
    const parsed = parseContentLine(l, raw);
    if (parsed) lines.push(parsed);
    else lossy = true;
  }
  // No END:VCARD: keep what was read.
  return { lines, lossy: true };
}

function isQuotedPrintable(logicalLine: string): boolean {
  const colon = logicalLine.indexOf(':');
  return colon > 0 && /QUOTED-PRINTABLE/i.test(logicalLine.slice(0, colon));
}

export function parseContentLine(line: string, raw: string[] | null = null): ContentLine | null {
  let i = 0;
  while (i < line.length && line[i] !== ';' && line[i] !== ':') i++;
  if (i >= line.length || i === 0) return null;
  const fullName = line.slice(0, i).trim();
  const dot = fullName.lastIndexOf('.');
  const group = dot > 0 ? fullName.slice(0, dot) : null;
  const name = (dot > 0 ? fullName.slice(dot + 1) : fullName).toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) return null;
  const params: VParam[] = [];
  while (line[i] === ';') {
    i++;
    const start = i;
    while (i < line.length && line[i] !== '=' && line[i] !== ';' && line[i] !== ':') i++;
    const paramName = line.slice(start, i).trim().toUpperCase();
    const values: string[] = [];
    if (line[i] === '=') {
      i++;
      for (;;) {
        if (line[i] === '"') {
          const close = line.indexOf('"', i + 1);
          if (close < 0) return null;
          values.push(decodeParamValue(line.slice(i + 1, close)));
          i = close + 1;
        } else {
          const s = i;
          while (i < line.length && line[i] !== ',' && line[i] !== ';' && line[i] !== ':') i++;
          values.push(decodeParamValue(line.slice(s, i)));
        }
        if (line[i] !== ',') break;
        i++;
      }
      if (paramName !== '' && params.length < VCARD_LIMITS.maxParams) params.push({ name: paramName, values });
    } else if (paramName !== '' && params.length < VCARD_LIMITS.maxParams) {
      params.push({ name: 'TYPE', values: [paramName] });
    }
  }
  if (line[i] !== ':') return null;
  return { group, name, params, value: line.slice(i + 1), raw };
}

export function paramValues(line: ContentLine, name: string): string[] {
  return line.params.filter((p) => p.name === name).flatMap((p) => p.values);
}

export function paramValue(line: ContentLine, name: string): string | undefined {
  return paramValues(line, name)[0];
}

/** Folds at 75 octets (RFC 6350 §3.2) without splitting a UTF-8 sequence. */
export function foldLine(line: string): string[] {
  if (Buffer.byteLength(line, 'utf8') <= 75) return [line];
  const out: string[] = [];
  let chunk = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > limit) {
      out.push(out.length === 0 ? chunk : ` ${chunk}`);
      chunk = '';
      bytes = 0;
      limit = 74; // the leading space counts
    }
    chunk += ch;
    bytes += size;
  }
  out.push(out.length === 0 ? chunk : ` ${chunk}`);
  return out;
}

/** The physical lines of a content line: its original text when untouched, else freshly written. */
export function writeContentLine(line: ContentLine, version: string): string[] {
  if (line.raw) return line.raw;
  const params = line.params
    .map((p) => `;${p.name}=${p.values.map((v) => encodeParamValue(v, version)).join(',')}`)
    .join('');
  return foldLine(`${line.group ? `${line.group}.` : ''}${line.name}${params}:${line.value}`);
}

export function writeCard(lines: ContentLine[], version: string): string {
  const body = lines.flatMap((l) => writeContentLine(l, version));
  return ['BEGIN:VCARD', ...body, 'END:VCARD', ''].join('\r\n');
}
