/** Quoting the original in a reply or forward: an attribution line, then the text in "> " or <blockquote>. */
import type { Address } from '../../shared/api/mail';
import { sanitizeHtmlBody } from '../mail/sanitize-html-body';
import { formatAddressList } from './addresses';

export interface QuoteOptions {
  /** IANA zone for the attribution date (the user's); defaults to the process zone. */
  timeZone?: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "Mon, Mar 3, 2025, 2:05 PM": English and fixed, as the rest of the attribution line is. */
export function formatQuoteDate(ms: number, options: QuoteOptions = {}): string {
  const f = new Intl.DateTimeFormat('en-US', {
    weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit',
    timeZone: options.timeZone,
  });
  return f.format(new Date(ms)).replace(/[\u202f\u00a0]/g, ' ');
}

export function attributionLine(from: Address | null, date: number, options: QuoteOptions = {}): string {
  const who = from ? formatAddressList([from]) : 'someone';
  return `On ${formatQuoteDate(date, options)}, ${who} wrote:`;
}

/** Text with "> " before each line (">" alone for empty lines, ">>" for lines already quoted). */
export function quoteText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\s+$/u, '')
    .split('\n')
    .map((line) => (line === '' ? '>' : line.startsWith('>') ? `>${line}` : `> ${line}`))
    .join('\n');
}

/** Plain text as HTML that keeps its line breaks. */
export function textToHtml(text: string): string {
  return escapeHtml(text.replace(/\r\n?/g, '\n')).replace(/\n/g, '<br>\n');
}

/**
 * The original body as HTML for quoting. Stored HTML was sanitized at import; it is sanitized
 * again because this function is also handed bodies that never went through the store.
 */
export function originalBodyHtml(bodyHtml: string | null, bodyText: string): string {
  if (bodyHtml !== null && bodyHtml.trim() !== '') return sanitizeHtmlBody(bodyHtml).html;
  return textToHtml(bodyText);
}

const BLOCKQUOTE_STYLE = 'margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex';

export function blockquoteHtml(attribution: string, innerHtml: string): string {
  return (
    `<div class="pmsync-quote"><p>${escapeHtml(attribution)}</p>` +
    `<blockquote type="cite" style="${BLOCKQUOTE_STYLE}">${innerHtml}</blockquote></div>`
  );
}

/**
 * Content-IDs the HTML shows as `cid:` images. A reply quoting such HTML must carry those
 * images (as attachments with the same cid) or the recipient sees broken images.
 */
export function referencedCids(html: string): string[] {
  const ids = new Set<string>();
  for (const m of html.matchAll(/\bsrc\s*=\s*["']?cid:([^"'\s>]+)/gi)) ids.add(decodeCid(m[1]).replace(/^<|>$/g, ''));
  return [...ids];
}

function decodeCid(raw: string): string {
  try {
    return decodeURIComponent(raw); // RFC 2392 cid: URLs are %-encoded
  } catch {
    return raw;
  }
}
