/**
 * A small, linear-time HTML → plain text conversion for bodies, snippets and the search index.
 * It does not need to be pretty: it must be fast, bounded and never execute anything.
 */

const MAX_INPUT = 4 * 1024 * 1024;
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', trade: '™',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bull: '•',
  middot: '·', euro: '€', pound: '£', yen: '¥', cent: '¢', deg: '°', times: '×', laquo: '«', raquo: '»',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é',
  egrave: 'è', agrave: 'à', ccedil: 'ç', zwnj: '', zwj: '', shy: '',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});?/gi, (m, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '';
    }
    return NAMED[body] ?? m;
  });
}

const BLOCK_TAGS = new Set(['p', 'div', 'br', 'tr', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'ul', 'ol', 'dl', 'dt', 'dd', 'hr', 'section', 'article', 'header', 'footer']);
const SKIPPED_ELEMENTS = new Set(['script', 'style', 'head', 'title', 'template', 'svg']);

/**
 * One left-to-right pass over the markup. Regular expressions like `<[^>]*>` rescan to the end
 * of the input for every unclosed `<`, which made hostile mail (`'<x '.repeat(1e5)`) take
 * minutes; here every search starts where the last one stopped, and a missing `>` or closing
 * tag ends the scan, so the work stays linear in the input.
 */
function stripTags(html: string): string {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      out.push(html.slice(i));
      break;
    }
    out.push(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end === -1) break;
      i = end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt === -1) break; // an unclosed tag: nothing after it can be a tag either
    const name = /^<\/?([a-z][a-z0-9]*)/i.exec(html.slice(lt, Math.min(gt + 1, lt + 40)))?.[1]?.toLowerCase() ?? '';
    const closing = html[lt + 1] === '/';
    i = gt + 1;
    if (!closing && SKIPPED_ELEMENTS.has(name)) {
      const end = lower.indexOf(`</${name}`, i);
      if (end === -1) break;
      const endGt = html.indexOf('>', end);
      if (endGt === -1) break;
      i = endGt + 1;
    } else if (BLOCK_TAGS.has(name)) out.push('\n');
    else if (closing && (name === 'td' || name === 'th')) out.push('\t');
  }
  return out.join('');
}

export function htmlToPlainText(html: string): string {
  return decodeEntities(stripTags(html.slice(0, MAX_INPUT)))
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
