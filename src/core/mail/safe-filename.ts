/**
 * Attachment names come from the sender: they may try to escape a folder (`../../x`), hide the
 * real extension behind a bidi override (`a\u202Egpj.exe` shows as `aexe.jpg`), or name a
 * Windows device (`CON.txt`). Everything stored or offered for saving goes through here.
 */

const MAX_BYTES = 200;

// C0/C1 controls, DEL, bidi embeddings/overrides/isolates, zero-width and BOM characters.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// Characters Windows refuses in names (path separators are handled before this).
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\.|$)/i;

const EXTENSION_BY_TYPE: Record<string, string> = {
  'text/plain': 'txt', 'text/html': 'html', 'text/calendar': 'ics', 'text/csv': 'csv',
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp',
  'application/pdf': 'pdf', 'application/zip': 'zip', 'message/rfc822': 'eml',
  'application/json': 'json', 'application/msword': 'doc',
};

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Cuts `s` to at most `maxBytes` of UTF-8 without splitting a character. */
function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Length(s) <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = utf8Length(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

function capLength(name: string): string {
  if (utf8Length(name) <= MAX_BYTES) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  const stem = name.slice(0, name.length - ext.length);
  return truncateUtf8(stem, MAX_BYTES - utf8Length(ext)).replace(/[. ]+$/, '') + ext;
}

/** A file name that is safe to store, display and save on any common file system. */
export function safeFilename(raw: string | null | undefined, contentType?: string | null): string {
  let name = (raw ?? '').normalize('NFC');
  // Keep only the last path component, for both separators.
  name = name.split(/[\\/]/).pop() ?? '';
  name = name.replace(UNSAFE_CHARS, '').replace(WINDOWS_FORBIDDEN, '_');
  name = name.replace(/\s+/g, ' ').trim();
  // Trailing dots and spaces are silently dropped by Windows, which changes the extension.
  name = name.replace(/[. ]+$/, '');
  // Leading dots would make hidden files (or "." / "..").
  name = name.replace(/^\.+/, '');
  if (RESERVED.test(name)) name = `_${name}`;
  name = capLength(name);
  if (name === '') {
    const type = (contentType ?? '').toLowerCase().split(';')[0].trim();
    const ext = EXTENSION_BY_TYPE[type];
    return ext ? `attachment.${ext}` : 'attachment';
  }
  return name;
}
