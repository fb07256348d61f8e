import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache';

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => `row${from + i}`);

describe('PageCache', () => {
  it('asks for the pages of a visible range once, then serves rows from them', () => {
    const cache = new PageCache<string>(100);
    expect(cache.pagesToFetch(0, 30)).toEqual([0]);
    const t = cache.begin(0);
    expect(cache.pagesToFetch(0, 30)).toEqual([]); // in flight
    cache.store(0, t, { total: 100000, items: rows(0, 100) });
    expect(cache.total).toBe(100000);
    expect(cache.get(42)).toBe('row42');
    expect(cache.get(142)).toBeUndefined();
    expect(cache.pagesToFetch(90, 230)).toEqual([1, 2]);
  });

  it('does not ask for pages past the end of the list', () => {
    const cache = new PageCache<string>(100);
    cache.store(0, cache.begin(0), { total: 150, items: rows(0, 100) });
    expect(cache.pagesToFetch(0, 1000)).toEqual([1]);
  });

  it('keeps stale rows visible after invalidation but fetches them again', () => {
    const cache = new PageCache<string>(10);
    cache.store(0, cache.begin(0), { total: 10, items: rows(0, 10) });
    cache.invalidate();
    expect(cache.get(3)).toBe('row3');
    expect(cache.pagesToFetch(0, 9)).toEqual([0]);
    cache.store(0, cache.begin(0), { total: 11, items: ['new', ...rows(0, 9)] });
    expect(cache.get(0)).toBe('new');
    expect(cache.total).toBe(11);
    expect(cache.pagesToFetch(0, 9)).toEqual([]);
  });

  it('treats an answer to a request from before the invalidation as stale', () => {
    const cache = new PageCache<string>(10);
    const old = cache.begin(0);
    cache.invalidate();
    expect(cache.pagesToFetch(0, 5)).toEqual([0]); // the in-flight request is outdated
    const fresh = cache.begin(0);
    cache.store(0, fresh, { total: 2, items: ['fresh-a', 'fresh-b'] });
    cache.store(0, old, { total: 5, items: rows(0, 5) }); // arrives late
    expect(cache.get(0)).toBe('fresh-a');
    expect(cache.total).toBe(2);
  });

  it('asks again after a failed request', () => {
    const cache = new PageCache<string>(10);
    const t = cache.begin(0);
    cache.fail(0, t);
    expect(cache.pagesToFetch(0, 5)).toEqual([0]);
  });
});
