export interface Page<T> {
  total: number;
  items: T[];
}

/**
 * Pages of a long list fetched on demand. After `invalidate()` the old rows stay visible (no
 * flicker) but count as stale and are fetched again; an answer to a request made before the
 * invalidation is stored as stale too, so it is never mistaken for fresh data.
 */
export class PageCache<T> {
  private readonly pages = new Map<number, { items: T[]; generation: number }>();
  private readonly inflight = new Map<number, number>();
  private generation = 0;
  total: number | null = null;

  constructor(readonly pageSize: number) {}

  get(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.items[index % this.pageSize];
  }

  /** Pages covering [start, end] that are missing or stale and not already being fetched. */
  pagesToFetch(start: number, end: number): number[] {
    const last = this.total === null ? Math.floor(end / this.pageSize) : Math.min(Math.floor(end / this.pageSize), Math.max(0, Math.ceil(this.total / this.pageSize) - 1));
    const out: number[] = [];
    for (let p = Math.max(0, Math.floor(start / this.pageSize)); p <= last; p++) {
      const have = this.pages.get(p);
      const fresh = have !== undefined && have.generation === this.generation;
      if (!fresh && this.inflight.get(p) !== this.generation) out.push(p);
    }
    return out;
  }

  /** Marks a page as requested; returns the token to hand back to `store`. */
  begin(page: number): number {
    this.inflight.set(page, this.generation);
    return this.generation;
  }

  store(page: number, token: number, result: Page<T>): void {
    if (this.inflight.get(page) === token) this.inflight.delete(page);
    const existing = this.pages.get(page);
    if (existing && existing.generation > token) return;
    this.pages.set(page, { items: result.items, generation: token });
    if (token === this.generation || this.total === null) this.total = result.total;
  }

  /** A request failed: forget it so the page is asked for again later. */
  fail(page: number, token: number): void {
    if (this.inflight.get(page) === token) this.inflight.delete(page);
  }

  invalidate(): void {
    this.generation++;
  }
}
