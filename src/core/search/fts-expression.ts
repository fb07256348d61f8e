import type { TextField, TextTerm } from './query-parser';

/** FTS5 columns of message_fts (see store migration 0030) per query field. */
const COLUMN: Record<Exclude<TextField, 'any'>, string> = { from: 'sender', to: 'recipients', subject: 'subject' };

/**
 * Prefixes as long as this or longer are not in an FTS5 prefix index (0030 has prefix='2 3'):
 * FTS5 answers them by merging the doclists of every matching term, positions included, on
 * every evaluation (~17 ms for `budg*` on 100k messages, and again for each row probed).
 * Spelled out as `"budget" OR "budgetary" OR …` they evaluate lazily like plain words.
 */
export const MIN_EXPANDED_PREFIX = 4;
/** More terms than this and the OR costs more than FTS5's own prefix merge. */
export const MAX_PREFIX_TERMS = 48;
/** Tokens we can match against the index's terms byte for byte (unicode61 only lower-cases these). */
const PLAIN_TOKEN = /^[a-z0-9]+$/;
const TOKEN = /[\p{L}\p{N}]+/gu;

/** Looks up the indexed terms that start with `prefix`; null when there are too many. */
export type PrefixTerms = (prefix: string) => string[] | null;

/**
 * Every term becomes an FTS5 string literal: wrapped in double quotes with inner quotes
 * doubled, so user text can never be read as an operator (AND, NEAR, parentheses, column
 * filters, `^`, `*`). A bare word and a quoted phrase differ only in meaning, not in escaping:
 * FTS5 treats a multi-token string as a phrase, which is what a bare `alice@example.com` needs.
 */
export function quoteFts(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The last token of a prefix term (the one `*` applies to) and the text before it. */
function prefixToken(t: TextTerm): { head: string; token: string; atEnd: boolean } | null {
  let last: RegExpExecArray | null = null;
  for (const m of t.text.matchAll(TOKEN)) last = m as RegExpExecArray;
  if (!last) return null;
  return { head: t.text.slice(0, last.index), token: last[0], atEnd: last.index + last[0].length === t.text.length };
}

/**
 * The prefix of a prefix term when it can be spelled out: plain ASCII letters/digits (matched
 * byte for byte against index terms), at the very end of the text, and long enough to be
 * outside the prefix indexes. `head` is the text before it (the start of a phrase).
 */
export function expandablePrefix(t: TextTerm): { head: string; prefix: string } | null {
  if (!t.prefix) return null;
  const p = prefixToken(t);
  if (!p || !p.atEnd) return null;
  const prefix = p.token.toLowerCase();
  if (prefix.length < MIN_EXPANDED_PREFIX || !PLAIN_TOKEN.test(prefix)) return null;
  return { head: p.head, prefix };
}

/** A prefix FTS5 answers from a prefix index (2 or 3 characters), lazily like a word. */
function isIndexedPrefix(t: TextTerm): boolean {
  const p = prefixToken(t);
  const length = p ? [...p.token].length : 0;
  return length === 2 || length === 3;
}

function termExpression(t: TextTerm, prefixTerms?: PrefixTerms): { sql: string; slow: boolean } {
  const expandable = prefixTerms ? expandablePrefix(t) : null;
  const terms = expandable && prefixTerms ? prefixTerms(expandable.prefix) : null;
  let literal: string;
  if (expandable && terms) {
    // No indexed term has this prefix: a literal that matches nothing keeps the query's meaning.
    const alternatives = terms.length > 0 ? terms.map((term) => quoteFts(expandable.head + term)) : [quoteFts(t.text)];
    literal = alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`;
  } else {
    literal = quoteFts(t.text) + (t.prefix ? ' *' : '');
  }
  const slow = t.prefix && !(expandable && terms) && !isIndexedPrefix(t);
  return { sql: t.field === 'any' ? literal : `${COLUMN[t.field]} : ${literal}`, slow };
}

export interface FtsPlan {
  /** MATCH expression the message must satisfy, or null when no positive text terms. */
  match: string | null;
  /** MATCH expression for terms the message must NOT satisfy when there is no positive term to subtract from. */
  exclude: string | null;
  /** True when FTS5 must merge prefix doclists for `match` on every evaluation (see MIN_EXPANDED_PREFIX). */
  slowPrefix: boolean;
}

/**
 * Builds the MATCH expressions. With `prefixTerms`, long prefixes are spelled out as the
 * indexed terms they stand for (same hits, see MIN_EXPANDED_PREFIX).
 */
export function buildFtsPlan(terms: readonly TextTerm[], prefixTerms?: PrefixTerms): FtsPlan {
  const positive = terms.filter((t) => !t.negated).map((t) => termExpression(t, prefixTerms));
  const negative = terms.filter((t) => t.negated).map((t) => termExpression(t, prefixTerms).sql);
  if (positive.length === 0) return { match: null, exclude: negative.length > 0 ? negative.join(' OR ') : null, slowPrefix: false };
  let match = positive.map((e) => e.sql).join(' AND ');
  // FTS5 NOT is binary and left-associative: (a AND b) NOT x NOT y.
  if (negative.length > 0) match = `(${match})${negative.map((n) => ` NOT ${n}`).join('')}`;
  return { match, exclude: null, slowPrefix: positive.some((e) => e.slow) };
}
