import DOMPurify from 'dompurify';

/**
 * Pasting from web pages and Office: keep structure (paragraphs, headings, lists, links, quotes,
 * code, emphasis), drop everything else — styles, classes, scripts, fonts, Office XML and
 * conditional comments. Inline emphasis expressed only as CSS (Google Docs, Word) is turned into
 * real tags first so it survives the style stripping.
 */

export interface TextMarks {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
}

/** What an inline style says about emphasis. `font-weight: normal` on <b> (Google Docs) is "not bold". */
export function marksFromStyle(style: string): Partial<TextMarks> {
  const marks: Partial<TextMarks> = {};
  for (const decl of style.split(';')) {
    const [rawProp, ...rest] = decl.split(':');
    const prop = rawProp?.trim().toLowerCase();
    const value = rest.join(':').trim().toLowerCase();
    if (!prop || !value) continue;
    if (prop === 'font-weight') marks.bold = value === 'bold' || value === 'bolder' || (/^\d+$/.test(value) && Number(value) >= 600);
    else if (prop === 'font-style') marks.italic = value === 'italic' || value === 'oblique';
    else if (prop === 'text-decoration' || prop === 'text-decoration-line') {
      if (value.includes('underline')) marks.underline = true;
      if (value.includes('line-through')) marks.strike = true;
    }
  }
  return marks;
}

/** Office/Word clipboard HTML, recognisable before parsing. */
export function isOfficeHtml(html: string): boolean {
  return /urn:schemas-microsoft-com:office|class="?Mso|mso-[a-z-]+\s*:|<o:p>/i.test(html);
}

/** Text-level cleanup that is easier before parsing: conditional comments, XML islands, fragment markers. */
export function stripOfficeMarkup(html: string): string {
  return html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
    .replace(/<!\[if[\s\S]*?<!\[endif\]>/gi, '')
    .replace(/<xml>[\s\S]*?<\/xml>/gi, '')
    .replace(/<\/?o:p>/gi, '')
    .replace(/<\/?[a-z]+:[a-z]+[^>]*>/gi, '') // w:, v:, st1: … namespaced tags
    .replace(/<!--(?:Start|End)Fragment-->/g, '');
}

/** A Word list paragraph ("mso-list:l0 level1 lfo1") and its marker kind. */
export function officeListInfo(style: string, markerText: string): { level: number; ordered: boolean } | null {
  const m = /mso-list:\s*l\d+\s+level(\d+)/i.exec(style);
  if (!m) return null;
  return { level: Number(m[1]), ordered: /^\s*(?:\d+|[a-z]|[ivxlc]+)[.)]\s*$/i.test(markerText) };
}

export const ALLOWED_TAGS = ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'strike', 'del', 'a', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'img', 'span', 'div', 'hr'];
export const ALLOWED_ATTR = ['href', 'src', 'alt', 'title'];

const WRAP: Array<[keyof TextMarks, string]> = [['bold', 'strong'], ['italic', 'em'], ['underline', 'u'], ['strike', 's']];

/** Rewrites CSS-only emphasis into tags, undoes Google Docs' all-bold wrapper, and rebuilds Word lists. */
function normalizeDom(doc: Document): void {
  for (const el of [...doc.body.querySelectorAll<HTMLElement>('[style]')]) {
    const style = el.getAttribute('style') ?? '';
    const marks = marksFromStyle(style);
    if ((el.tagName === 'B' || el.tagName === 'STRONG') && marks.bold === false) {
      el.replaceWith(...el.childNodes); // Google Docs: <b style="font-weight:normal" id="docs-internal-guid-…">
      continue;
    }
    if (el.tagName !== 'SPAN') continue;
    let inner: Node[] = [...el.childNodes];
    for (const [mark, tag] of WRAP) {
      if (!marks[mark]) continue;
      const wrapper = doc.createElement(tag);
      wrapper.append(...inner);
      inner = [wrapper];
    }
    el.replaceChildren(...inner);
  }
  rebuildOfficeLists(doc);
}

function rebuildOfficeLists(doc: Document): void {
  let list: HTMLElement | null = null;
  for (const p of [...doc.body.querySelectorAll<HTMLElement>('p')]) {
    const ignored = p.querySelector<HTMLElement>('[style*="mso-list:Ignore" i], [style*="mso-list: Ignore" i]');
    const info = officeListInfo(p.getAttribute('style') ?? '', ignored?.textContent ?? '');
    if (!info) {
      list = null;
      continue;
    }
    ignored?.remove();
    const li = doc.createElement('li');
    li.append(...p.childNodes);
    const previous = p.previousElementSibling;
    if (!list || previous !== list) {
      list = doc.createElement(info.ordered ? 'ol' : 'ul');
      p.before(list);
    }
    list.append(li);
    p.remove();
  }
}

/** Pasted HTML → safe, structural HTML for the editor. Runs in the renderer (needs a DOM). */
export function sanitizePastedHtml(html: string): string {
  const cleaned = isOfficeHtml(html) ? stripOfficeMarkup(html) : html.replace(/<!--(?:Start|End)Fragment-->/g, '');
  const doc = new DOMParser().parseFromString(cleaned, 'text/html');
  normalizeDom(doc);
  return DOMPurify.sanitize(doc.body.innerHTML, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    // Remote images may stay (the recipient's client decides); javascript: and data: links may not.
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|cid:|data:image\/(?:png|jpeg|gif|webp);)/i,
    KEEP_CONTENT: true,
  });
}
