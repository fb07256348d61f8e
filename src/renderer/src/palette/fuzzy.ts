/**
 * Subsequence match score for the command palette: every query character must appear in order.
 * Consecutive runs and word starts score higher; null when it does not match.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q.length === 0) return 0;
  const t = text.toLowerCase();
  let score = 0;
  let ti = 0;
  let prevMatch = -2;
  for (const ch of q) {
    const found = t.indexOf(ch, ti);
    if (found === -1) return null;
    const wordStart = found === 0 || /[\s/\-_:.]/.test(t[found - 1]);
    score += 1 + (found === prevMatch + 1 ? 3 : 0) + (wordStart ? 2 : 0) - Math.min(found - ti, 3) * 0.1;
    prevMatch = found;
    ti = found + 1;
  }
  // Shorter labels win ties: "Inbox" before "Inbox/Receipts/2019".
  return score - t.length * 0.01;
}

export function fuzzyFilter<T>(items: readonly T[], query: string, label: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, label(item)) }))
    .filter((x): x is { item: T; index: number; score: number } => x.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((x) => x.item);
}
