/** What decides whether an occurrence can conflict with another. */
export interface BusySpan {
  start: number;
  end: number;
  /** Timed, opaque, not cancelled, not declined: the user is busy. */
  busy: boolean;
}

/**
 * For each span, whether it overlaps another busy span (touching ends do not overlap).
 * One sweep in start order with the spans still running: O(n log n + overlaps).
 */
export function conflictFlags(spans: readonly BusySpan[]): boolean[] {
  const flags = spans.map(() => false);
  const order = spans.map((_, i) => i).filter((i) => spans[i].busy && spans[i].end > spans[i].start).sort((a, b) => spans[a].start - spans[b].start);
  let running: number[] = [];
  for (const i of order) {
    running = running.filter((j) => spans[j].end > spans[i].start);
    if (running.length > 0) {
      flags[i] = true;
      for (const j of running) flags[j] = true;
    }
    running.push(i);
  }
  return flags;
}
