/**
 * mailparser decodes an unknown charset as UTF-8 without saying so; the user should learn why
 * a message shows replacement characters. We look at the declared charsets ourselves.
 */

const CHARSET_PARAM = /charset\s*=\s*"?([^"';\s]{1,64})/gi;
const MAX_CHECKED = 50;
const REFUSED = /^utf-?7$/i; // decoding UTF-7 can smuggle markup, so mailparser refuses it
const known = new Map<string, boolean>();

function isKnownCharset(label: string): boolean {
  const key = label.toLowerCase();
  let ok = known.get(key);
  if (ok === undefined) {
    try {
      new TextDecoder(key);
      ok = true;
    } catch {
      // Names TextDecoder lacks but iconv-lite (mailparser's decoder) knows.
      ok = /^(cp|ibm|windows-|x-mac|mac|iso-?8859|ks_c_5601|cp949|euc-|x-user-defined|us-ascii|ascii|binary|utf-?(16|32)(le|be)?|ucs-?2)/.test(key);
    }
    known.set(key, ok);
  }
  return ok;
}

const CONTENT_TYPE_HEADER = /^content-type:/i;

/**
 * The Content-Type header fields of the message and of every MIME part, unfolded. Only these
 * declare charsets: scanning whole bodies warned about `<meta charset=3D"utf-8">` in
 * quoted-printable HTML, and about any text that merely mentions "charset=".
 */
function* contentTypeFields(text: string): Generator<string> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!CONTENT_TYPE_HEADER.test(lines[i])) continue;
    let field = lines[i];
    while (i + 1 < lines.length && /^[ \t]/.test(lines[i + 1]) && field.length < 4096) field += lines[++i];
    yield field;
  }
}

/** Warnings for declared charsets that will not decode properly. */
export function findCharsetWarnings(raw: Buffer): string[] {
  const text = raw.toString('latin1', 0, Math.min(raw.length, 8 * 1024 * 1024));
  const warned = new Set<string>();
  let checked = 0;
  for (const m of [...contentTypeFields(text)].flatMap((field) => [...field.matchAll(CHARSET_PARAM)])) {
    if (++checked > MAX_CHECKED) break;
    const label = m[1];
    if (warned.has(label.toLowerCase())) continue;
    if (REFUSED.test(label)) {
      warned.add(label.toLowerCase());
    } else if (!isKnownCharset(label)) {
      warned.add(label.toLowerCase());
    }
  }
  return [...warned].map((l) => `Unknown or unsafe charset "${l}"; the text was decoded as UTF-8 and may show wrong characters.`);
}
