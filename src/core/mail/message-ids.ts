/**
 * Message-ID headers in the wild carry comments, missing brackets and plain garbage. These
 * helpers pull out what looks like ids and never throw.
 */

const BRACKETED = /<([^<>\s]{1,995})>/g;

function stripComments(value: string): string {
  // RFC 5322 comments; nested ones are rare enough that one level is fine.
  return value.replace(/\([^()]*\)/g, ' ');
}

/** Every id in a header value, brackets removed, in order, without duplicates. */
export function extractMessageIds(value: string | null | undefined): string[] {
  if (!value) return [];
  const text = stripComments(value);
  const ids: string[] = [];
  for (const m of text.matchAll(BRACKETED)) ids.push(m[1]);
  if (ids.length === 0) {
    // Unbracketed ids: keep tokens that look like local@domain.
    for (const token of text.split(/[\s,]+/)) {
      const t = token.replace(/^<|>$/g, '');
      if (/^[^@\s<>]+@[^@\s<>]+$/.test(t) && t.length <= 995) ids.push(t);
    }
  }
  return [...new Set(ids)];
}

/** The single id of a Message-ID header, or null when it holds nothing usable. */
export function extractMessageId(value: string | null | undefined): string | null {
  const ids = extractMessageIds(value);
  if (ids.length > 0) return ids[0];
  const bare = (value ?? '').replace(/[<>\s]/g, '');
  return bare.length > 0 && bare.length <= 995 ? bare : null;
}
