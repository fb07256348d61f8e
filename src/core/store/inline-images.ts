/** Largest inline image turned into a data: URI; bigger ones stay as cid: links the renderer will not load. */
export const MAX_INLINE_IMAGE_BYTES = 5 * 1024 * 1024;

export interface InlinePart {
  contentId: string;
  contentType: string;
  content: Buffer;
}

const CID_REF = /cid:([^\s"'<>)]+)/gi;
const SAFE_IMAGE_TYPE = /^image\/[a-z0-9.+-]+$/;

function normalizeCid(raw: string): string {
  let id = raw;
  try {
    id = decodeURIComponent(raw);
  } catch {
    // Keep it as written: a stray % is not worth failing the message for.
  }
  return id.trim().replace(/^<|>$/g, '').toLowerCase();
}

/**
 * Replaces `cid:` references in message HTML with data: URIs of the message's own image parts.
 * Only image/* types become data URIs (an HTML or SVG part could carry script; SVG is excluded
 * for that reason), and the type is checked against a strict pattern before it is written into
 * the markup.
 */
export function resolveCidReferences(html: string, parts: readonly InlinePart[]): string {
  if (!html.toLowerCase().includes('cid:')) return html;
  const byCid = new Map<string, InlinePart>();
  for (const p of parts) {
    const type = p.contentType.toLowerCase().split(';')[0].trim();
    if (!SAFE_IMAGE_TYPE.test(type) || type === 'image/svg+xml') continue;
    if (p.content.length > MAX_INLINE_IMAGE_BYTES) continue;
    byCid.set(normalizeCid(p.contentId), { ...p, contentType: type });
  }
  if (byCid.size === 0) return html;
  const uris = new Map<string, string>();
  return html.replace(CID_REF, (whole, id: string) => {
    const key = normalizeCid(id);
    const part = byCid.get(key);
    if (!part) return whole;
    let uri = uris.get(key);
    if (!uri) {
      uri = `data:${part.contentType};base64,${part.content.toString('base64')}`;
      uris.set(key, uri);
    }
    return uri;
  });
}
