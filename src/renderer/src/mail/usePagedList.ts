import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { PageCache, type Page } from './page-cache';

export interface PagedList<T> {
  /** Null until the first page answered. */
  total: number | null;
  get(index: number): T | undefined;
  /** Fetches whatever pages of [start, end] are missing or stale. */
  ensure(start: number, end: number): void;
  /** Marks every page stale; the visible ones are fetched again (rows stay until replaced). */
  invalidate(): void;
  error: unknown;
  /** Changes whenever rows arrive; list components depend on it to re-render. */
  version: number;
}

/**
 * A long server-side list, fetched a page at a time as it scrolls into view. A new `key`
 * (another folder, another query) starts a new cache; answers for an old key are dropped.
 */
export function usePagedList<T>(key: string, fetchPage: (offset: number, limit: number) => Promise<Page<T>>, pageSize = 100): PagedList<T> {
  // `key` is the identity of the list: a new one means a fresh cache.
  const cache = useMemo(() => new PageCache<T>(pageSize), [key, pageSize]);
  const current = useRef(cache);
  current.current = cache;
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => setError(null), [cache]);

  const ensure = useCallback((start: number, end: number) => {
    for (const page of cache.pagesToFetch(start, end)) {
      const token = cache.begin(page);
      fetchRef.current(page * pageSize, pageSize).then(
        (result) => {
          if (current.current !== cache) return;
          cache.store(page, token, result);
          setError(null);
          setVersion((v) => v + 1);
        },
        (err: unknown) => {
          cache.fail(page, token);
          if (current.current === cache) setError(err);
        },
      );
    }
  }, [cache, pageSize]);

  const invalidate = useCallback(() => {
    cache.invalidate();
    setVersion((v) => v + 1);
  }, [cache]);

  return { total: cache.total, get: (i) => cache.get(i), ensure, invalidate, error, version };
}
