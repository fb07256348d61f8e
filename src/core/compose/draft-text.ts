/**
 * The plain-text part written beside a composed HTML body. Builds on the importer's bounded
 * converter, adding what a reader of the text part needs from the editor's markup: link
 * targets, list bullets and quoted blocks as "> " lines.
 */
import { htmlToPlainText } from '../mail/html-to-text';

const QUOTE_OPEN = '\u0001Q+\u0001'; // control characters never survive into editor HTML text
const QUOTE_CLOSE = '\u0001Q-\u0001';

function linksAndLists(html: string): string {
  return html
    // Bounded repeats: quoted originals can be hostile, and unbounded ones go quadratic on "<a<a<a…".
    .replace(/<a\b[^>]{0,500}?\bhref\s*=\s*(?:"([^"]{0,2000})"|'([^']{0,2000})')[^>]{0,500}>([\s\S]{0,2000}?)<\/a\s*>/gi, (_m, dq: string | undefined, sq: string | undefined, inner: string) => {
      const href = (dq ?? sq ?? '').trim();
      const label = htmlToPlainText(inner);
      if (href === '' || /^(?:javascript|data):/i.test(href)) return inner;
      const target = href.replace(/^mailto:/i, '');
      return label === target || label === href ? inner : `${inner} &lt;${href}&gt;`;
    })
    .replace(/<\/li\s*>/gi, '')
    .replace(/<li\b[^>]{0,500}>/gi, '\n- ');
}

// eslint-disable-next-line no-control-regex -- the markers are control characters on purpose
const MARKER = /\u0001Q([+-])\u0001/g;
// Deeper quoting adds nothing readable and, with hostile nesting, would multiply the output.
const MAX_QUOTE_DEPTH = 8;

interface QuotedLine {
  text: string;
  depth: number;
}

/** Removes the markers of one line, tracking the blockquote depth across lines. */
function stripMarkers(rawLine: string, depthBefore: number): { line: QuotedLine; depthAfter: number } {
  let depth = depthBefore;
  let lineDepth = depthBefore;
  const text = rawLine.replace(MARKER, (_m, sign: string) => {
    depth = sign === '+' ? depth + 1 : Math.max(0, depth - 1);
    lineDepth = Math.max(lineDepth, depth);
    return '';
  });
  return { line: { text: text.trim(), depth: Math.min(lineDepth, MAX_QUOTE_DEPTH) }, depthAfter: depth };
}

/** For each line, the depth of the nearest non-blank line in one direction (0 at the edge). */
function nearestDepths(lines: QuotedLine[], order: number[]): number[] {
  const out = new Array<number>(lines.length);
  let last = 0;
  for (const i of order) {
    out[i] = last;
    if (lines[i].text !== '') last = lines[i].depth;
  }
  return out;
}

/**
 * Writes "> " before quoted lines. A blank line takes the shallower depth of its neighbours, so
 * a paragraph break inside a quote stays quoted and the one after it does not.
 */
function applyQuoteMarkers(text: string): string {
  const lines: QuotedLine[] = [];
  let depth = 0;
  for (const raw of text.split('\n')) {
    const { line, depthAfter } = stripMarkers(raw, depth);
    depth = depthAfter;
    lines.push(line);
  }
  const indexes = lines.map((_l, i) => i);
  const before = nearestDepths(lines, indexes);
  const after = nearestDepths(lines, [...indexes].reverse());
  const out: string[] = [];
  lines.forEach((l, i) => {
    const d = l.text === '' ? Math.min(before[i], after[i]) : l.depth;
    const rendered = d > 0 ? `${'>'.repeat(d)}${l.text === '' ? '' : ` ${l.text}`}` : l.text;
    if (l.text === '' && out.length > 0 && out[out.length - 1] === rendered) return; // one blank line, not many
    out.push(rendered);
  });
  return out.join('\n').trim();
}

export function draftHtmlToText(html: string): string {
  const marked = linksAndLists(html)
    .replace(/<blockquote\b[^>]*>/gi, `<div>${QUOTE_OPEN}`)
    .replace(/<\/blockquote\s*>/gi, `${QUOTE_CLOSE}</div>`);
  return applyQuoteMarkers(htmlToPlainText(marked));
}
