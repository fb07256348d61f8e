/**
 * Turns what a user types into an FTS5 expression: every word is a prefix term, all must match
 * ("ann mü" finds Anna Müller). Words are split the way the unicode61 tokenizer splits text, so
 * "anna.m@ex" becomes anna* m* ex*; each term is quoted, so FTS5 syntax in the input is inert.
 */
export const MAX_QUERY_TERMS = 8;

export function contactQueryTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '')
    .slice(0, MAX_QUERY_TERMS)
    .map((t) => t.slice(0, 100));
}

/** null when the query has no searchable word (only punctuation): the caller lists all instead. */
export function contactMatchExpression(query: string, columns?: readonly string[]): string | null {
  const terms = contactQueryTerms(query);
  if (terms.length === 0) return null;
  const scope = columns ? `{${columns.join(' ')}} : ` : '';
  return terms.map((t) => `${scope}"${t}"*`).join(' AND ');
}

/** Folds accents the way the index does (remove_diacritics), for matching in code. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** True when every term is a prefix of some word of `text` (the index's rule, applied to one field). */
export function matchesAllTerms(text: string, terms: readonly string[]): boolean {
  const words = fold(text).split(/[^\p{L}\p{N}]+/u);
  return terms.every((t) => words.some((w) => w.startsWith(fold(t))));
}
