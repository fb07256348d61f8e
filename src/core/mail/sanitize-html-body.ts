import sanitizeHtml from 'sanitize-html';
import { cleanCss, cssHasRemote } from './css-cleaner';

export interface SanitizedBody {
  html: string;
  /** True when http(s) images, backgrounds or CSS url()s survive: shown only when the user allows. */
  hasRemoteContent: boolean;
}

const FORMATTING_TAGS = [
  'a', 'abbr', 'acronym', 'address', 'article', 'aside', 'b', 'bdi', 'big', 'blockquote', 'br',
  'caption', 'center', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div',
  'dl', 'dt', 'em', 'figcaption', 'figure', 'font', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'main', 'mark', 'nav', 'ol', 'p', 'pre', 'q',
  's', 'samp', 'section', 'small', 'span', 'strike', 'strong', 'style', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'tt', 'u', 'ul', 'var', 'wbr',
];

const COMMON_ATTRIBUTES = [
  'style', 'class', 'id', 'title', 'dir', 'lang', 'align', 'valign', 'width', 'height',
  'bgcolor', 'background', 'border', 'color',
];

const IMAGE_SCHEMES = ['http', 'https', 'cid', 'data'];
const SAFE_DATA_IMAGE = /^\s*data:image\/(png|gif|jpe?g|webp)[;,]/i;

// Disallowed tags whose text is not content either (scripts, SVG, templates...).
const NON_TEXT_TAGS = [
  'script', 'style', 'textarea', 'option', 'xmp', 'noscript', 'title', 'svg', 'math', 'template',
  'noembed', 'noframes', 'object', 'applet', 'embed', 'select', 'button',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: FORMATTING_TAGS,
  allowVulnerableTags: true, // <style> is kept on purpose: its text is cleaned after sanitizing
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT_TAGS,
  allowedAttributes: {
    '*': COMMON_ATTRIBUTES,
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'border', 'hspace', 'vspace'],
    font: ['face', 'size', 'color'],
    table: ['cellpadding', 'cellspacing', 'frame', 'rules', 'summary'],
    td: ['colspan', 'rowspan', 'nowrap', 'headers', 'scope', 'abbr'],
    th: ['colspan', 'rowspan', 'nowrap', 'headers', 'scope', 'abbr'],
    col: ['span'],
    colgroup: ['span'],
    ol: ['start', 'type', 'reversed'],
    ul: ['type'],
    li: ['value'],
    blockquote: ['cite'],
    q: ['cite'],
    time: ['datetime'],
    details: ['open'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: IMAGE_SCHEMES },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'background', 'action', 'formaction', 'poster', 'xlink:href', 'longdesc', 'usemap', 'dynsrc', 'lowsrc'],
  allowProtocolRelative: false,
  // Style attributes are made safe by cleanCss (transformTags below); sanitize-html's own postcss
  // pass over every attribute found nothing more and cost ~4% of parse time.
  parseStyleAttributes: false,
  transformTags: {
    // Runs after the tag-specific transforms, for every tag.
    '*': (tagName, attribs) => {
      const out = { ...attribs };
      if (out.style !== undefined) out.style = cleanCss(out.style);
      if (out.background !== undefined && !/^\s*(https?:|cid:)/i.test(out.background) && !SAFE_DATA_IMAGE.test(out.background)) {
        delete out.background;
      }
      return { tagName, attribs: out };
    },
    img: (tagName, attribs) => {
      const out = { ...attribs };
      if (out.src !== undefined && /^\s*data:/i.test(out.src) && !SAFE_DATA_IMAGE.test(out.src)) delete out.src;
      return { tagName, attribs: out };
    },
    a: (tagName, attribs) => {
      const out = { ...attribs };
      if (out.href !== undefined) {
        out.target = '_blank';
        out.rel = 'noopener noreferrer';
      } else {
        delete out.target;
        delete out.rel;
      }
      return { tagName, attribs: out };
    },
  },
};

const STYLE_BLOCK = /(<style\b[^>]*>)([\s\S]*?)(<\/style\s*>)/gi;
// On sanitize-html's output attributes are normalized to name="value" with quotes escaped.
const STYLE_ATTRIBUTE = /\sstyle="([^"]*)"/gi;
const REMOTE_ATTRIBUTE = /\s(?:src|background)="\s*https?:/i;

/** Sanitizes an HTML mail body for storage; the renderer sanitizes again before display. */
export function sanitizeHtmlBody(html: string): SanitizedBody {
  let remoteCss = false;
  let out = sanitizeHtml(html, OPTIONS);
  // <style> text passes through sanitize-html untouched: clean it here.
  out = out.replace(STYLE_BLOCK, (_m, open: string, css: string, close: string) => {
    const cleaned = cleanCss(css);
    remoteCss ||= cssHasRemote(cleaned);
    return `${open}${cleaned}${close}`;
  });
  for (const m of out.matchAll(STYLE_ATTRIBUTE)) remoteCss ||= cssHasRemote(m[1]);
  return { html: out, hasRemoteContent: remoteCss || REMOTE_ATTRIBUTE.test(out) };
}
