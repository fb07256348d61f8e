/**
 * Value-level encoding of vCard 3.0 (RFC 2426) and 4.0 (RFC 6350): backslash escapes in text,
 * `;`/`,` separated structured values, RFC 6868 caret escapes in parameters, and the
 * QUOTED-PRINTABLE + CHARSET encoding that vCard 2.1/3.0 exporters still produce.
 */

/** Undoes text escapes; an unknown escape keeps the escaped character (lenient, as most readers are). */
export function unescapeText(value: string): string {
  if (!value.includes('\\')) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== '\\' || i === value.length - 1) {
      out += c;
      continue;
    }
    const next = value[++i];
    out += next === 'n' || next === 'N' ? '\n' : next;
  }
  return out;
}

export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');
}

/** Splits on `sep` where it is not backslash-escaped; pieces stay escaped. */
export function splitEscaped(value: string, sep: ';' | ','): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') i++;
    else if (c === sep) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** A structured value (N, ADR, ORG): components, each unescaped; list items inside a component joined by ", ". */
export function structuredComponents(value: string): string[] {
  return splitEscaped(value, ';').map((component) => splitEscaped(component, ',').map(unescapeText).join(', '));
}

/** A text list (CATEGORIES, NICKNAME): unescaped items. */
export function textList(value: string): string[] {
  return splitEscaped(value, ',').map(unescapeText);
}

/** Decodes QUOTED-PRINTABLE (soft breaks already joined by the unfolder) into bytes. */
export function decodeQuotedPrintable(value: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x3d && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      // Not valid QP, but a UTF-8 character left as it is must survive.
      for (const b of Buffer.from(value[i], 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes);
}

/** Decodes bytes in a declared charset; an unknown or missing label means UTF-8. */
export function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset?.trim() || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** RFC 6868: ^n newline, ^^ caret, ^' double quote. */
export function decodeParamValue(value: string): string {
  if (!value.includes('^')) return value;
  return value.replace(/\^(n|\^|')/g, (_, c: string) => (c === 'n' ? '\n' : c === '^' ? '^' : '"'));
}

/** Writes a parameter value, quoting it when it holds separators. */
export function encodeParamValue(value: string, version: string): string {
  const safe = version === '4.0'
    ? value.replace(/\^/g, '^^').replace(/\r\n|\r|\n/g, '^n').replace(/"/g, "^'")
    : value.replace(/[\r\n]+/g, ' ').replace(/"/g, "'");
  return /[;:,]/.test(safe) || /^\s|\s$/.test(safe) ? `"${safe}"` : safe;
}
