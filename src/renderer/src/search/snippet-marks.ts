/** The core wraps matched terms of a search snippet in these control characters. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

export interface SnippetPart {
  text: string;
  marked: boolean;
}

/**
 * Splits a snippet into plain and marked runs, to be rendered as text nodes and <mark>
 * elements (never as HTML). Stray or unbalanced markers are dropped, not shown.
 */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  let current = '';
  const flush = () => {
    if (current.length === 0) return;
    const last = parts[parts.length - 1];
    if (last && last.marked === marked) last.text += current;
    else parts.push({ text: current, marked });
    current = '';
  };
  for (const ch of snippet) {
    if (ch === MARK_START) {
      flush();
      marked = true;
    } else if (ch === MARK_END) {
      flush();
      marked = false;
    } else {
      current += ch;
    }
  }
  flush();
  return parts;
}
