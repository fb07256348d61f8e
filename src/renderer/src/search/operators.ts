export interface OperatorHint {
  /** What gets inserted, e.g. "from:" or "is:unread". */
  insert: string;
  description: string;
}

export const SEARCH_OPERATORS: OperatorHint[] = [
  { insert: 'from:', description: 'Sender name or address' },
  { insert: 'to:', description: 'Recipient name or address' },
  { insert: 'subject:', description: 'Words in the subject' },
  { insert: 'in:', description: 'Folder name' },
  { insert: 'is:unread', description: 'Unread messages' },
  { insert: 'is:flagged', description: 'Flagged messages' },
  { insert: 'has:attachment', description: 'Messages with attachments' },
  { insert: 'before:', description: 'Before a date (YYYY-MM-DD)' },
  { insert: 'after:', description: 'After a date (YYYY-MM-DD)' },
];

export interface Suggestion {
  /** The whole query after accepting the suggestion. */
  query: string;
  label: string;
  description: string;
}

/** The token being typed: everything after the last whitespace (quotes are not split). */
function currentToken(query: string): { head: string; token: string } {
  const m = /(\S*)$/.exec(query);
  const token = m ? m[1] : '';
  return { head: query.slice(0, query.length - token.length), token };
}

function quoteIfNeeded(value: string): string {
  return /\s/.test(value) ? `"${value}"` : value;
}

/**
 * Suggestions for the search dropdown: operators whose name starts with the token being typed
 * (all of them for an empty token), and folder names after `in:`.
 */
export function suggest(query: string, folderNames: readonly string[], max = 8): Suggestion[] {
  const { head, token } = currentToken(query);
  const lower = token.toLowerCase();
  if (lower.startsWith('in:')) {
    const partial = lower.slice(3).replace(/^"/, '');
    return [...new Set(folderNames)]
      .filter((name) => name.toLowerCase().startsWith(partial) && name.toLowerCase() !== partial)
      .slice(0, max)
      .map((name) => ({ query: `${head}in:${quoteIfNeeded(name)} `, label: `in:${name}`, description: 'Folder' }));
  }
  if (lower.includes(':') && !SEARCH_OPERATORS.some((o) => o.insert.startsWith(lower) && o.insert !== lower)) return [];
  return SEARCH_OPERATORS.filter((o) => o.insert.startsWith(lower) && o.insert !== lower)
    .slice(0, max)
    .map((o) => ({ query: head + o.insert + (o.insert.endsWith(':') ? '' : ' '), label: o.insert, description: o.description }));
}
