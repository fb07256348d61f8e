import type { TextField, TextTerm } from './query-parser';

/** FTS5 columns of message_fts (see store migration 0030) per query field. */
const COLUMN: Record<Exclude<TextField, 'any'>, string> = { from: 'sender', to: 'recipients', subject: 'subject' };

/**
 * Every term becomes an FTS5 string literal: wrapped in double quotes with inner quotes
 * doubled, so user text can never be read as an operator (AND, NEAR, parentheses, column
 * filters, `^`, `*`). A bare word and a quoted phrase differ only in meaning, not in escaping:
 * FTS5 treats a multi-token string as a phrase, which is what a bare `alice@example.com` needs.
 */
export function quoteFts(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function termExpression(t: TextTerm): string {
  const literal = quoteFts(t.text) + (t.prefix ? ' *' : '');
  return t.field === 'any' ? literal : `${COLUMN[t.field]} : ${literal}`;
}

export interface FtsPlan {
  /** MATCH expression the message must satisfy, or null when no positive text terms. */
  match: string | null;
  /** MATCH expression for terms the message must NOT satisfy when there is no positive term to subtract from. */
  exclude: string | null;
}

export function buildFtsPlan(terms: readonly TextTerm[]): FtsPlan {
  const positive = terms.filter((t) => !t.negated).map(termExpression);
  const negative = terms.filter((t) => t.negated).map(termExpression);
  if (positive.length === 0) return { match: null, exclude: negative.length > 0 ? negative.join(' OR ') : null };
  let match = positive.join(' AND ');
  // FTS5 NOT is binary and left-associative: (a AND b) NOT x NOT y.
  if (negative.length > 0) match = `(${match})${negative.map((n) => ` NOT ${n}`).join('')}`;
  return { match, exclude: null };
}
